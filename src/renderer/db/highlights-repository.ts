import type { Article, Highlight } from './entities';
import { getDb } from './database';
import type { BroadsheetDb } from './schema';
import { modifyArticle } from './outbox-repository';
import { MAX_NOTE_LENGTH } from '../lib/bookmarks/bookmark-record';
import type { TextSelector } from '../lib/highlights/anchor';

/** Longest passage one highlight keeps (row-schemas.ts#highlightRowSchema holds the same). */
export const MAX_QUOTE_LENGTH = 100_000;
const MAX_CONTEXT_LENGTH = 1_000;

/** Refused with a message written for the reader. */
export class HighlightError extends Error {}

/**
 * Touches the article in the transaction that changed its highlights: the search index re-reads
 * an article when its row is written (article-changes.ts), and its document carries the
 * highlights' text and notes (index-document.ts). `bookmark` also bookmarks it, queuing a star
 * for an account's article like a tag or a note does.
 */
async function touchArticle(
  db: BroadsheetDb,
  articleId: string,
  now: number,
  bookmark: boolean,
): Promise<number> {
  return modifyArticle(
    db,
    articleId,
    (article) => {
      if (bookmark) article.bookmarkedAt ??= now;
    },
    now,
  );
}

/** Highlights a passage of an article, bookmarking the article in the same transaction. */
export async function createHighlight(
  articleId: string,
  selector: TextSelector,
  now = Date.now(),
  db = getDb(),
): Promise<Highlight> {
  const quote = selector.quote.trim();
  if (!quote) throw new HighlightError('Select some text of the article to highlight it.');
  if (quote.length > MAX_QUOTE_LENGTH)
    throw new HighlightError('That passage is too long to highlight; select a shorter one.');
  const highlight: Highlight = {
    id: crypto.randomUUID(),
    articleId,
    quote,
    prefix: selector.prefix.slice(-MAX_CONTEXT_LENGTH),
    suffix: selector.suffix.slice(0, MAX_CONTEXT_LENGTH),
    ...(selector.start !== undefined && { start: selector.start }),
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction('rw', db.articles, db.outbox, db.highlights, async () => {
    if ((await touchArticle(db, articleId, now, true)) === 0)
      throw new HighlightError('This article is no longer stored.');
    await db.highlights.add(highlight);
  });
  return highlight;
}

/** Saves a highlight's note (blank removes it). */
export async function setHighlightNote(
  id: string,
  note: string,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const text = note.slice(0, MAX_NOTE_LENGTH);
  await db.transaction('rw', db.articles, db.outbox, db.highlights, async () => {
    const highlight = await db.highlights.get(id);
    if (!highlight) return;
    const next: Highlight = { ...highlight, updatedAt: now };
    if (text.trim()) next.note = text;
    else delete next.note;
    await db.highlights.put(next);
    await touchArticle(db, highlight.articleId, now, false);
  });
}

/** Deletes a highlight; the article stays bookmarked. */
export async function deleteHighlight(id: string, now = Date.now(), db = getDb()): Promise<void> {
  await db.transaction('rw', db.articles, db.outbox, db.highlights, async () => {
    const highlight = await db.highlights.get(id);
    if (!highlight) return;
    await db.highlights.delete(id);
    await touchArticle(db, highlight.articleId, now, false);
  });
}

/** One article's highlights, in the order they were made. */
export async function listArticleHighlights(articleId: string, db = getDb()): Promise<Highlight[]> {
  return db.highlights.where('articleId').equals(articleId).sortBy('createdAt');
}

/** The highlights of several articles, by article id (search documents, the export). */
export async function highlightsByArticle(
  articleIds: readonly string[],
  db: BroadsheetDb = getDb(),
): Promise<Map<string, Highlight[]>> {
  const out = new Map<string, Highlight[]>();
  if (articleIds.length === 0) return out;
  const rows = await db.highlights.where('articleId').anyOf(articleIds).toArray();
  rows.sort((a, b) => a.createdAt - b.createdAt);
  for (const row of rows) {
    const list = out.get(row.articleId);
    if (list) list.push(row);
    else out.set(row.articleId, [row]);
  }
  return out;
}

/**
 * Which of these articles carry highlights. Retention and unsubscribing keep them, as they keep
 * bookmarks: a highlight is the reader's own work, and it needs its article to be read in place.
 */
export async function highlightedAmong(
  articleIds: readonly string[],
  db: BroadsheetDb = getDb(),
): Promise<Set<string>> {
  if (articleIds.length === 0) return new Set();
  const rows = await db.highlights.where('articleId').anyOf(articleIds).toArray();
  return new Set(rows.map((row) => row.articleId));
}

export interface HighlightEntry {
  highlight: Highlight;
  /** Undefined when the article is no longer stored. */
  article?: Pick<Article, 'id' | 'title' | 'feedId' | 'siteName'>;
}

/** Every highlight across articles, newest first, with its article's title. */
export async function listAllHighlights(limit = 500, db = getDb()): Promise<HighlightEntry[]> {
  return db.transaction('r', db.highlights, db.articles, async () => {
    const highlights = await db.highlights.orderBy('createdAt').reverse().limit(limit).toArray();
    const ids = [...new Set(highlights.map((h) => h.articleId))];
    const articles = await db.articles.bulkGet(ids);
    const byId = new Map(
      articles.flatMap((a) =>
        a ? [[a.id, { id: a.id, title: a.title, feedId: a.feedId, siteName: a.siteName }]] : [],
      ),
    );
    return highlights.map((highlight) => ({ highlight, article: byId.get(highlight.articleId) }));
  });
}
