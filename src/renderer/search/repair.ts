/**
 * The crash checker: compares the index with the articles table and repairs the difference.
 * A page can close between storing articles and indexing them (or between a purge and the
 * removal), so at every start the worker asks, for every article, what the app's own indexes
 * show — id, arrival time, offline state, tags, bookmark, unread — using key-only scans that
 * never read article bodies, and compares with what the index recorded. Missing and changed
 * articles are indexed, orphans removed, flags corrected. A deep check re-reads every article
 * and compares content hashes, for changes no index shows (a note edit).
 */
import type { Article } from '../db/entities';
import { forEachKeyPage } from '../db/key-pages';
import type { BroadsheetDb } from '../db/schema';
import type { ArticleSource } from './article-source';
import { FLAG_BOOKMARKED, FLAG_LIVE, FLAG_UNREAD } from '../../search-engine/core/doc-columns';
import { quickStamp } from '../../search-engine/core/document';
import type { SearchEngine } from '../../search-engine/core/engine';
import type { CheckReport } from './protocol';

interface Observed {
  fetchedAt?: number;
  offline?: Article['offline'];
  tags: string[];
  bookmarked: boolean;
  unread: boolean;
}

const REPAIR_BATCH = 200;
/** Article keys read per request by the check. */
const KEY_PAGE = 5000;

async function observe(db: BroadsheetDb): Promise<Map<string, Observed>> {
  // In pages: one request for every key held IndexedDB, and the page's reads, for seconds.
  const seen = new Map<string, Observed>();
  await forEachKeyPage(db.articles, KEY_PAGE, (ids) => {
    for (const id of ids) seen.set(id, { tags: [], bookmarked: false, unread: false });
  });
  const at = (key: unknown) => seen.get(String(key));
  await db.articles.orderBy('fetchedAt').eachKey((key, cursor) => {
    const entry = at(cursor.primaryKey);
    if (entry) entry.fetchedAt = key as number;
  });
  await db.articles.orderBy('offline').eachKey((key, cursor) => {
    const entry = at(cursor.primaryKey);
    if (entry) entry.offline = key as Article['offline'];
  });
  await db.articles.orderBy('tags').eachKey((key, cursor) => {
    at(cursor.primaryKey)?.tags.push(key as string);
  });
  await db.articles.orderBy('bookmarkedAt').eachKey((_key, cursor) => {
    const entry = at(cursor.primaryKey);
    if (entry) entry.bookmarked = true;
  });
  await db.articles.orderBy('[feedId+unread]').eachKey((key, cursor) => {
    const entry = at(cursor.primaryKey);
    if (entry) entry.unread = (key as [string, number])[1] === 1;
  });
  return seen;
}

/**
 * Which of these indexed ids are absent from the library now. The index is read after the
 * articles were listed, and the upkeep keeps indexing meanwhile (a refresh resumed at start
 * stores articles while the check runs): an article stored and indexed in between is in the
 * index but not in the list, and must not be taken for an orphan (the kill -9 soak found
 * such articles removed from the index until the next start).
 */
async function stillGone(source: ArticleSource, ids: string[]): Promise<string[]> {
  if (!ids.length) return ids;
  const present = await source.byIds(ids);
  return ids.filter((id) => !present.has(id));
}

export async function checkIndex(
  engine: SearchEngine,
  source: ArticleSource,
  options: { deep?: boolean; repair?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<CheckReport> {
  const observed = await observe(await source.db.dexie());
  const docs = await engine.allDocs();
  const indexed = new Map(docs.map((row) => [row.articleId, row]));
  const missing: string[] = [];
  const stale: string[] = [];
  const flags: string[] = [];
  for (const [id, seen] of observed) {
    const row = indexed.get(id);
    if (!row || !(engine.docFlags(row.docId) & FLAG_LIVE)) {
      missing.push(id);
      continue;
    }
    if (row.stamp !== quickStamp(seen)) {
      stale.push(id);
      continue;
    }
    const expected =
      FLAG_LIVE | (seen.bookmarked ? FLAG_BOOKMARKED : 0) | (seen.unread ? FLAG_UNREAD : 0);
    if (engine.docFlags(row.docId) !== expected) flags.push(id);
  }
  const orphans = await stillGone(
    source,
    docs.filter((row) => !observed.has(row.articleId)).map((row) => row.articleId),
  );
  const report: CheckReport = {
    articles: observed.size,
    indexed: docs.length,
    missing: missing.length,
    stale: stale.length,
    orphans: orphans.length,
    flags: flags.length,
    repaired: false,
  };
  if (options.repair === false) return report;

  if (orphans.length) await engine.remove(orphans);
  const work = options.deep ? [...observed.keys()] : [...missing, ...stale, ...flags];
  let changed = 0;
  for (let i = 0; i < work.length; i += REPAIR_BATCH) {
    const batch = work.slice(i, i + REPAIR_BATCH);
    const articles = await source.searchableByIds(batch);
    // Deleted while we looked: the next check drops them.
    if (articles.size) changed += (await engine.upsert([...articles.values()])).updated;
    options.onProgress?.(Math.min(i + REPAIR_BATCH, work.length), work.length);
  }
  // A deep check finds content changes the quick stamps cannot show.
  if (options.deep) report.stale = changed;
  report.repaired = true;
  return report;
}
