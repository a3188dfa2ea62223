/**
 * A whole article as Broadsheet keeps it for offline reading: extracted from a web page, a saved
 * HTML file, a plain-text or Markdown file. `contentHtml` is sanitized and tracker-free.
 */
export interface ExtractedArticle {
  title: string;
  /** Who wrote it, without a leading "By". */
  byline?: string;
  /** Epoch ms. */
  published?: number;
  siteName?: string;
  /** The publication's section, e.g. "World". */
  section?: string;
  /** BCP 47 language tag, e.g. "en", "ko". */
  lang?: string;
  dir?: 'ltr' | 'rtl';
  leadImageUrl?: string;
  excerpt?: string;
  contentHtml: string;
  textContent: string;
  wordCount: number;
  readingMinutes: number;
  /** Absolute URLs of the images the content shows (lead image first), for offline download. */
  images: string[];
  /** The page's canonical URL when known. */
  url?: string;
  /**
   * Set when the reader typed the page's address (Save URL) and its host is on their own
   * network: the saved article keeps it so its images may be fetched from that host.
   */
  privateHost?: string;
}
