import { canonicalUrl } from '@shared/canonical-url';
import { bodyText } from '../../search-engine/core/document';
import {
  assignStory,
  fingerprint,
  lookupKeys,
  type StoryCandidate,
  type StoryFingerprint,
  BUCKET_MS,
  WINDOW_MS,
} from '../../search-engine/core/story-grouping';
import { recordSpan, spanStart } from '../lib/user-timing';
import type { ArrivalContext } from './arrivals';
import type { Article, StoryFingerprintRow } from './entities';
import { getDb } from './database';
import { modifyArticles, OutboxRecorder, syncedState } from './outbox-repository';
import type { BroadsheetDb } from './schema';

/*
 * The same story once (schema v6 `fingerprints`, `storyId`, `storyLead`): a new article joins the
 * story of a stored copy — the same canonical address, the same title within days, or nearly
 * the same text — found through the fingerprints' key index, never a scan. The decision itself
 * is the grouping code's (search-engine/core story grouping), shared with the CLI; this file
 * only stores what it decided: `storyId` (the story's first article id) on every copy, and
 * `storyLead` on the fullest copy the crowd views may show (not quiet, not hidden).
 */

/**
 * Most stored copies one arrival is compared with. Real stories have a handful; a feed that
 * repeats one headline or address in thousands of items must not make every arrival compare
 * with all of them (fewer candidates can only mean fewer merges, never a wrong one).
 */
const MAX_CANDIDATES = 200;

/** A fingerprint row as grouping reads it: the story it stands for, even when alone. */
interface Member {
  row: StoryFingerprintRow;
  /** Its article, when it is one of this batch's arrivals (not stored yet). */
  arrival?: Article;
}

/** The story a row belongs to, or would found: a lone article is a story of its own id. */
function storyOf(row: StoryFingerprintRow, joining: Article): string {
  if (row.storyId !== undefined) return row.storyId;
  // Split out of the story named after it: a new story takes the newcomer's name instead, so
  // the two never meet again under one id.
  return row.splitFrom?.includes(row.articleId) ? joining.id : row.articleId;
}

/**
 * The stored fingerprints under any of these keys. One key-only read per key, all issued at
 * once: measured in Chromium (5,000 keys, 5,000 rows of 20 keys), a cursor that jumps from key
 * to key (Dexie's `anyOf`) took 92 s, parallel `getAllKeys` 0.4 s.
 */
async function findByKeys(db: BroadsheetDb, keys: string[]): Promise<StoryFingerprintRow[]> {
  if (keys.length === 0) return [];
  const hits = await Promise.all(
    keys.map((key) => db.fingerprints.where('keys').equals(key).primaryKeys()),
  );
  const ids = [...new Set(hits.flat())];
  if (ids.length === 0) return [];
  return (await db.fingerprints.bulkGet(ids)).filter((row) => row !== undefined);
}

/**
 * The lookup keys of recent fingerprints, held in the page's memory once read: a refresh of 500
 * articles asks ~60 keys each, and one IndexedDB read per key cost seconds where the rest of
 * storing costs a few hundred milliseconds (docs/PERFORMANCE.md, bench:rules). It covers the
 * fingerprints of articles published since `from` (filled from the articles' date index) and
 * every one this page stores after; a lookup it cannot answer — an address key (no time
 * bucket), or an arrival dated before its reach — goes to the index. Stale entries (an article
 * deleted, another tab's writes missing) can only cost a candidate, never add a wrong one:
 * candidates are read back from the table and judged on what they hold.
 */
interface KeyCache {
  from: number;
  ids: Map<string, string[]>;
}

const keyCaches = new WeakMap<BroadsheetDb, KeyCache>();

/** How far back the cache reaches when filled: the buckets beside a day-old arrival's. */
const CACHE_SPAN = 3 * BUCKET_MS;

