import type { Article } from './entities';
import { SAVED_FEED_ID } from './entities';
import { getDb } from './database';
import type { BroadsheetDb } from './schema';
import { modifyArticle, modifyArticles } from './outbox-repository';
import { MAX_NOTE_LENGTH, type BookmarkRecord } from '../lib/bookmarks/bookmark-record';
import { byTagName, normalizeTag, tagKey, uniqueTags } from '../lib/bookmarks/tag-names';
import { LocalizedError } from '../i18n/localized-error';
import { translate } from '../i18n/current-locale';

export interface TagCount {
  tag: string;
  count: number;
}

/** Every tag in use, by name. Reads index keys only. */
export async function listTags(db = getDb()): Promise<string[]> {
  const keys = (await db.articles.orderBy('tags').uniqueKeys()) as string[];
  return keys.sort(byTagName);
}

/**
 * For an import of many tags: each tag as the library (or an earlier tag of the same import)
 * already spells it in any case, so "climate" joins "Climate" instead of standing beside it.
 */
export async function tagSpeller(db = getDb()): Promise<(raw: string) => string> {
  const spelling = new Map((await listTags(db)).map((tag) => [tagKey(tag), tag]));
  return (raw) => {
    const tag = normalizeTag(raw);
    const key = tag.toLocaleLowerCase();
    if (!spelling.has(key)) spelling.set(key, tag);
    return spelling.get(key)!;
  };
}

/** Every tag with how many articles carry it, by name: one native index count per tag. */
export async function listTagCounts(db = getDb()): Promise<TagCount[]> {
  const tags = await listTags(db);
  const counts = await Promise.all(
    tags.map((tag) => db.articles.where('tags').equals(tag).count()),
  );
  return tags.map((tag, i) => ({ tag, count: counts[i]! }));
}

/** The spelling the library already uses for a tag that differs only in case, else `tag`. */
export async function canonicalTag(tag: string, except?: string, db = getDb()): Promise<string> {
  const key = tagKey(tag);
  const known = (await listTags(db)).find((t) => t !== except && tagKey(t) === key);
  return known ?? tag;
}

/**
 * Adds a tag to an article, bookmarking it: tags belong to bookmarks. Returns the tag as
 * stored (normalized, in the library's spelling), or undefined when there was nothing to add.
 */
export async function addTag(
  articleId: string,
  raw: string,
  now = Date.now(),
  db = getDb(),
): Promise<string | undefined> {
  const typed = normalizeTag(raw);
  if (!typed) return undefined;
  return db.transaction('rw', db.articles, db.outbox, async () => {
    const article = await db.articles.get(articleId);
    if (!article) return undefined;
    const tag = await canonicalTag(typed, undefined, db);
    const tags = uniqueTags([...article.tags, tag]);
    await modifyArticle(
      db,
      articleId,
      (row) => {
        row.tags = tags;
        row.bookmarkedAt ??= now;
      },
      now,
    );
    return tags.some((t) => tagKey(t) === tagKey(tag)) ? tag : undefined;
  });
}

/** Removes one tag from one article; the article stays bookmarked. */
export async function removeTag(
  articleId: string,
  tag: string,
  db = getDb(),
  now = Date.now(),
): Promise<void> {
  await modifyArticle(
    db,
    articleId,
    (article) => {
      article.tags = article.tags.filter((t) => tagKey(t) !== tagKey(tag));
    },
    now,
  );
}

/** Saves the note; a note that is not blank bookmarks the article. */
export async function setNote(
  articleId: string,
  note: string,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const text = note.slice(0, MAX_NOTE_LENGTH);
  // Notes stay on this computer, but a note bookmarks the article, and a bookmark is a star.
  await modifyArticle(
    db,
    articleId,
    (article) => {
      if (text.trim()) {
        article.note = text;
        article.bookmarkedAt ??= now;
      } else {
        delete article.note;
      }
    },
    now,
  );
}

