/**
 * Reading text out of DOM nodes the way a reader sees it: whitespace collapsed, and block
 * elements kept apart (Node.textContent runs "end.</p><p>Start" together as "end.Start", which
 * miscounts words and makes search find words that are not there).
 */
import { BLOCK_ELEMENTS } from '../../shared/block-elements';

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/** textContent with whitespace collapsed to single spaces. */
export function normalizedText(node: Node): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Plain text of an element with paragraphs separated by blank lines. */
export function blockText(root: Node): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType === 11 || node.nodeType === 9) {
      for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
      return;
    }
    if (node.nodeType !== 1) return;
    const name = (node as Element).tagName;
    if (SKIPPED_TAGS.has(name)) return;
    const block = BLOCK_ELEMENTS.has(name);
    if (block) parts.push('\n\n');
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
    if (block) parts.push('\n\n');
  };
  visit(root);
  return parts
    .join('')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph)
    .join('\n\n');
}

/** Share of an element's text that sits inside links: navigation and link lists score high. */
export function linkDensity(element: Element): number {
  const total = normalizedText(element).length;
  if (!total) return 0;
  let linked = 0;
  for (const link of element.querySelectorAll('a')) linked += normalizedText(link).length;
  return Math.min(1, linked / total);
}
