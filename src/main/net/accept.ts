/**
 * The Accept headers Broadsheet sends: the caller of httpGet says what it can use. Both end in
 * a low-ranked wildcard, because servers label feeds and pages carelessly and the content is
 * sniffed after the fetch anyway.
 */

/** A feed in any format Broadsheet reads (also discovery, which is first asked for a feed). */
export const FEED_ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml;q=0.9',
  'application/xml;q=0.8',
  'text/xml;q=0.8',
  'application/json;q=0.5',
  '*/*;q=0.2',
].join(', ');

/** A web page: an article to extract, a home page naming its icons. */
export const PAGE_ACCEPT = ['text/html', 'application/xhtml+xml;q=0.9', '*/*;q=0.5'].join(', ');
