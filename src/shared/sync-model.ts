import type { MainText } from './result';

/**
 * What the main-process scheduler knows about each feed. The renderer's IndexedDB is the
 * memory (these fields live on the feed row); main is the clock. The renderer sends the list
 * whenever it changes, and main pushes back one `sync.result` per fetch.
 */
export interface FeedSyncState {
  id: string;
  url: string;
  etag?: string;
  lastModified?: string;
  /** Epoch ms of the last attempt that reached the server (success or 304). */
  lastFetchedAt?: number;
  /** Per-feed override of the global interval. */
  intervalMinutes?: number;
  /** Consecutive failures, for exponential back-off. */
  failureCount?: number;
  /** Not before this time (Retry-After, or back-off after failures). */
  nextAttemptAt?: number;
  /** The server said 410 Gone: never polled again until the user refreshes it by hand. */
  gone?: boolean;
  /**
   * The feed's host, when the reader added it themselves and it is on their own network:
   * main may then reach a private or loopback address for that host (and no other).
   */
  allowPrivateHost?: string;
}

export interface SyncSettings {
  /** Global refresh interval; default 30. */
  intervalMinutes: number;
  /** How many feeds are fetched at once; default 6. */
  concurrency: number;
  /** Largest feed accepted, in bytes; default 20 MB. */
  maxFeedBytes: number;
  /**
   * Most items one fetch of a feed brings, the newest (`itemsPerFetch` of the reader's cap per
   * feed). Sent with `sync.setFeeds`, never stored with these settings: the retention setting
   * owns it. MAX_ITEMS_PER_FETCH when absent.
   */
  maxItemsPerFeed?: number;
}

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  intervalMinutes: 30,
  concurrency: 6,
  maxFeedBytes: 20 * 1024 * 1024,
};

/**
 * The ceiling on items per fetch, whatever the reader chose: a hostile or runaway feed of
 * 200,000 items brings at most this many (the parser holds no more than twice it at once).
 * It equals the largest cap per feed Settings offer, so "No limit" never gets fewer per fetch
 * than a limit would; over several fetches a library still grows past it.
 */
export const MAX_ITEMS_PER_FETCH = 5000;

/** Items one fetch may bring for the reader's cap per feed (null: no cap). */
export function itemsPerFetch(maxPerFeed: number | null | undefined): number {
  if (typeof maxPerFeed !== 'number' || !Number.isFinite(maxPerFeed)) return MAX_ITEMS_PER_FETCH;
  return Math.min(MAX_ITEMS_PER_FETCH, Math.max(1, Math.floor(maxPerFeed)));
}

export interface SyncProgress {
  /** False once the run is finished or cancelled. */
  running: boolean;
  done: number;
  total: number;
  failed: number;
  cancelled?: boolean;
}

/** A failed fetch as the feed row records it, with what the scheduler decided to do next. */
export interface SyncFailure {
  code: string;
  /** In English, for logs (and rows stored before failures carried a text). */
  message: string;
  /** What the reader is told, in their language (one of main's messages). */
  text?: MainText;
  /** HTTP status when the server answered. */
  status?: number;
  failureCount: number;
  nextAttemptAt?: number;
  gone?: boolean;
}