function cacheKeys(cache: KeyCache, row: StoryFingerprintRow): void {
  for (const key of row.keys) {
    const ids = cache.ids.get(key);
    if (!ids) cache.ids.set(key, [row.articleId]);
    else if (!ids.includes(row.articleId)) ids.push(row.articleId);
  }
}

/** Fingerprints read per request when the cache is filled. */
const KEY_CACHE_READ = 500;

/** The cache as the tables hold it now; inside a transaction with articles and fingerprints. */
async function readKeyCache(db: BroadsheetDb, now: number): Promise<KeyCache> {
  const from = now - CACHE_SPAN;
  // A cursor and small reads, not one request each: IndexedDB serves one request at a time, and
  // a large one keeps the page's own reads (the list, a view switch) waiting behind it.
  const ids: string[] = [];
  await db.articles
    .where('publishedAt')
    .aboveOrEqual(from)
    .eachPrimaryKey((id) => void ids.push(id as string));
  const cache: KeyCache = { from, ids: new Map() };
  for (let start = 0; start < ids.length; start += KEY_CACHE_READ) {
    const rows = await db.fingerprints.bulkGet(ids.slice(start, start + KEY_CACHE_READ));
    for (const row of rows) if (row) cacheKeys(cache, row);
  }
  return cache;
}

/** Inside the storing transaction (articles and fingerprints). */
async function keyCache(db: BroadsheetDb, now: number): Promise<KeyCache> {
  const known = keyCaches.get(db);
  if (known) return known;
  const cache = await readKeyCache(db, now);
  keyCaches.set(db, cache);
  return cache;
}

/**
 * Fills the key cache ahead of the first refresh (the sync bridge calls it once the list has
 * painted), so storing never waits on it. Returns how many fingerprints it holds, or undefined
 * when a cache was already there (one filled by a refresh meanwhile also holds its arrivals).
 */
export async function warmStoryKeys(db = getDb(), now = Date.now()): Promise<number | undefined> {
  if (keyCaches.has(db)) return undefined;
  const cache = await db.transaction('r', db.articles, db.fingerprints, () =>
    readKeyCache(db, now),
  );
  if (keyCaches.has(db)) return undefined;
  keyCaches.set(db, cache);
  return new Set([...cache.ids.values()].flat()).size;
}

/** Ids changed or the table was replaced (merge, restore): the next arrival reads it afresh. */
function forgetKeyCache(db: BroadsheetDb): void {
  keyCaches.delete(db);
}

/** Whether the cache holds every fingerprint this arrival's bucketed keys may meet. */
function cacheReaches(cache: KeyCache, print: StoryFingerprint): boolean {
  return (Math.floor(print.publishedAt / BUCKET_MS) - 1) * BUCKET_MS >= cache.from;
}

/** An article's fingerprint, as arrivals and a restore make it. */
function printOf(article: Article): StoryFingerprint {
  return fingerprint({
    id: article.id,
    url: canonicalUrl(article.url),
    title: article.title,
    text: bodyText(article),
    publishedAt: article.publishedAt,
    // Two items of one feed are one story only by address (its boilerplate is shared).
    source: article.feedId,
  });
}

const REFINGERPRINT_CHUNK = 200;

/**
 * Fingerprints again the stored articles a new arrival may still meet (published within two
 * grouping windows of `now`) that have none — after a restore, whose backup carries none:
 * without them nothing that arrives would join a restored story. Chunked, so the page keeps
 * painting; returns how many were made. Older articles are past every window.
 */
