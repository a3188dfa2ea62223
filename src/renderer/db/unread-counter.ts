import Dexie, { RangeSet, cmp, type ObservabilitySet } from 'dexie';
import { whenListPainted } from '../lib/list-painted';
import { getDb } from './database';
import { activeReadMark, countUnreadWithMark } from './read-marks';
import { feedOfArticleId } from './article-id';
import { laneUnreadRange, measureLaneUnread, unreadTallyKey } from './tallies';
import type { BroadsheetDb } from './schema';

/**
 * Unread counts per feed for the sidebar, kept outside React so that a library of hundreds of
 * feeds costs one read transaction at start, not one live query per feed, and a change costs a
 * recount of only the feeds it touched. Every count is one feed's unread tally (tallies.ts): the
 * size of its key range in the `[lane+unread+publishedAt]` index (lane: the feed, unless hidden;
 * placement.ts), kept by every article write, so a count reads a number however many articles
 * the feed holds, and a background pass's announcements (quiet-writes.ts), which make every
 * feed count again, cost a read per feed.
 */
export interface UnreadCounter {
  /** The feed's unread count, or undefined until it has been counted. */
  get(feedId: string): number | undefined;
  /** Counts the feed (in the next batch) and keeps its count current while subscribed. */
  subscribe(feedId: string, listener: () => void): () => void;
  dispose(): void;
}

/**
 * Unread counts of several feeds in one read transaction: each feed's tally (tallies.ts), or its
 * key range counted where it has none yet, less what a waiting mark covers. Reads only: callable
 * inside a live query or another read transaction (the counter keeps the missing tallies).
 */
export async function countUnreadByFeed(
  feedIds: readonly string[],
  db: BroadsheetDb = getDb(),
): Promise<Map<string, number>> {
  const tables = [db.articles, db.feeds, db.readMarks, db.tallies];
  const counts = await db.transaction('r', tables, async () => {
    const [mark, tallies] = await Promise.all([
      // A "mark all as read" still folding into the rows counts as done (read-marks.ts).
      activeReadMark(db),
      db.tallies.bulkGet(feedIds.map(unreadTallyKey)),
    ]);
    const stored = tallies.map((tally) => tally?.count);
    if (mark) return countUnreadWithMark(db, feedIds, mark, stored);
    return Promise.all(
      feedIds.map(
        async (feedId, index) =>
          stored[index] ?? (await laneUnreadRange(db.articles, feedId).count()),
      ),
    );
  });
  return new Map(feedIds.map((feedId, index) => [feedId, counts[index]!]));
}

/**
 * Counts and keeps the unread tallies of those feeds that have none, each in a read-write
 * transaction with the articles (no write between the count and the tally), so every count after
 * reads a number: once per feed in a library from before them.
 */
async function keepUnreadTallies(feedIds: readonly string[], db: BroadsheetDb): Promise<void> {
  const keys = feedIds.map(unreadTallyKey);
  // Most are kept already (by an earlier page): no read-write lock on the articles for them.
  if ((await db.tallies.bulkGet(keys)).every((tally) => tally !== undefined)) return;
  await db.transaction('rw', [db.articles, db.tallies], async () => {
    const tallies = await db.tallies.bulkGet(keys);
    const missing = feedIds.filter((_, index) => tallies[index] === undefined);
    if (missing.length > 0) await measureLaneUnread(db, missing);
  });
}

/**
 * Which feeds' unread counts a committed change may have moved, read from what Dexie reports
 * as mutated: single rows come as point keys (article ids are `feedId|guid`, index keys
 * `[lane, unread, publishedAt]`); bulk writes and range deletes come as ranges, and then every feed may
 * have changed. Undefined when no article changed.
 */
