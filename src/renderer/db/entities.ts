/** What the store holds. Dates are epoch milliseconds; booleans that are indexed are 0 | 1. */

export interface Feed {
  id: string;
  /** Where we fetch it from; follows permanent redirects. Unique. */
  url: string;
  title: string;
  /** A name the user gave it, shown instead of the feed's own title. */
  customTitle?: string;
  siteUrl?: string;
  description?: string;
  language?: string;
  iconUrl?: string;
  folderId?: string;
  createdAt: number;
  /** Conditional-GET state; written in the same transaction as the articles it vouches for. */
  etag?: string;
  lastModified?: string;
  lastFetchedAt?: number;
  /** Sync bookkeeping the main-process scheduler reads back (see sync-model.ts). */
  intervalMinutes?: number;
  failureCount?: number;
  nextAttemptAt?: number;
  gone?: boolean;
  lastError?: { code: string; message: string; at: number; status?: number };
  /**
   * Set when the user unsubscribed but bookmarked articles from it remain: the row stays so
   * those articles keep their source, and is hidden from the sidebar and never synced.
   */
  unsubscribedAt?: number;
}

export interface Folder {
  id: string;
  name: string;
  parentId?: string;
}

export interface Article {
  /** `${feedId}|${guid}`: the same item from the same feed is always the same row. */
  id: string;
  feedId: string;
  guid: string;
  url?: string;
  title: string;
  authors: string[];
  /** When published, or first seen when the feed gave no date. */
  publishedAt: number;
  updatedAt?: number;
  fetchedAt: number;
  summary?: string;
  contentHtml?: string;
  images: string[];
  categories: string[];
  unread: 0 | 1;
  readAt?: number;
  bookmarkedAt?: number;
  tags: string[];
  note?: string;
}

export interface Setting {
  key: string;
  value: unknown;
}
