import Dexie from 'dexie';
import type { FeedSyncState } from '@shared/sync-model';
import {
  SAVED_FEED_ID,
  type Article,
  type CrowdReadMark,
  type Feed,
  type Folder,
  type TallyKey,
} from './entities';
import { getDb } from './database';
import { activeReadMark, covered, exemptRows, present } from './read-marks';
import { unreadTallyKey } from './tallies';
import { countUnreadByFeed } from './unread-counter';
import type { BroadsheetDb } from './schema';
import { getLocaleState } from '../i18n/current-locale';
import { recordSpan, spanStart } from '../lib/user-timing';
import { compareNames } from '../i18n/formats';

/*
 * Reads: the views the article list shows, the lookups by id, and the subscriptions as the
 * sidebar and the scheduler see them. Nothing here writes; article writes (read state,
 * bookmarks, marking a view read) live in articles-repository.ts.
 */

export type ArticleSource =
  | { kind: 'all' }
  | { kind: 'unread' }
  | { kind: 'today' }
  | { kind: 'bookmarks' }
  | { kind: 'saved' }
  | { kind: 'feed'; feedId: string }
  | { kind: 'tag'; tag: string }
  /** What rules hid, newest hidden first (features/rules). */
  | { kind: 'hidden' };

/** The smart views, in the sidebar's order (their names are the sidebar's messages). */
export const SMART_VIEWS = [
  { kind: 'all' },
  { kind: 'unread' },
  { kind: 'today' },
  { kind: 'bookmarks' },
  { kind: 'saved' },
] as const;

const PAGE = 500;

/** Names in the order of the interface's language (its collator): the sidebar shows them so. */
export const compareByName = (a: string, b: string): number =>
  compareNames(getLocaleState().locale)(a, b);

const byTitle = (a: Feed, b: Feed) =>
  compareByName(a.customTitle ?? a.title, b.customTitle ?? b.title);

/** Subscribed feeds, by name; rows kept only for their bookmarks are not subscriptions. */
export async function listFeeds(db = getDb()): Promise<Feed[]> {
  const feeds = await db.feeds.toArray();
  return feeds.filter((feed) => !feed.unsubscribedAt).sort(byTitle);
}

export async function listFolders(db = getDb()): Promise<Folder[]> {
  const folders = await db.folders.toArray();
  return folders.sort((a, b) => compareByName(a.name, b.name));
}

/**
 * What the main-process scheduler needs to know, read from the same rows sync writes. An
 * account's feeds are not in it: their server fetches them (pipeline/account-sync.ts).
 */
export async function listFeedSyncStates(db = getDb()): Promise<FeedSyncState[]> {
  const feeds = (await listFeeds(db)).filter((feed) => feed.accountId === undefined);
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
    allowPrivateHost: feed.allowPrivateHost,
  }));
}

/** How the article list is ordered and filtered; persisted as the `articleList` setting. */
export interface ListOptions {
  order: 'newest' | 'oldest';
  unreadOnly: boolean;
}

export const DEFAULT_LIST_OPTIONS: ListOptions = { order: 'newest', unreadOnly: false };

/** One page of a view: how many rows from where, in the list's order (default: the settings'). */
export interface ListPage extends Partial<ListOptions> {
  limit?: number;
  offset?: number;
}

function startOfToday(now = Date.now()): number {
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  return midnight.getTime();
}

/**
 * One view's articles as an indexed collection, before limit: every branch walks an index in
 * list order, so a page costs O(page) whatever the library size. Unread-only views that have no
 * index of their own filter a cursor over one feed, one day, bookmarks or saved items — all
 * bounded by retention, never the whole library.
 */
