/**
 * The paragraphs "Listen" reads one after the other: the article's block elements that hold
 * text of their own (a list item, not the list around it; a quote's paragraphs, not the quote),
 * in reading order. Content that is all inline text reads as one block.
 */
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dt, dd, td, th';

/** Each block's text with its whitespace made single spaces, '' for blocks with none. */
export function blockText(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function readableBlocks(root: Element): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>(BLOCKS)];
  const leaves = all.filter((el) => !el.querySelector(BLOCKS) && blockText(el) !== '');
  if (leaves.length === 0) return blockText(root) && root instanceof HTMLElement ? [root] : [];
  return leaves;
}