export function feedsTouched(
  parts: ObservabilitySet,
  dbName: string,
): ReadonlySet<string> | 'all' | undefined {
  const prefix = `idb://${dbName}/articles/`;
  // A read mark recorded or folded away may move any feed's count (read-marks.ts).
  if (parts[`idb://${dbName}/readMarks/`]) return 'all';
  const touched = new Set<string>();
  let articlesChanged = false;
  for (const part of ['', ':dels', '[lane+unread+publishedAt]']) {
    const tree = parts[prefix + part];
    if (!tree) continue;
    articlesChanged = true;
    for (const node of RangeSet(tree)) {
      const feedId = cmp(node.from, node.to) === 0 ? feedOfKey(node.from) : undefined;
      if (feedId === undefined) return 'all';
      touched.add(feedId);
    }
  }
  return articlesChanged ? touched : undefined;
}

/** The feed of an article key or of a `[lane+unread+publishedAt]` key. */
function feedOfKey(key: unknown): string | undefined {
  if (Array.isArray(key)) return typeof key[0] === 'string' ? key[0] : undefined;
  return feedOfArticleId(key);
}

/**
 * @param ready counting starts once this settles (the app passes "the article list has
 *   painted", so the counts never queue ahead of the first page of articles).
 */
export function createUnreadCounter(
  ready: Promise<unknown> = Promise.resolve(),
  db: BroadsheetDb = getDb(),
): UnreadCounter {
  const counts = new Map<string, number>();
  /** Feeds whose unread tally is known to exist (kept or found by keepUnreadTallies). */
  const tallied = new Set<string>();
  const listeners = new Map<string, Set<() => void>>();
  const stale = new Set<string>();
  let scheduled = false;
  // One batch at a time, in order, so an older count never lands after a newer one.
  let queue: Promise<unknown> = ready.catch(() => undefined);

  const flush = async (): Promise<void> => {
    scheduled = false;
    const feedIds = [...stale].filter((feedId) => listeners.has(feedId));
    stale.clear();
    if (feedIds.length === 0) return;
    let fresh: Map<string, number>;
    try {
      // Feeds this counter has not yet seen tallied get their tallies kept first (once each:
      // every later count reads the tally alone).
      const unseen = feedIds.filter((feedId) => !tallied.has(feedId));
      if (unseen.length > 0) {
        await keepUnreadTallies(unseen, db).then(
          () => unseen.forEach((feedId) => tallied.add(feedId)),
          (error: unknown) => console.warn('Could not keep unread tallies:', error),
        );
      }
      fresh = await countUnreadByFeed(feedIds, db);
    } catch (error) {
      // A closed or failing database leaves the last counts up; the next change tries again.
      console.warn('Could not count unread articles:', error);
      return;
    }
    for (const [feedId, count] of fresh) {
      if (counts.get(feedId) === count) continue;
      counts.set(feedId, count);
      listeners.get(feedId)?.forEach((listener) => listener());
    }
  };

  const recount = (feedIds: Iterable<string>): void => {
    for (const feedId of feedIds) stale.add(feedId);
    if (scheduled || stale.size === 0) return;
    scheduled = true;
    queue = queue.then(flush);
  };

  const onMutated = (parts: ObservabilitySet): void => {
    const touched = feedsTouched(parts, db.name);
    if (touched === undefined) return;
    const affected = touched === 'all' ? [...counts.keys(), ...listeners.keys()] : touched;
    // Counts nobody shows are forgotten rather than kept current; showing one counts it again.
    for (const feedId of affected) if (!listeners.has(feedId)) counts.delete(feedId);
    recount([...affected].filter((feedId) => listeners.has(feedId)));
  };
  Dexie.on('storagemutated', onMutated);

  return {
    get: (feedId) => counts.get(feedId),
    subscribe(feedId, listener) {
      let set = listeners.get(feedId);
      if (!set) listeners.set(feedId, (set = new Set()));
      set.add(listener);
      if (!counts.has(feedId)) recount([feedId]);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(feedId);
      };
    },
    dispose: () => Dexie.on.storagemutated.unsubscribe(onMutated),
  };
}

let pageCounter: UnreadCounter | undefined;

/**
 * The page's one counter: the sidebar's rows and the unread badge (pipeline/unread-badge.ts)
 * read the same counts, so a change is counted once for both. Counting waits for the list's
 * first paint.
 */
export function pageUnreadCounter(): UnreadCounter {
  pageCounter ??= createUnreadCounter(whenListPainted());
  return pageCounter;
}
