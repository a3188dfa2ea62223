import Dexie from 'dexie';
import type { FeedSyncState } from '@shared/sync-model';
import type { Article, Feed, Folder } from './entities';
import { getDb } from './database';

export type ArticleSource = { kind: 'all' } | { kind: 'saved' } | { kind: 'feed'; feedId: string };

const PAGE = 500;

const byTitle = (a: Feed, b: Feed) =>
  (a.customTitle ?? a.title).localeCompare(b.customTitle ?? b.title);

/** Subscribed feeds, by name; rows kept only for their bookmarks are not subscriptions. */
export async function listFeeds(db = getDb()): Promise<Feed[]> {
  const feeds = await db.feeds.toArray();
  return feeds.filter((feed) => !feed.unsubscribedAt).sort(byTitle);
}

export async function listFolders(db = getDb()): Promise<Folder[]> {
  const folders = await db.folders.toArray();
  return folders.sort((a, b) => a.name.localeCompare(b.name));
}

/** What the main-process scheduler needs to know, read from the same rows sync writes. */
export async function listFeedSyncStates(db = getDb()): Promise<FeedSyncState[]> {
  const feeds = await listFeeds(db);
  return feeds.map((feed) => ({
    id: feed.id,
    url: feed.url,
    etag: feed.etag,
    lastModified: feed.lastModified,
    lastFetchedAt: feed.lastFetchedAt,
    intervalMinutes: feed.intervalMinutes,
    failureCount: feed.failureCount,
    nextAttemptAt: feed.nextAttemptAt,
    gone: feed.gone,
  }));
}

/** Newest first, from an index: never a scan of every stored article. */
export function listArticles(
  source: ArticleSource,
  limit = PAGE,
  db = getDb(),
): Promise<Article[]> {
  if (source.kind === 'feed') {
    return db.articles
      .where('[feedId+publishedAt]')
      .between([source.feedId, Dexie.minKey], [source.feedId, Dexie.maxKey])
      .reverse()
      .limit(limit)
      .toArray();
  }
  if (source.kind === 'saved') {
    return db.articles.orderBy('savedAt').reverse().limit(limit).toArray();
  }
  return db.articles.orderBy('publishedAt').reverse().limit(limit).toArray();
}

export function getArticle(id: string, db = getDb()): Promise<Article | undefined> {
  return db.articles.get(id);
}

export function getFeed(id: string, db = getDb()): Promise<Feed | undefined> {
  return db.feeds.get(id);
}

export function countUnread(feedId: string, db = getDb()): Promise<number> {
  return db.articles.where('[feedId+unread]').equals([feedId, 1]).count();
}

export async function markRead(id: string, now = Date.now(), db = getDb()): Promise<void> {
  await db.articles.update(id, { unread: 0, readAt: now });
}

export async function setBookmarked(
  id: string,
  bookmarked: boolean,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.articles.update(id, { bookmarkedAt: bookmarked ? now : undefined });
}