export async function refingerprintRecent(db = getDb(), now = Date.now()): Promise<number> {
  forgetKeyCache(db);
  const ids = await db.articles
    .where('publishedAt')
    .aboveOrEqual(now - 2 * WINDOW_MS)
    .primaryKeys();
  let made = 0;
  for (let start = 0; start < ids.length; start += REFINGERPRINT_CHUNK) {
    const chunk = ids.slice(start, start + REFINGERPRINT_CHUNK);
    made += await db.transaction('rw', db.articles, db.fingerprints, async () => {
      const [articles, prints] = await Promise.all([
        db.articles.bulkGet(chunk),
        db.fingerprints.bulkGet(chunk),
      ]);
      const rows: StoryFingerprintRow[] = [];
      articles.forEach((article, index) => {
        if (!article || prints[index] || article.savedAt !== undefined) return;
        const print = printOf(article);
        rows.push({
          articleId: article.id,
          keys: print.keys,
          fingerprint: print,
          ...(article.storyId !== undefined ? { storyId: article.storyId } : {}),
        });
      });
      await db.fingerprints.bulkPut(rows);
      return rows.length;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return made;
}

/** Groups new articles into stories, in place, inside the storing transaction. */
export async function groupArrivals(
  db: BroadsheetDb,
  arrivals: Article[],
  context: ArrivalContext,
): Promise<void> {
  if (arrivals.length === 0) return;
  let started = spanStart();
  const step = (name: string) => {
    recordSpan(`stories-${name}`, started, { feedId: arrivals[0]!.feedId });
    started = spanStart();
  };
  const prints = arrivals.map(printOf);
  step('fingerprint');
  // Stored under its own keys; looked up under those of the neighbouring time buckets too.
  const lookups = prints.map((print) => lookupKeys(print));
  const cache = await keyCache(db, context.now);
  step('cache');
  const viaIndex = new Set<string>();
  const viaCache = new Set<string>();
  lookups.forEach((keys, position) => {
    const reached = cacheReaches(cache, prints[position]!);
    for (const key of keys) {
      // Address keys carry no time bucket: a page may come back months later.
      if (!reached || key.startsWith('u|')) viaIndex.add(key);
      else for (const id of cache.ids.get(key) ?? []) viaCache.add(id);
    }
  });
  const [fromIndex, fromCache, remembered] = await Promise.all([
    findByKeys(db, [...viaIndex]),
    db.fingerprints.bulkGet([...viaCache]),
    // A re-arrival (its article purged, then fetched again) remembers which stories it left.
    db.fingerprints.bulkGet(arrivals.map((article) => article.id)),
  ]);
  step('lookup');
  const stored = [...fromIndex];
  const inIndex = new Set(fromIndex.map((row) => row.articleId));
  for (const row of fromCache) if (row && !inIndex.has(row.articleId)) stored.push(row);

  // Every fingerprint by key, the arrivals joining as they are decided (arrival order).
  const byKey = new Map<string, Member[]>();
  const members = new Map<string, Member>();
  const byStory = new Map<string, Member[]>();
  const index = (member: Member) => {
    members.set(member.row.articleId, member);
    if (member.row.storyId !== undefined) {
      const list = byStory.get(member.row.storyId);
      if (list) list.push(member);
      else byStory.set(member.row.storyId, [member]);
    }
    for (const key of member.row.keys) {
      const list = byKey.get(key);
      if (list) list.push(member);
      else byKey.set(key, [member]);
    }
  };
  // The other members of the stories found: a story that already runs this source's copy, or
  // holds an article that is clearly another, is refused (assignStory), even when that member
  // shares no key with the newcomer.
  const found = new Set(stored.map((row) => row.articleId));
  const storyIds = [...new Set(stored.flatMap((row) => row.storyId ?? []))];
  const others = await Promise.all(
    storyIds.map((storyId) =>
      db.fingerprints.where('storyId').equals(storyId).limit(MAX_CANDIDATES).toArray(),
    ),
  );
  for (const row of [...stored, ...others.flat().filter((row) => !found.has(row.articleId))]) {
    found.add(row.articleId);
    index({ row: { ...row } });
  }
  /** Stored copies that were alone and found a story now: id → story. */
  const founded = new Map<string, string>();
  const touched = new Set<string>();

  step('members');
  arrivals.forEach((article, position) => {
    const print = prints[position]!;
    const splitFrom = remembered[position]?.splitFrom ?? [];
    const seen = new Set<string>();
    const candidates: (StoryCandidate & { storyId: string; member: Member })[] = [];
    const consider = (member: Member) => {
      const id = member.row.articleId;
      if (id === article.id || seen.has(id) || seen.size >= MAX_CANDIDATES) return;
      seen.add(id);
      const storyId = storyOf(member.row, article);
      if (splitFrom.includes(storyId)) return;
      candidates.push({
        fingerprint: member.row.fingerprint as StoryFingerprint,
        storyId,
        member,
      });
    };
    for (const key of lookups[position]!)
      for (const member of byKey.get(key) ?? []) consider(member);
    // Every member of the stories found, as assignStory wants them.
    for (const storyId of new Set(candidates.map((candidate) => candidate.storyId)))
      for (const member of byStory.get(storyId) ?? []) consider(member);
    // A copy the reader split out keeps away from the story it left: when that story is among
    // the candidates, the split copy is not (it would pull the newcomer and itself back).
    const stories = new Set(candidates.map((candidate) => candidate.storyId));
    const eligible = candidates.filter(
      ({ member }) => !member.row.splitFrom?.some((left) => stories.has(left)),
    );
    const storyId = eligible.length > 0 ? assignStory(print, eligible) : undefined;
    const row: StoryFingerprintRow = {
      articleId: article.id,
      keys: print.keys,
      fingerprint: print,
      ...(splitFrom.length > 0 ? { splitFrom } : {}),
    };
    if (storyId !== undefined) {
      row.storyId = storyId;
      article.storyId = storyId;
      touched.add(storyId);
      // The copies it joined that were alone until now name the story too.
      for (const candidate of eligible) {
        if (candidate.storyId !== storyId || candidate.member.row.storyId !== undefined) continue;
        candidate.member.row.storyId = storyId;
        if (candidate.member.arrival) candidate.member.arrival.storyId = storyId;
        else founded.set(candidate.member.row.articleId, storyId);
      }
    }
    index({ row, arrival: article });
  });

  step('decide');
  const arrivalRows = arrivals.map((article) => members.get(article.id)!.row);
  await db.fingerprints.bulkPut([
    ...arrivalRows,
    ...[...founded.keys()].map((id) => members.get(id)!.row),
  ]);
  for (const row of arrivalRows) cacheKeys(cache, row);
  step('write');
  if (touched.size === 0) return;
  await electLeads(db, [...touched], {
    arrivals: new Map(arrivals.map((article) => [article.id, article])),
    founded,
  });
  step('leads');
}

/**
 * Chooses each story's lead — the fullest copy that is neither quiet nor hidden, the current
 * lead winning a tie so a row does not jump — and writes the copies whose storyId or lead flag
 * changed. The articles' own `storyId` says who belongs (fingerprints only say how full each
 * copy is, and a library restored from a backup has none). Arrivals (not stored yet) are
 * changed in place; `founded` are stored copies that join a story now (id → story). Call inside
 * a transaction with `articles` and `fingerprints`, after whatever changed a copy (a hide, a
 * quiet feed, a delete).
 */
export async function electLeads(
  db: BroadsheetDb,
  storyIds: readonly string[],
  pending: { arrivals?: Map<string, Article>; founded?: Map<string, string> } = {},
): Promise<void> {
  if (storyIds.length === 0) return;
  const arrivals = pending.arrivals ?? new Map<string, Article>();
  const founded = pending.founded ?? new Map<string, string>();
  const wanted = new Set(storyIds);
  const copies = new Map<string, Article>();
  // One key-range read per story, all at once (see findByKeys: no cursor jumping).
  const stored = await Promise.all(
    [...wanted].map((storyId) => db.articles.where('storyId').equals(storyId).toArray()),
  );
  for (const article of stored.flat()) copies.set(article.id, article);
  const joining = (await db.articles.bulkGet([...founded.keys()])).filter((a) => a !== undefined);
  for (const article of joining) copies.set(article.id, article);
  for (const article of arrivals.values()) {
    if (article.storyId !== undefined && wanted.has(article.storyId))
      copies.set(article.id, article);
  }
  const prints = await db.fingerprints.bulkGet([...copies.keys()]);
  const fullness = new Map<string, number>();
  [...copies.values()].forEach((article, index) => {
    const print = prints[index]?.fingerprint as StoryFingerprint | null | undefined;
    fullness.set(article.id, print?.words ?? wordsOf(article));
  });

  const byStory = new Map<string, Article[]>();
  for (const article of copies.values()) {
    const storyId = founded.get(article.id) ?? article.storyId!;
    const list = byStory.get(storyId);
    if (list) list.push(article);
    else byStory.set(storyId, [article]);
  }
  const writes: Article[] = [];
  for (const [storyId, members] of byStory) {
    let lead: Article | undefined;
    for (const article of members) {
      if (article.quiet || article.hiddenAt !== undefined) continue;
      const full = fullness.get(article.id)!;
      const best = lead ? fullness.get(lead.id)! : -1;
      if (!lead || full > best || (full === best && article.storyLead && !lead.storyLead)) {
        lead = article;
      }
    }
    for (const article of members) {
      const isLead = lead?.id === article.id;
      const changed =
        (isLead ? article.storyLead !== 1 : article.storyLead !== undefined) ||
        article.storyId !== storyId;
      if (isLead) article.storyLead = 1;
      else delete article.storyLead;
      article.storyId = storyId;
      if (changed && !arrivals.has(article.id)) writes.push(article);
    }
  }
  if (writes.length > 0) await db.articles.bulkPut(writes);
}

/** A copy's fullness when no fingerprint says it: the words of its text. */
function wordsOf(article: Article): number {
  const text = bodyText(article).trim();
  return text ? text.split(/\s+/).length : 0;
}

/**
 * The ids of an article and every copy of its story (just the article when it has none).
 * Inside a transaction with `articles`.
 */
export async function storyCopyIds(db: BroadsheetDb, id: string): Promise<string[]> {
  const article = await db.articles.get(id);
  if (article?.storyId === undefined) return [id];
  const ids = await db.articles.where('storyId').equals(article.storyId).primaryKeys();
  return ids.includes(id) ? ids : [id, ...ids];
}

/**
 * Marks every unread copy of these stories read, queueing account copies' changes; inside a
 * transaction with `articles` and `outbox` ("mark all as read" in the crowd views).
 */
export async function markCopiesRead(
  db: BroadsheetDb,
  storyIds: readonly string[],
  now: number,
): Promise<number> {
  const ids = await Promise.all(
    storyIds.map((storyId) => db.articles.where('storyId').equals(storyId).primaryKeys()),
  );
  const rows = (await db.articles.bulkGet([...new Set(ids.flat())])).filter(
    (article): article is Article => article?.unread === 1,
  );
  const recorder = new OutboxRecorder();
  for (const article of rows) {
    const before = syncedState(article);
    article.unread = 0;
    article.readAt = now;
    recorder.note(before, article);
  }
  await db.articles.bulkPut(rows);
  await recorder.flush(db, now);
  return rows.length;
}

/** Every copy of a story the reader sees as one row: the other sources' articles included. */
export async function listStoryCopies(storyId: string, db = getDb()): Promise<Article[]> {
  return db.articles.where('storyId').equals(storyId).toArray();
}

/**
 * Marks an article read with every copy of its story, in one transaction, each account copy's
 * change queued with it: the reader read the story, whichever source carried it.
 */
export async function markStoryRead(id: string, now: number, db = getDb()): Promise<number> {
  return markStoriesRead([id], now, db);
}

/**
 * Marks several articles read with every copy of their stories, all in one transaction (mark
 * as read on scroll writes a batch at a time, not a transaction per row).
 */
export async function markStoriesRead(
  targets: readonly string[],
  now: number,
  db = getDb(),
): Promise<number> {
  if (targets.length === 0) return 0;
  const chosen = new Set(targets);
  return db.transaction('rw', db.articles, db.outbox, async () => {
    const ids = new Set<string>();
    for (const id of targets) for (const copy of await storyCopyIds(db, id)) ids.add(copy);
    return modifyArticles(
      db,
      () => db.articles.where(':id').anyOf([...ids]),
      (article) => {
        if (article.unread === 0 && !chosen.has(article.id)) return false;
        article.unread = 0;
        article.readAt = now;
      },
      now,
    );
  });
}

/**
 * Takes a copy out of its story ("Split from story"): it stands alone again, and remembers the
 * story it left so neither a later arrival nor its own re-arrival puts it back.
 */
export async function splitFromStory(id: string, db = getDb()): Promise<void> {
  await db.transaction('rw', db.articles, db.fingerprints, async () => {
    const article = await db.articles.get(id);
    const storyId = article?.storyId;
    if (!article || storyId === undefined) return;
    const row = (await db.fingerprints.get(id)) ?? {
      articleId: id,
      keys: [],
      fingerprint: null,
    };
    delete row.storyId;
    row.splitFrom = [...new Set([...(row.splitFrom ?? []), storyId])];
    await db.fingerprints.put(row);
    delete article.storyId;
    delete article.storyLead;
    await db.articles.put(article);
    await electLeads(db, [storyId]);
  });
}

/**
 * Forgets the fingerprints of deleted articles and gives their stories a new lead; inside the
 * deleting transaction, with `articles` and `fingerprints`. A copy the reader split keeps a
 * keyless row: if the same article arrives again, it still stays out of that story.
 */
export async function forgetArticles(db: BroadsheetDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = (await db.fingerprints.bulkGet([...ids])).filter((row) => row !== undefined);
  if (rows.length === 0) return;
  const stories = new Set<string>();
  const kept: StoryFingerprintRow[] = [];
  const gone: string[] = [];
  for (const row of rows) {
    if (row.storyId !== undefined) stories.add(row.storyId);
    if (row.splitFrom?.length) {
      kept.push({
        articleId: row.articleId,
        keys: [],
        fingerprint: null,
        splitFrom: row.splitFrom,
      });
    } else gone.push(row.articleId);
  }
  await db.fingerprints.bulkDelete(gone);
  await db.fingerprints.bulkPut(kept);
  await electLeads(db, [...stories]);
}

/**
 * Articles that moved to new ids (a feed merged into another, moved into an account, kept as
 * Saved) take their fingerprints along; where the new id already had one, that one stays.
 * Inside the moving transaction, with `articles` and `fingerprints`, after the articles moved.
 */
export async function moveFingerprints(
  db: BroadsheetDb,
  renamed: ReadonlyMap<string, string>,
): Promise<void> {
  if (renamed.size === 0) return;
  forgetKeyCache(db);
  const oldIds = [...renamed.keys()];
  const rows = (await db.fingerprints.bulkGet(oldIds)).filter((row) => row !== undefined);
  if (rows.length === 0) return;
  const targets = rows.map((row) => renamed.get(row.articleId)!);
  const present = await db.fingerprints.bulkGet(targets);
  const stories = new Set<string>();
  const moved: StoryFingerprintRow[] = [];
  rows.forEach((row, index) => {
    if (row.storyId !== undefined) stories.add(row.storyId);
    if (!present[index]) moved.push({ ...row, articleId: targets[index]! });
  });
  await db.fingerprints.bulkDelete(rows.map((row) => row.articleId));
  await db.fingerprints.bulkPut(moved);
  await electLeads(db, [...stories]);
}
