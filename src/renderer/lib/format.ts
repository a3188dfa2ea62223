const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

export function relativeTime(at: number, now = Date.now()): string {
  const delta = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return relative.format(Math.round(delta / ms), unit);
  }
  return 'just now';
}

export function fullDate(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}

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

/** "Restore from backup (2026-12-06 14:05, 1,234 articles)": the gate's fixed button name. */
export function restoreFromBackupLabel(backup: { createdAt: number; articles: number }): string {
  return `Restore from backup (${backupDate(backup.createdAt)}, ${backup.articles.toLocaleString('en')} ${backup.articles === 1 ? 'article' : 'articles'})`;
}
