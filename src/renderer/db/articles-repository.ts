import type { Article } from './entities';
import { getDb } from './database';
import { modifyArticle, modifyArticles } from './outbox-repository';
import { countCrowdUnreadRange, unreadRange, type ArticleSource } from './queries';
import { markCopiesRead, markStoriesRead, markStoryRead } from './stories-repository';
import { quietSettled } from './quiet-feeds';
import { recordCrowdReadMark } from './read-marks';

/*
 * What the reader does to articles: read state, bookmarks, marking a whole view read. Storing
 * fetched articles is feeds-repository.ts's, tags and notes bookmarks-repository.ts's. An
 * account's item queues its change for the server in the same transaction (outbox-repository).
 */

/** Reading one copy of a story reads the story: every source's copy is marked with it. */
export async function markRead(id: string, now = Date.now(), db = getDb()): Promise<void> {
  await markStoryRead(id, now, db);
}

/**
 * Marks several articles read in one transaction, each as `markRead` would (story copies with
 * it, account items' changes queued): the rows the reader scrolled past, a batch at a time.
 */
export async function markManyRead(
  ids: readonly string[],
  now = Date.now(),
  db = getDb(),
): Promise<number> {
  return markStoriesRead(ids, now, db);
}

export async function markUnread(id: string, db = getDb(), now = Date.now()): Promise<void> {
  await modifyArticle(
    db,
    id,
    (article) => {
      article.unread = 1;
      delete article.readAt;
      // Unread from now: a "mark all as read" still folding no longer covers it (read-marks.ts).
      delete article.unreadAt;
    },
    now,
  );
}

/**
 * Tags and the note belong to the bookmark: removing the bookmark removes them too, so a tag
 * never lists an article the library may purge. The reader offers to undo it
 * (features/bookmarks restores what was there).
 */
export async function setBookmarked(
  id: string,
  bookmarked: boolean,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await modifyArticle(
    db,
    id,
    (article) => {
      if (bookmarked) {
        article.bookmarkedAt = now;
        return;
      }
      delete article.bookmarkedAt;
      delete article.note;
      article.tags = [];
    },
    now,
  );
}

/**
 * Above this many unread articles, All articles, Unread and Today are marked read by one
 * recorded mark folded in the background (read-marks.ts) instead of rewriting every row now.
 */
export const DIRECT_MARK_LIMIT = 1000;

/**
 * Marks every unread article of a view read, optionally only those published before a date.
 * Returns how many the view showed unread.
 */
export async function markAllRead(
  source: ArticleSource,
  options: { olderThan?: number; now?: number } = {},
  db = getDb(),
): Promise<number> {
  const now = options.now ?? Date.now();
  const before = options.olderThan ?? Infinity;
  const range = unreadRange(source, before, now);
  if (range.index === '[crowd+unread+publishedAt]') {
    const many = await countCrowdUnreadRange(range.lower[2], before, db);
    if (many > DIRECT_MARK_LIMIT) {
      // A mark's counts assume each feed's articles agree with its quiet flag.
      await quietSettled(db);
      await recordCrowdReadMark(db, { from: range.lower[2], before }, now);
      return many;
    }
  }
  const unreadBefore = (a: Article): boolean => a.unread === 1 && a.publishedAt < before;
  const collection = () =>
    range.index === 'bookmarkedAt' || range.index === 'hiddenAt'
      ? db.articles.orderBy(range.index).filter(unreadBefore)
      : range.index === 'tags'
        ? db.articles.where('tags').equals(range.tag).filter(unreadBefore)
        : db.articles.where(range.index).between(range.lower, range.upper, true, false);
  // In All articles, Unread and Today a row stands for its story: its copies go read with it.
  const crowd = source.kind === 'all' || source.kind === 'unread' || source.kind === 'today';
  const stories = new Set<string>();
  return db.transaction('rw', db.articles, db.outbox, async () => {
    const marked = await modifyArticles(
      db,
      collection,
      (article) => {
        article.unread = 0;
        article.readAt = now;
        if (crowd && article.storyId !== undefined) stories.add(article.storyId);
      },
      now,
    );
    if (stories.size === 0) return marked;
    await markCopiesRead(db, [...stories], now);
    return marked;
  });
}
