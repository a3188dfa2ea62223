import Dexie from 'dexie';
import type { Article, Feed } from './entities';
import { getDb } from './database';

export type ArticleSource = { kind: 'all' } | { kind: 'feed'; feedId: string };

const PAGE = 500;

export function listFeeds(db = getDb()): Promise<Feed[]> {
  return db.feeds
    .toArray()
    .then((feeds) =>
      feeds.sort((a, b) => (a.customTitle ?? a.title).localeCompare(b.customTitle ?? b.title)),
    );
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
  return db.articles.orderBy('publishedAt').reverse().limit(limit).toArray();
}

export function getArticle(id: string, db = getDb()): Promise<Article | undefined> {
  return db.articles.get(id);
}

export function countUnread(feedId: string, db = getDb()): Promise<number> {
  return db.articles.where('[feedId+unread]').equals([feedId, 1]).count();
}

export async function markRead(id: string, now = Date.now(), db = getDb()): Promise<void> {
  await db.articles.update(id, { unread: 0, readAt: now });
}

export function getFeed(id: string, db = getDb()): Promise<Feed | undefined> {
  return db.feeds.get(id);
}
