export const EXCERPT_MAX_CHARS = 300;

/** The paragraph itself when short enough, else cut at a word boundary with an ellipsis. */
export function makeExcerpt(paragraph: string, max = EXCERPT_MAX_CHARS): string {
  const text = paragraph.replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  // Scripts without spaces (Chinese, Japanese) are cut mid-run; so is one enormous word.
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:.–—-]+$/, '')}…`;
}
