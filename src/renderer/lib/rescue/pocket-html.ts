/**
 * Pocket's HTML export (`ril_export.html`): an `<h1>Unread</h1>` and an `<h1>Read Archive</h1>`,
 * each followed by a `<ul>` of `<li><a href="…" time_added="1500000000" tags="a,b">Title</a>`.
 * Read with the browser's own parser (an inert document: no script runs, nothing loads), so
 * entities and odd markup read as a browser reads them. Database-free.
 */
import { translate } from '../../i18n/current-locale';
import { checkUrl, fromUnixSeconds, splitTags, type RescueParse } from './rescue-item';

/** Whether an HTML file is Pocket's export, from its first few kilobytes. */
export function isPocketHtml(head: string): boolean {
  return /<title>\s*Pocket Export\s*<\/title>/i.test(head);
}

export function parsePocketHtml(html: string): RescueParse {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const result: RescueParse = { format: 'pocket-html', items: [], problems: [] };
  let section = '';
  let position = 0;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    const tag = element.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) section = element.textContent?.trim().toLowerCase() ?? '';
    if (tag !== 'a') continue;
    position++;
    const where = translate('rescue.where.link', { position });
    const checked = checkUrl(element.getAttribute('href') ?? undefined);
    if ('reason' in checked) {
      result.problems.push({ where, reason: checked.reason });
      continue;
    }
    const title = element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const savedAt = fromUnixSeconds(element.getAttribute('time_added') ?? undefined);
    result.items.push({
      where,
      url: checked.url,
      // Pocket writes the address as the text of a link that had no title.
      title: title === element.getAttribute('href')?.trim() ? '' : title,
      ...(savedAt === undefined ? {} : { savedAt }),
      tags: splitTags(element.getAttribute('tags') ?? undefined, /,/),
      read: section.startsWith('read'),
      favourite: false,
      highlights: [],
    });
  }
  return result;
}
