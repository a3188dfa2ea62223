/**
 * One bookmark as it leaves or enters the library: what the export formats write and the JSON
 * import reads, with no tie to the database. Dates are epoch milliseconds.
 */
export interface BookmarkRecord {
  /** Broadsheet's article id, so re-importing into the same library finds the same row. */
  id?: string;
  /** The page's address; articles imported from files have none. */
  url: string | null;
  title: string;
  /** The feed's name, or the site's for saved pages. */
  source: string;
  publishedAt: number;
  bookmarkedAt: number;
  tags: string[];
  note: string;
}

/** Longest note kept; the reader's textarea and the JSON import stop there too. */
export const MAX_NOTE_LENGTH = 10_000;

/** Only web addresses leave or enter as links: a `javascript:` HREF must never reach a browser. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
