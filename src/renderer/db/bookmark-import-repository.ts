import { articleId } from './article-id';
import { SAVED_FEED_ID, type Article, type Highlight } from './entities';
import { getDb } from './database';
import { queueArticleChanges, syncedState } from './outbox-repository';
import { tagSpeller } from './bookmarks-repository';
import { MAX_NOTE_LENGTH, type BookmarkRecord } from '../lib/bookmarks/bookmark-record';
import { uniqueTags } from '../lib/bookmarks/tag-names';

export interface ImportSummary {
  /** Bookmarks taken in: existing articles bookmarked or merged, plus new ones. */
  imported: number;
  /** Of those, articles the library did not have, now under Saved. */
  added: number;
  /** Bookmarks without a web address that match nothing stored: there is nothing to fetch. */
  skipped: number;
}

/**
 * Merges bookmarks into the library in one transaction. An article already stored (same id,
 * or same address) is bookmarked with tags and note merged; any other becomes a saved article
 * queued for its full text. Existing bookmark dates, tags and notes are never lost.
 */
export async function importBookmarks(
  records: readonly BookmarkRecord[],
  now = Date.now(),
  db = getDb(),
): Promise<ImportSummary> {
  return db.transaction('rw', db.articles, db.outbox, db.highlights, async () => {
    const canonical = await tagSpeller(db);
    const byId = new Map<string, Article>();
    const ids = [
      ...new Set(
        records.flatMap((r) => [r.id, r.url ? savedId(r.url) : undefined]).filter(isString),
      ),
    ];
    for (const article of await db.articles.bulkGet(ids)) {
      if (article) byId.set(article.id, article);
    }
    const byUrl = new Map<string, Article>();
    for (const article of byId.values()) if (article.url) byUrl.set(article.url, article);
    const unmatched = new Set(
      records
        .filter((r) => r.url && !(r.id && byId.has(r.id)) && !byUrl.has(r.url))
        .map((r) => r.url!),
    );
    // No index holds addresses: look through the library once, and only when ids did not do.
    if (unmatched.size > 0) {
      await db.articles.each((article) => {
        if (article.url && unmatched.has(article.url) && !byUrl.has(article.url)) {
          byUrl.set(article.url, article);
        }
      });
    }

    const changed = new Map<string, Article>();
    // Highlights go to the article each record landed on, once: see addHighlights.
    const highlightsFor = new Map<string, BookmarkRecord['highlights']>();
    const landed = (id: string, record: BookmarkRecord) => {
      if (record.highlights?.length)
        highlightsFor.set(id, [...(highlightsFor.get(id) ?? []), ...record.highlights]);
    };
    const summary: ImportSummary = { imported: 0, added: 0, skipped: 0 };
    for (const record of records) {
      const found =
        (record.id ? byId.get(record.id) : undefined) ??
        (record.url ? byUrl.get(record.url) : undefined);
      const tags = record.tags.map(canonical);
      if (found) {
        const article = changed.get(found.id) ?? { ...found };
        article.bookmarkedAt ??= record.bookmarkedAt;
        article.tags = uniqueTags([...article.tags, ...tags]);
        article.note = mergeNotes(article.note, record.note);
        if (article.note === undefined) delete article.note;
        changed.set(article.id, article);
        landed(article.id, record);
        summary.imported++;
        continue;
      }
      if (!record.url) {
        summary.skipped++;
        continue;
      }
      const article = newSavedArticle(record, uniqueTags(tags), now);
      changed.set(article.id, article);
      byUrl.set(record.url, article);
      byId.set(article.id, article);
      landed(article.id, record);
      summary.imported++;
      summary.added++;
    }
    // A file imported twice changes nothing the second time: write only what differs.
    const originals = new Map([...byId.values(), ...byUrl.values()].map((a) => [a.id, a]));
    const highlighted = await addHighlights(db, highlightsFor, now);
    const writes = [...changed.values()].filter((article) => {
      const before = originals.get(article.id);
      return (
        !before ||
        // Rewritten so the search index re-reads it with its new highlights.
        highlighted.has(article.id) ||
        before === article ||
        before.bookmarkedAt !== article.bookmarkedAt ||
        before.note !== article.note ||
        before.tags.join('\n') !== article.tags.join('\n')
      );
    });
    await db.articles.bulkPut(writes);
    // A bookmarked account item is starred (and labelled) on its server too.
    await queueArticleChanges(
      db,
      writes.map((after) => {
        const before = originals.get(after.id);
        return { before: before && syncedState(before), after };
      }),
      now,
    );
    return summary;
  });
}

/**
 * Adds the highlights a file carries to the articles their bookmarks landed on, leaving out any
 * the article already has (the same passage in the same context), so a file imported twice adds
 * nothing twice. Returns the ids of the articles that got one.
 */
async function addHighlights(
  db: ReturnType<typeof getDb>,
  highlightsFor: Map<string, BookmarkRecord['highlights']>,
  now: number,
): Promise<Set<string>> {
  const touched = new Set<string>();
  if (highlightsFor.size === 0) return touched;
  const key = (h: { quote: string; prefix: string; suffix: string }) =>
    `${h.quote}\u0000${h.prefix}\u0000${h.suffix}`;
  const existing = await db.highlights
    .where('articleId')
    .anyOf([...highlightsFor.keys()])
    .toArray();
  const seen = new Set(existing.map((h) => `${h.articleId}\u0000${key(h)}`));
  const rows: Highlight[] = [];
  for (const [articleId, records] of highlightsFor) {
    for (const record of records ?? []) {
      const id = `${articleId}\u0000${key(record)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      touched.add(articleId);
      rows.push({
        id: crypto.randomUUID(),
        articleId,
        quote: record.quote,
        prefix: record.prefix,
        suffix: record.suffix,
        ...(record.start !== undefined && { start: record.start }),
        ...(record.note.trim() && { note: record.note }),
        createdAt: record.createdAt,
        updatedAt: now,
      });
    }
  }
  await db.highlights.bulkAdd(rows);
  return touched;
}

function newSavedArticle(record: BookmarkRecord, tags: string[], now: number): Article {
  const url = record.url!;
  const article: Article = {
    // The id "Save URL" gives the same page, so saving it later updates this row.
    id: savedId(url),
    feedId: SAVED_FEED_ID,
    guid: url,
    url,
    title: record.title.trim() || url,
    authors: [],
    publishedAt: record.publishedAt,
    fetchedAt: now,
    images: [],
    categories: [],
    unread: 1,
    bookmarkedAt: record.bookmarkedAt,
    tags,
    savedAt: now,
    fullText: 'pending',
    offline: 'pending',
  };
  if (record.source) article.siteName = record.source;
  const note = mergeNotes(undefined, record.note);
  if (note) article.note = note;
  return article;
}

/** Both notes survive: one that already holds the other wins, else they are joined. */
export function mergeNotes(mine: string | undefined, theirs: string): string | undefined {
  const a = mine?.trim() ? mine : '';
  const b = theirs.trim() ? theirs : '';
  if (!b || a.includes(b.trim())) return a || undefined;
  if (!a || b.includes(a.trim())) return b.slice(0, MAX_NOTE_LENGTH);
  return `${a}\n\n${b}`.slice(0, MAX_NOTE_LENGTH);
}

const savedId = (url: string): string => articleId(SAVED_FEED_ID, url);
const isString = (value: string | undefined): value is string => value !== undefined;
