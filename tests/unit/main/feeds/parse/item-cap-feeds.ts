/** Generated feeds of many small items, for the item cap tests and their child process. */

const BASE = Date.UTC(2020, 0, 1);
const MINUTE = 60_000;

/**
 * Item i's date: a permutation of n minutes (7919 is prime and does not divide n), so the
 * newest items are spread through the document instead of standing first.
 */
export function itemDate(i: number, n: number): number {
  return BASE + ((i * 7919) % n) * MINUTE;
}

export function bigFeed(format: string, n: number): string {
  const parts: string[] = [];
  if (format === 'json') {
    for (let i = 0; i < n; i += 1) {
      const date = new Date(itemDate(i, n)).toISOString();
      parts.push(
        `{"id":"i${i}","title":"${i}","date_published":"${date}","content_html":"<p>${i}</p>"}`,
      );
    }
    return `{"version":"https://jsonfeed.org/version/1.1","title":"Big","items":[${parts.join(',')}]}`;
  }
  if (format === 'atom') {
    for (let i = 0; i < n; i += 1) {
      const date = new Date(itemDate(i, n)).toISOString();
      parts.push(
        `<entry><id>i${i}</id><title>${i}</title><updated>${date}</updated><summary>${i}</summary></entry>`,
      );
    }
    return `<feed xmlns="http://www.w3.org/2005/Atom"><title>Big</title>${parts.join('')}</feed>`;
  }
  for (let i = 0; i < n; i += 1) {
    const date = new Date(itemDate(i, n)).toUTCString();
    parts.push(
      `<item><guid>i${i}</guid><title>${i}</title><pubDate>${date}</pubDate><description>&lt;p&gt;${i}&lt;/p&gt;</description></item>`,
    );
  }
  return `<rss version="2.0"><channel><title>Big</title>${parts.join('')}</channel></rss>`;
}
