import { MAX_URL_LENGTH } from '@shared/feed-limits';
import { isWebProtocol } from '@shared/web-url';

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
  /** Its highlights, oldest first (version 2 of the JSON; absent in version 1). */
  highlights?: HighlightRecord[];
}

/** One highlight as it leaves or enters the library (entities.ts#Highlight without ids). */
export interface HighlightRecord {
  quote: string;
  prefix: string;
  suffix: string;
  start?: number;
  note: string;
  createdAt: number;
}

/** Longest note kept; the reader's textarea and the JSON import stop there too. */
export const MAX_NOTE_LENGTH = 10_000;

/** Why an address is no web address: its scheme when it has one, else what is wrong with it. */
export type AddressFault =
  { kind: 'scheme'; scheme: string } | { kind: 'tooLong'; max: number } | { kind: 'invalid' };

/**
 * What is wrong with an address that is no web address; each importer words it in its own
 * sentence ("3 articles with a javascript: URL", "bookmark 3 has a javascript: URL").
 */
export function addressFault(value: string): AddressFault {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme && !isWebProtocol(`${scheme}:`)) return { kind: 'scheme', scheme };
  if (value.length > MAX_URL_LENGTH) return { kind: 'tooLong', max: MAX_URL_LENGTH };
  return { kind: 'invalid' };
}
