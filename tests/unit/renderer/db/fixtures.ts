/** Rows and sync results for renderer tests, with what a test cares about set by the caller. */
import type { Account, Article, Feed } from '@renderer/db/entities';
import type { FetchFeedResult } from '@shared/contract';
import type { ParsedItem } from '@shared/feed-model';

/**
 * A stored article as a feed would have left it. The id is the app's `${feedId}|${guid}`; an id
 * without a `|` is feed f1's.
 */
export function storedArticle(id: string, extra: Partial<Article> = {}): Article {
  const [feedId = 'f1', guid = id] = id.split('|');
  return {
    id,
    feedId,
    guid,
    url: `https://example.com/${guid}`,
    title: `Title ${guid}`,
    authors: [],
    publishedAt: Date.UTC(2026, 10, 1),
    fetchedAt: Date.UTC(2026, 10, 1),
    images: [],
    categories: [],
    unread: 1,
    tags: [],
    ...extra,
  };
}

/** A signed-in FreshRSS account, synced, as `accounts.signIn` and a sync leave its row. */
export function storedAccount(extra: Partial<Account> = {}): Account {
  return {
    id: '0b8d3c8e-6a1f-4d7e-9d2c-3f1e5b7a9c01',
    service: 'freshrss',
    serverUrl: 'https://rss.example.com',
    username: 'alice',
    name: 'FreshRSS (alice)',
    createdAt: 1,
    status: 'ok',
    lastSyncAt: 1,
    ...extra,
  };
}

/** A subscribed feed row; an account's feed has `accountId` and `remoteId` in `extra`. */
export function storedFeed(id: string, extra: Partial<Feed> = {}): Feed {
  return { id, url: `https://example.com/${id}.xml`, title: id, createdAt: 1, ...extra };
}

/** An item as the main process parses it from a feed. */
export function parsedItem(id: string, extra: Partial<ParsedItem> = {}): ParsedItem {
  return {
    id,
    title: `Title ${id}`,
    authors: [],
    images: [],
    enclosures: [],
    categories: [],
    ...extra,
  };
}

/** A successful fetch of https://e.com/feed carrying `items`, as `feeds.fetch` answers. */
export function fetchedFeed(
  items: ParsedItem[],
  extra: { title?: string; etag?: string } = {},
): Extract<FetchFeedResult, { status: 'ok' }> {
  return {
    status: 'ok',
    url: 'https://e.com/feed',
    etag: extra.etag,
    feed: { format: 'rss', title: extra.title ?? 'E News', feedUrl: 'https://e.com/feed', items },
  };
}
