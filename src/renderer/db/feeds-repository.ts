import type { FetchFeedResult } from '@shared/contract';
import type { ParsedItem } from '@shared/feed-model';
import type { Article, Feed } from './entities';
import { getDb } from './database';
import type { BroadsheetDb } from './schema';

type FetchedOk = Extract<FetchFeedResult, { status: 'ok' }>;

export function articleId(feedId: string, guid: string): string {
  return `${feedId}|${guid}`;
}

export async function findFeedByUrl(url: string, db = getDb()): Promise<Feed | undefined> {
  return db.feeds.where('url').equals(url).first();
}

/** A new subscription and its first articles, stored together or not at all. */
export async function addFeed(
  url: string,
  fetched: FetchedOk,
  now = Date.now(),
  db = getDb(),
): Promise<Feed> {
  const feed: Feed = {
    id: crypto.randomUUID(),
    url: fetched.movedTo ?? url,
    title: fetched.feed.title || new URL(url).hostname,
    siteUrl: fetched.feed.siteUrl,
    description: fetched.feed.description,
    language: fetched.feed.language,
    iconUrl: fetched.feed.iconUrl,
    createdAt: now,
  };
  await db.transaction('rw', db.feeds, db.articles, async () => {
    await db.feeds.add(feed);
    await storeFetchResult(db, feed.id, fetched, now);
  });
  return feed;
}

/**
 * The sync invariant: new articles and the conditional-GET state that vouches for them are
 * written in one transaction, so an interrupted sync can never leave a 304-able feed whose
 * articles were not saved.
 */
export async function storeFetchResult(
  db: BroadsheetDb,
  feedId: string,
  fetched: FetchFeedResult,
  now: number,
): Promise<{ added: number; updated: number }> {
  return db.transaction('rw', db.feeds, db.articles, async () => {
    if (fetched.status === 'not-modified') {
      await db.feeds.update(feedId, { lastFetchedAt: now, lastError: undefined });
      return { added: 0, updated: 0 };
    }
    const items = dedupeItems(fetched.feed.items);
    const ids = items.map((item) => articleId(feedId, item.id));
    const existing = await db.articles.bulkGet(ids);
    const rows: Article[] = [];
    let added = 0;
    items.forEach((item, index) => {
      const previous = existing[index];
      if (!previous) added += 1;
      rows.push(toArticle(feedId, item, now, previous));
    });
    await db.articles.bulkPut(rows);
    await db.feeds.update(feedId, {
      ...(fetched.movedTo ? { url: fetched.movedTo } : {}),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      lastFetchedAt: now,
      lastError: undefined,
    });
    return { added, updated: rows.length - added };
  });
}

function dedupeItems(items: ParsedItem[]): ParsedItem[] {
  const seen = new Map<string, ParsedItem>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

/** Upstream edits replace the content; the reader's own state (read, bookmark, tags) stays. */
function toArticle(feedId: string, item: ParsedItem, now: number, previous?: Article): Article {
  return {
    id: articleId(feedId, item.id),
    feedId,
    guid: item.id,
    url: item.url,
    title: item.title,
    authors: item.authors,
    publishedAt: item.published ?? previous?.publishedAt ?? now,
    updatedAt: item.updated,
    fetchedAt: previous?.fetchedAt ?? now,
    summary: item.summary,
    contentHtml: item.contentHtml,
    images: item.images,
    categories: item.categories,
    unread: previous?.unread ?? 1,
    readAt: previous?.readAt,
    bookmarkedAt: previous?.bookmarkedAt,
    tags: previous?.tags ?? [],
    note: previous?.note,
  };
}

export async function recordFeedError(
  feedId: string,
  error: { code: string; message: string },
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.feeds.update(feedId, { lastError: { ...error, at: now } });
}
