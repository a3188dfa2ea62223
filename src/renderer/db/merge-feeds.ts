import type { Article, Feed } from './entities';
import { getDb } from './database';
import { articleId } from './article-id';
import type { BroadsheetDb } from './schema';
import { moveFingerprints } from './stories-repository';
import { LocalizedError } from '../i18n/localized-error';

/**
 * Folds one subscription into another (two feeds whose servers now answer from the same
 * address): every article moves to `intoId` with its read, bookmark, tag and note state, as do
 * reading positions and offline images, and the duplicate row is removed — all in one
 * transaction. An article both feeds hold keeps the kept feed's content and the reader's state
 * from either: read if read in either, bookmarked if bookmarked in either, tags and notes joined.
 * Merging into a row kept only for its bookmarks subscribes to it again, where the duplicate was.
 */
export async function mergeFeedInto(
  fromId: string,
  intoId: string,
  db: BroadsheetDb = getDb(),
): Promise<{ moved: number }> {
  if (fromId === intoId) throw new LocalizedError('db.mergeFeeds.error.itself');
  const tables = [db.feeds, db.articles, db.positions, db.images, db.fingerprints];
  return db.transaction('rw', tables, async () => {
    const [from, into] = await db.feeds.bulkGet([fromId, intoId]);
    if (!from || !into) throw new LocalizedError('db.mergeFeeds.error.gone');
    const moving = await db.articles.where('feedId').equals(fromId).toArray();
    const newIds = moving.map((article) => articleId(intoId, article.guid));
    const present = await db.articles.bulkGet(newIds);
    const rows = moving.map((article, index) =>
      mergeArticle(article, newIds[index]!, intoId, present[index]),
    );
    // The articles show where the merged subscription shows (Feed.quiet, quiet-feeds.ts).
    const quiet = mergedFeed(from, into).quiet;
    for (const row of rows) {
      if (quiet) row.quiet = 1;
      else delete row.quiet;
    }
    const oldIds = moving.map((article) => article.id);
    const renamed = new Map(oldIds.map((id, index) => [id, newIds[index]!]));

    const positions = (await db.positions.bulkGet(oldIds)).filter((row) => row !== undefined);
    const kept = new Set(
      (await db.positions.bulkGet(positions.map((row) => renamed.get(row.articleId)!)))
        .filter((row) => row !== undefined)
        .map((row) => row.articleId),
    );
    const images = await db.images.where('articleIds').anyOf(oldIds).toArray();

    await db.articles.bulkDelete(oldIds);
    await db.articles.bulkPut(rows);
    await moveFingerprints(db, renamed);
    await db.positions.bulkDelete(oldIds);
    await db.positions.bulkPut(
      positions
        .map((row) => ({ ...row, articleId: renamed.get(row.articleId)! }))
        .filter((row) => !kept.has(row.articleId)),
    );
    await db.images.bulkPut(
      images.map((image) => ({
        ...image,
        articleIds: [...new Set(image.articleIds.map((id) => renamed.get(id) ?? id))],
      })),
    );
    await db.feeds.delete(fromId);
    await db.feeds.put(mergedFeed(from, into));
    return { moved: rows.length };
  });
}

function mergedFeed(from: Feed, into: Feed): Feed {
  if (!into.unsubscribedAt) return { ...into, duplicateOf: undefined };
  // A row kept for bookmarks becomes the subscription: where the reader had it, with the
  // validators that vouch for the articles that just moved in (it had none of its own).
  return {
    ...into,
    unsubscribedAt: undefined,
    duplicateOf: undefined,
    customTitle: into.customTitle ?? from.customTitle,
    folderId: from.folderId,
    intervalMinutes: from.intervalMinutes,
    fullText: from.fullText,
    quiet: from.quiet,
    etag: from.etag,
    lastModified: from.lastModified,
    lastFetchedAt: from.lastFetchedAt,
  };
}

function mergeArticle(
  article: Article,
  id: string,
  feedId: string,
  present: Article | undefined,
): Article {
  if (!present) return { ...article, id, feedId };
  const read = present.unread === 0 || article.unread === 0;
  const notes = [...new Set([present.note, article.note].filter((note) => note))];
  return {
    ...present,
    unread: read ? 0 : 1,
    readAt: earliest(present.readAt, article.readAt),
    bookmarkedAt: earliest(present.bookmarkedAt, article.bookmarkedAt),
    tags: [...new Set([...present.tags, ...article.tags])],
    note: notes.length ? notes.join('\n\n') : undefined,
  };
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