/** Puts a removed bookmark back as it was (the reader's "Undo"). */
export async function restoreBookmark(
  articleId: string,
  saved: Pick<Article, 'bookmarkedAt' | 'tags' | 'note'>,
  db = getDb(),
  now = Date.now(),
): Promise<void> {
  await modifyArticle(
    db,
    articleId,
    (article) => {
      article.bookmarkedAt = saved.bookmarkedAt;
      article.tags = saved.tags;
      article.note = saved.note;
      if (saved.bookmarkedAt === undefined) delete article.bookmarkedAt;
      if (saved.note === undefined) delete article.note;
    },
    now,
  );
}

/**
 * Renames a tag on every article in one transaction. When the new name is another tag already
 * in use (in any case), the two merge under that tag's spelling. Returns the name now in use.
 */
export async function renameTag(
  from: string,
  to: string,
  db = getDb(),
  now = Date.now(),
): Promise<string> {
  const typed = normalizeTag(to);
  if (!typed) throw new LocalizedError('db.bookmarks.error.tagNoName');
  return db.transaction('rw', db.articles, db.outbox, async () => {
    const target = tagKey(typed) === tagKey(from) ? typed : await canonicalTag(typed, from, db);
    if (target === from) return from;
    // The target goes first so it wins over a case-variant the article also carries.
    await modifyArticles(
      db,
      () => db.articles.where('tags').equals(from),
      (article) => {
        article.tags = uniqueTags(
          article.tags.includes(target)
            ? article.tags.filter((t) => t !== from)
            : article.tags.map((t) => (t === from ? target : t)),
        );
      },
      now,
    );
    return target;
  });
}

/** Removes a tag from every article in one transaction; they stay bookmarked. */
export async function deleteTag(tag: string, db = getDb(), now = Date.now()): Promise<number> {
  return modifyArticles(
    db,
    () => db.articles.where('tags').equals(tag),
    (article) => {
      article.tags = article.tags.filter((t) => t !== tag);
    },
    now,
  );
}

/** Rows read at a time by the export: full articles can be large, so never all at once. */
const EXPORT_CHUNK = 250;

/** Every bookmark, newest first, as the export formats want them; one consistent snapshot. */
export async function listBookmarksForExport(
  db: BroadsheetDb = getDb(),
): Promise<BookmarkRecord[]> {
  return db.transaction('r', db.articles, db.feeds, db.highlights, async () => {
    const feeds = await db.feeds.toArray();
    const names = new Map(feeds.map((feed) => [feed.id, feed.customTitle ?? feed.title]));
    const ids = await db.articles.orderBy('bookmarkedAt').reverse().primaryKeys();
    const records: BookmarkRecord[] = [];
    for (let start = 0; start < ids.length; start += EXPORT_CHUNK) {
      const chunk = ids.slice(start, start + EXPORT_CHUNK);
      const rows = await db.articles.bulkGet(chunk);
      const highlights = await db.highlights.where('articleId').anyOf(chunk).toArray();
      highlights.sort((a, b) => a.createdAt - b.createdAt);
      for (const article of rows) {
        if (!article || article.bookmarkedAt === undefined) continue;
        records.push({
          id: article.id,
          url: article.url ?? null,
          title: article.title,
          source:
            article.feedId === SAVED_FEED_ID
              ? (article.siteName ?? translate('db.bookmarks.savedSource'))
              : (names.get(article.feedId) ?? article.siteName ?? ''),
          publishedAt: article.publishedAt,
          bookmarkedAt: article.bookmarkedAt,
          tags: article.tags,
          note: article.note ?? '',
          highlights: highlights
            .filter((h) => h.articleId === article.id)
            .map((h) => ({
              quote: h.quote,
              prefix: h.prefix,
              suffix: h.suffix,
              ...(h.start !== undefined && { start: h.start }),
              note: h.note ?? '',
              createdAt: h.createdAt,
            })),
        });
      }
    }
    return records;
  });
}
