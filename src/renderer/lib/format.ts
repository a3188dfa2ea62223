/**
 * Plain text of an HTML fragment, for list excerpts; parsing in an inert document runs nothing.
 * Not main's htmlToText (main/html/text.ts): the renderer has a DOM, and these excerpts are
 * stored (Article.listText), so their exact words stay as they are.
 */
export function textExcerpt(html: string | undefined, max = 180): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Block boundaries are word boundaries: "<li>a</li><li>b</li>" reads "a b", not "ab".
  doc.body
    .querySelectorAll('p, li, div, br, h1, h2, h3, h4, h5, h6, td, blockquote')
    .forEach((el) => el.append(' '));
  const text = (doc.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** "2026-12-06 14:05" in local time: how backups are named to the reader. */
export function backupDate(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
