/**
 * The normalized shape every feed format (RSS, Atom, RDF, JSON Feed) is turned into.
 * Dates are epoch milliseconds so they cross IPC and HTTP unchanged.
 */
export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The site the feed describes (its HTML home page), when the feed says. */
  siteUrl?: string;
  /** The feed's own URL: the one it declares for itself, else the URL it was fetched from. */
  feedUrl: string;
  description?: string;
  language?: string;
  iconUrl?: string;
  items: ParsedItem[];
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface ParsedItem {
  /** Stable across refreshes: the guid/id when present, else derived from link and title. */
  id: string;
  url?: string;
  title: string;
  authors: string[];
  /** Epoch ms; absent when the feed gives no usable date (the store then uses first-seen time). */
  published?: number;
  updated?: number;
  /** Plain-text or HTML summary as published (sanitized HTML). */
  summary?: string;
  /** Full content HTML as published (sanitized). */
  contentHtml?: string;
  images: string[];
  enclosures: Enclosure[];
  categories: string[];
  /**
   * The item's own language (a canonical BCP 47 tag) where it says one that differs from the
   * feed's: an Atom entry's xml:lang, a JSON Feed item's `language`.
   */
  language?: string;
  /**
   * Set by the main process when the item carries only a teaser (a measured heuristic), so
   * the reader knows the whole article has to be fetched for offline reading.
   */
  summaryOnly?: boolean;
}

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}
