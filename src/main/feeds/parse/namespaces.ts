/**
 * Namespace URIs of the feed vocabularies the parser reads. Each entry lists the spellings seen
 * in real feeds; the tree compares them loosely (see `namespaceKey` in xml-tree.ts), so case,
 * http/https and a trailing slash or hash need not be listed separately.
 */
export const NS = {
  /** RSS 2.0 has no namespace; RSS 1.0 and 0.90 do, and a few RSS 2.0 generators invent one. */
  rss: [
    '',
    'http://purl.org/rss/1.0/',
    'http://my.netscape.com/rdf/simple/0.9/',
    'http://backend.userland.com/rss2',
    'http://backend.userland.com/rss',
    'http://blogs.law.harvard.edu/tech/rss',
  ],
  atom: ['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#'],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  dc: ['http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/terms/'],
  content: ['http://purl.org/rss/1.0/modules/content/'],
  media: [
    'http://search.yahoo.com/mrss/',
    'http://video.search.yahoo.com/mrss/',
    'http://tools.search.yahoo.com/mrss/',
  ],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd'],
  feedburner: ['http://rssnamespace.org/feedburner/ext/1.0'],
  xhtml: ['http://www.w3.org/1999/xhtml'],
} as const;

export const ATOM_03 = 'http://purl.org/atom/ns#';

/**
 * Real feeds often use these prefixes without declaring them (a copy-pasted `dc:creator`, a
 * forgotten `xmlns:media`); reading them as the vocabulary everyone means beats dropping them.
 */
export const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  atom: NS.atom[0],
  content: NS.content[0],
  dc: NS.dc[0],
  dcterms: NS.dc[1],
  itunes: NS.itunes[0],
  media: NS.media[0],
  rdf: NS.rdf[0],
  xhtml: NS.xhtml[0],
};