function viewCollection(
  source: Exclude<ArticleSource, { kind: 'tag' }>,
  options: ListOptions,
  db: BroadsheetDb,
  mark?: CrowdReadMark,
) {
  const unread = (a: Article): boolean => a.unread === 1 && !covered(a, mark);
  const ordered = <T extends { reverse(): T }>(collection: T): T =>
    options.order === 'newest' ? collection.reverse() : collection;
  if (source.kind === 'feed') {
    // `lane` is the feed's id unless a rule hid the article (placement.ts).
    return ordered(
      options.unreadOnly
        ? db.articles
            .where('[lane+unread+publishedAt]')
            .between([source.feedId, 1, Dexie.minKey], [source.feedId, 1, Dexie.maxKey])
        : db.articles
            .where('[lane+publishedAt]')
            .between([source.feedId, Dexie.minKey], [source.feedId, Dexie.maxKey]),
    );
  }
  if (source.kind === 'saved' || source.kind === 'bookmarks') {
    // Bookmarks are ordered by when bookmarked, saved items by when saved.
    const collection = ordered(
      db.articles.orderBy(source.kind === 'saved' ? 'savedAt' : 'bookmarkedAt'),
    );
    return options.unreadOnly ? collection.filter(unread) : collection;
  }
  if (source.kind === 'hidden') {
    return ordered(db.articles.orderBy('hiddenAt'));
  }
  // All articles, Unread and Today: the `crowd` (placement.ts) — not hidden, not from a quiet
  // feed, one copy of each story.
  const low = source.kind === 'today' ? startOfToday() : Dexie.minKey;
  if (source.kind === 'unread' || options.unreadOnly) {
    return ordered(
      db.articles.where('[crowd+unread+publishedAt]').between([1, 1, low], [1, 1, Dexie.maxKey]),
    );
  }
  return ordered(db.articles.where('[crowd+publishedAt]').between([1, low], [1, Dexie.maxKey]));
}

/**
 * A page of a view, newest first unless asked otherwise, from an index: never a full scan.
 * Rows a waiting "mark all as read" covers come as read (read-marks.ts).
 */
export async function listArticles(
  source: ArticleSource,
  page: ListPage = {},
  db = getDb(),
): Promise<Article[]> {
  const { limit = PAGE, offset = 0 } = page;
  const reading = spanStart();
  const options: ListOptions = {
    order: page.order ?? DEFAULT_LIST_OPTIONS.order,
    unreadOnly: page.unreadOnly ?? DEFAULT_LIST_OPTIONS.unreadOnly,
  };
  const mark = await activeReadMark(db);
  let rows: Article[];
  if (source.kind === 'tag') {
    rows = await listTagged(source.tag, limit, options, offset, db, mark);
  } else {
    const segments = mark && (await unreadSegments(source, options, db, mark));
    if (segments) {
      rows = await pageOfSegments(segments, offset, limit);
    } else {
      rows = await db.transaction('r', [db.articles, db.tallies], async () => {
        // Never read past the view's end: rows a pass moved out of the view's index range (a
        // fold, a purge) leave deleted entries there that every read walking past the last row
        // skips one by one until the store compacts them, seconds at a million articles.
        const size = await knownViewSize(source, options, db, mark);
        const take = size === undefined ? limit : Math.min(limit, size - offset);
        if (take <= 0) return [];
        const collection = viewCollection(source, options, db, mark);
        return (offset > 0 ? collection.offset(offset) : collection).limit(take).toArray();
      });
    }
  }
  recordSpan('list-articles', reading, { source: source.kind, offset, rows: rows.length });
  return mark ? rows.map((row) => present(row, mark)) : rows;
}

/** A stretch of a view in list order: an index range, or a few rows already read. */
type Segment =
  | { kind: 'range'; collection: ReturnType<typeof viewCollection> }
  | { kind: 'rows'; rows: Article[] };

/**
 * An unread view (the crowd's, or a feed's) while a mark waits, as the index ranges the mark
 * leaves alone — published after its range, and before it — around the few rows in its range
 * it does not cover (exemptRows). Undefined when the view needs no such split.
 */
async function unreadSegments(
  source: Exclude<ArticleSource, { kind: 'tag' }>,
  options: ListOptions,
  db: BroadsheetDb,
  mark: CrowdReadMark,
): Promise<Segment[] | undefined> {
  let index: '[crowd+unread+publishedAt]' | '[lane+unread+publishedAt]';
  let prefix: [1, 1] | [string, 1];
  let low: number;
  const crowd = source.kind === 'all' || source.kind === 'unread' || source.kind === 'today';
  if (crowd && (source.kind === 'unread' || options.unreadOnly)) {
    index = '[crowd+unread+publishedAt]';
    prefix = [1, 1];
    low = source.kind === 'today' ? startOfToday() : -Infinity;
  } else if (source.kind === 'feed' && options.unreadOnly) {
    // A quiet feed's rows are never covered: its view reads as it is.
    if ((await db.feeds.get(source.feedId))?.quiet) return undefined;
    index = '[lane+unread+publishedAt]';
    prefix = [source.feedId, 1];
    low = -Infinity;
  } else {
    return undefined;
  }
  const from = Math.max(low, mark.from);
  const before = mark.before;
  if (from >= before) return undefined;
  const lane = source.kind === 'feed' ? source.feedId : undefined;
  const kept = (await exemptRows(db, mark)).filter(
    (row) => row.publishedAt >= from && (lane === undefined ? row.crowd === 1 : row.lane === lane),
  );
  const newest = options.order === 'newest';
  kept.sort((a, b) => a.publishedAt - b.publishedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (newest) kept.reverse();
  const range = (lower: number, upper: number, includeUpper: boolean) => {
    const collection = db.articles
      .where(index)
      .between([...prefix, lower], [...prefix, upper], true, includeUpper);
    return newest ? collection.reverse() : collection;
  };
  const segments: Segment[] = [];
  if (before < Infinity)
    segments.push({ kind: 'range', collection: range(before, Infinity, true) });
  segments.push({ kind: 'rows', rows: kept });
  if (from > low) segments.push({ kind: 'range', collection: range(low, from, false) });
  return newest ? segments : segments.reverse();
}

async function pageOfSegments(
  segments: Segment[],
  offset: number,
  limit: number,
): Promise<Article[]> {
  const page: Article[] = [];
  let skip = offset;
  for (const segment of segments) {
    const need = limit - page.length;
    if (need <= 0) break;
    if (segment.kind === 'rows') {
      page.push(...segment.rows.slice(skip, skip + need));
      skip = Math.max(0, skip - segment.rows.length);
      continue;
    }
    if (skip > 0) {
      const size = await segment.collection.clone().count();
      if (skip >= size) {
        skip -= size;
        continue;
      }
    }
    page.push(...(await segment.collection.clone().offset(skip).limit(need).toArray()));
    skip = 0;
  }
  return page;
}

async function countSegments(segments: Segment[]): Promise<number> {
  const sizes = await Promise.all(
    segments.map((segment) =>
      segment.kind === 'rows' ? segment.rows.length : segment.collection.clone().count(),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/**
 * How many articles a view holds. All articles, Unread and Hidden read their tally
 * (tallies.ts); the other views are bounded (one feed, one day, bookmarks, saved items) and
 * IndexedDB counts their key range, walking their cursor only when unread-only filters it.
 */
export async function countArticles(
  source: ArticleSource,
  options: ListOptions = DEFAULT_LIST_OPTIONS,
  db = getDb(),
): Promise<number> {
  if (source.kind === 'feed' && options.unreadOnly) return countUnread(source.feedId, db);
  // One read transaction: a tally and the rows a mark covers are read at the same moment.
  return db.transaction('r', [db.articles, db.feeds, db.readMarks, db.tallies], async () => {
    const mark = await activeReadMark(db);
    if (source.kind === 'tag') {
      const tagged = db.articles.where('tags').equals(source.tag);
      return (
        options.unreadOnly ? tagged.filter((a) => a.unread === 1 && !covered(a, mark)) : tagged
      ).count();
    }
    const tally = viewTally(source, options);
    if (tally === 'crowd+unread' && mark) return countCrowdUnread(db, mark);
    if (tally) return (await db.tallies.get(tally))?.count ?? 0;
    const segments = mark && (await unreadSegments(source, options, db, mark));
    if (segments) return countSegments(segments);
    return viewCollection(source, options, db, mark).count();
  });
}

/**
 * A view's size when a tally holds it: the whole library's views, and a feed's unread-only one.
 * Unread tallies count no waiting mark, so with one they say nothing here.
 */
async function knownViewSize(
  source: Exclude<ArticleSource, { kind: 'tag' }>,
  options: ListOptions,
  db: BroadsheetDb,
  mark: CrowdReadMark | undefined,
): Promise<number | undefined> {
  const feedUnread = source.kind === 'feed' && options.unreadOnly;
  const key = feedUnread ? unreadTallyKey(source.feedId) : viewTally(source, options);
  if (key === undefined || (mark && (feedUnread || key === 'crowd+unread'))) return undefined;
  return (await db.tallies.get(key))?.count;
}

/** The tally that holds a view's size, if one does (Today's lower bound moves daily). */
function viewTally(
  source: Exclude<ArticleSource, { kind: 'tag' }>,
  options: ListOptions,
): TallyKey | undefined {
  if (source.kind === 'hidden') return 'hidden';
  if (source.kind === 'unread') return 'crowd+unread';
  if (source.kind === 'all') return options.unreadOnly ? 'crowd+unread' : 'crowd';
  return undefined;
}

/**
 * Unread while a mark waits: the tally less the rows in the mark's range it covers. A mark open
 * below leaves outside it only what was published since, counted alone (the tally less the
 * range would read the tally twice to subtract it from itself).
 */
async function countCrowdUnread(db: BroadsheetDb, mark: CrowdReadMark): Promise<number> {
  const exempt = (await exemptRows(db, mark)).filter((row) => row.crowd === 1).length;
  if (mark.from === -Infinity) {
    return (await crowdUnreadBetween(mark.before, Infinity, db).count()) + exempt;
  }
  const [tally, inRange] = await Promise.all([
    db.tallies.get('crowd+unread'),
    crowdUnreadBetween(mark.from, mark.before, db).count(),
  ]);
  return (tally?.count ?? 0) - inRange + exempt;
}

/** The crowd's unread rows published in [from, before), as an index range. */
function crowdUnreadBetween(from: number, before: number, db: BroadsheetDb) {
  return db.articles
    .where('[crowd+unread+publishedAt]')
    .between([1, 1, from], [1, 1, before], true, false);
}

/**
 * The crowd's unread rows published in [from, before), as stored (no mark applied). A range
 * open below (everything older than…) is the tally less what lies above it, so only the newer
 * rows are counted; a range bounded below (today's) is few rows, counted.
 */
export async function countCrowdUnreadRange(
  from: number,
  before: number,
  db = getDb(),
): Promise<number> {
  if (from !== -Infinity) return crowdUnreadBetween(from, before, db).count();
  return db.transaction('r', [db.articles, db.tallies], async () => {
    const [tally, above] = await Promise.all([
      db.tallies.get('crowd+unread'),
      before === Infinity ? 0 : crowdUnreadBetween(before, Infinity, db).count(),
    ]);
    return (tally?.count ?? 0) - above;
  });
}

/**
 * A page of one tag's articles, ordered like Bookmarks (by when bookmarked): tags live only on
 * bookmarks. No index holds tag and bookmark date together, so this intersects two key-only
 * walks — the tag's ids from `*tags`, the bookmark order from `bookmarkedAt` — and reads
 * article rows for the page alone (in chunks when unread-only has to look at them).
 */
async function listTagged(
  tag: string,
  limit: number,
  options: ListOptions,
  offset: number,
  db: BroadsheetDb,
  mark?: CrowdReadMark,
): Promise<Article[]> {
  const tagged = new Set(await db.articles.where('tags').equals(tag).primaryKeys());
  if (tagged.size === 0) return [];
  const byDate = await db.articles.orderBy('bookmarkedAt').primaryKeys();
  if (options.order === 'newest') byDate.reverse();
  const ids = byDate.filter((id) => tagged.has(id));
  if (!options.unreadOnly) {
    const rows = await db.articles.bulkGet(ids.slice(offset, offset + limit));
    return rows.filter((a): a is Article => a !== undefined);
  }
  const page: Article[] = [];
  let skipped = 0;
  for (let start = 0; start < ids.length && page.length < limit; start += limit) {
    const rows = await db.articles.bulkGet(ids.slice(start, start + limit));
    for (const article of rows) {
      if (!article || article.unread !== 1 || covered(article, mark)) continue;
      if (skipped < offset) skipped++;
      else if (page.length < limit) page.push(article);
    }
  }
  return page;
}

export async function getArticle(id: string, db = getDb()): Promise<Article | undefined> {
  const [row, mark] = await Promise.all([db.articles.get(id), activeReadMark(db)]);
  return row && present(row, mark);
}

/** Rows in the order asked; ids no longer stored are left out. */
export async function getArticles(ids: readonly string[], db = getDb()): Promise<Article[]> {
  const [rows, mark] = await Promise.all([db.articles.bulkGet([...ids]), activeReadMark(db)]);
  return rows.filter((row): row is Article => row !== undefined).map((row) => present(row, mark));
}

/** Every feed's shown name, unsubscribed ones too (their bookmarked articles still show it). */
export async function feedNames(db = getDb()): Promise<Map<string, string>> {
  const feeds = await db.feeds.toArray();
  return new Map(feeds.map((feed) => [feed.id, feed.customTitle ?? feed.title]));
}

/** Every feed's declared language, for the articles that do not say their own. */
export async function feedLanguages(db = getDb()): Promise<Map<string, string>> {
  const feeds = await db.feeds.toArray();
  return new Map(feeds.flatMap((feed) => (feed.language ? [[feed.id, feed.language]] : [])));
}

export function getFeed(id: string, db = getDb()): Promise<Feed | undefined> {
  return db.feeds.get(id);
}

/**
 * A feed's unread articles that its views show (not hidden): one key range (less what a waiting
 * "mark all as read" covers, read-marks.ts).
 */
export async function countUnread(feedId: string, db = getDb()): Promise<number> {
  return (await countUnreadByFeed([feedId], db)).get(feedId)!;
}

/**
 * Where a view's unread articles sit in an index, published before `before` (exclusive): a key
 * range that holds exactly the rows to change, so marking a view read never scans the library.
 * Bookmarks and tags have no unread index of their own; their own index bounds the walk.
 */
export type UnreadRange =
  | {
      index: '[lane+unread+publishedAt]';
      lower: [string, 1, number];
      upper: [string, 1, number];
    }
  | { index: '[crowd+unread+publishedAt]'; lower: [1, 1, number]; upper: [1, 1, number] }
  | { index: 'bookmarkedAt' }
  | { index: 'hiddenAt' }
  | { index: 'tags'; tag: string };

export function unreadRange(source: ArticleSource, before: number, now: number): UnreadRange {
  if (source.kind === 'feed' || source.kind === 'saved') {
    const feedId = source.kind === 'feed' ? source.feedId : SAVED_FEED_ID;
    return {
      index: '[lane+unread+publishedAt]',
      lower: [feedId, 1, -Infinity],
      upper: [feedId, 1, before],
    };
  }
  if (source.kind === 'bookmarks') return { index: 'bookmarkedAt' };
  if (source.kind === 'hidden') return { index: 'hiddenAt' };
  if (source.kind === 'tag') return { index: 'tags', tag: source.tag };
  const from = source.kind === 'today' ? Math.min(startOfToday(now), before) : -Infinity;
  return { index: '[crowd+unread+publishedAt]', lower: [1, 1, from], upper: [1, 1, before] };
}
