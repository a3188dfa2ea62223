import type Dexie from 'dexie';
import { deriveOnArticleWrites } from './article-write-hooks';
import type { Article, CrowdReadMark, Feed } from './entities';
import { OutboxRecorder, syncedState } from './outbox-repository';
import { QuietAnnouncer } from './quiet-writes';
import type { BroadsheetDb } from './schema';
import { laneUnreadRange, vouchStored } from './tallies';

/*
 * "Mark all as read" over tens of thousands of articles, recorded in O(1) and folded into the
 * rows in the background. Rewriting 30,000 article rows takes seconds in IndexedDB whatever the
 * indexes, so the click writes one `readMarks` row instead, and every read of read state
 * (counts, list rows, unread-only views) applies it until the fold has rewritten the rows in
 * chunked transactions — each with the outbox entries its account items need — and deleted it.
 *
 * What a mark covers is a pure function of a row and the mark (`covered`): unread, not hidden,
 * not from a quiet feed, published in [from, before), and unread since before the mark. The
 * last part is what keeps counts exact while the mark waits: every unread row carries
 * `unreadAt`, a monotonic stamp a middleware sets whenever a row is written unread without one
 * (a new arrival, a row marked unread: markUnread drops the old stamp) and removes from read
 * rows; writes that keep a row unread carry it. So what arrives or is marked unread after the
 * mark is out of it, and those rows are few and found through the `unreadAt` index. A reload
 * or a crash mid-fold leaves the mark in place; the fold resumes at start.
 *
 * One mark at a time: a second "mark all as read" waits for the first fold unless its range
 * holds the first's (then it replaces it). Feed views mark their rows directly: one feed's
 * unread articles are few enough, and the crowd counts could not subtract them by index.
 */

let lastStamp = 0;

/** A strictly increasing clock for `unreadAt` and marks' `at`. */
export function nextUnreadStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/** Keeps `unreadAt` on every article write: stamped when unread without one, gone when read. */
export function stampUnread(db: Dexie): void {
  deriveOnArticleWrites(db, 'UnreadStamp', (article) => {
    if (article.unread !== 1) delete article.unreadAt;
    else if (article.unreadAt === undefined) article.unreadAt = nextUnreadStamp();
  });
}

/** An unread row the mark's view and range hold: shown (not hidden, not quiet), in [from, before). */
function inMarkScope(article: Article, mark: CrowdReadMark): boolean {
  return (
    article.unread === 1 &&
    article.lane !== undefined &&
    article.quiet !== 1 &&
    article.publishedAt >= mark.from &&
    article.publishedAt < mark.before
  );
}

/** Whether the mark says this row is read while its own field still says unread. */
export function covered(article: Article, mark: CrowdReadMark | undefined): boolean {
  return mark !== undefined && inMarkScope(article, mark) && (article.unreadAt ?? 0) < mark.at;
}

/** The row as the reader sees it: read when a mark covers it. */
export function present(article: Article, mark: CrowdReadMark | undefined): Article {
  return covered(article, mark) ? { ...article, unread: 0, readAt: mark!.readAt } : article;
}

/** The mark waiting to be folded, if any (read inside the caller's transaction or live query). */
export async function activeReadMark(db: BroadsheetDb): Promise<CrowdReadMark | undefined> {
  const marks = await db.readMarks.toArray();
  const mark = marks.find((row): row is CrowdReadMark => row.kind === 'read');
  // A clock set back since the mark was recorded must not stamp new rows before it.
  if (mark) lastStamp = Math.max(lastStamp, mark.at);
  return mark;
}

/**
 * The unread rows in the mark's range it does not cover: what became unread after it. Small (a
 * refresh's arrivals, what the reader marked unread meanwhile), read through `unreadAt`.
 */
export async function exemptRows(db: BroadsheetDb, mark: CrowdReadMark): Promise<Article[]> {
  const rows = await db.articles.where('unreadAt').aboveOrEqual(mark.at).toArray();
  return rows.filter((row) => inMarkScope(row, mark));
}

/**
 * Unread counts of feeds with a mark applied: each feed's unread rows (`stored`, its tally when
 * the caller has it, else its key range counted), less its rows in the mark's range, plus those
 * of them the mark does not cover. Quiet feeds' rows are never covered. Call inside a read
 * transaction holding articles, feeds and readMarks.
 */
export async function countUnreadWithMark(
  db: BroadsheetDb,
  feedIds: readonly string[],
  mark: CrowdReadMark,
  stored: readonly (number | undefined)[] = [],
): Promise<number[]> {
  const [feeds, exempt] = await Promise.all([db.feeds.bulkGet([...feedIds]), exemptRows(db, mark)]);
  const exemptByLane = new Map<string, number>();
  for (const row of exempt) exemptByLane.set(row.lane!, (exemptByLane.get(row.lane!) ?? 0) + 1);
  const laneRange = (feedId: string, from?: number, before?: number) =>
    laneUnreadRange(db.articles, feedId, from, before).count();
  return Promise.all(
    feedIds.map(async (feedId, index) => {
      const everything = async () => stored[index] ?? (await laneRange(feedId));
      const exempt = exemptByLane.get(feedId) ?? 0;
      if ((feeds[index] as Feed | undefined)?.quiet) return everything();
      // A mark open below ("mark all as read") leaves only what was published since outside
      // it: counted alone, not the whole feed twice.
      if (mark.from === -Infinity) return (await laneRange(feedId, mark.before)) + exempt;
      const [all, inRange] = await Promise.all([
        everything(),
        laneRange(feedId, mark.from, mark.before),
      ]);
      return all - inRange + exempt;
    }),
  );
}

/** Runs background rewrites of one database one after another (folds, quiet-feed changes). */
const queues = new WeakMap<BroadsheetDb, Promise<unknown>>();

export function serializeBackground<T>(db: BroadsheetDb, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.then(job, job);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

/** Resolves once every background rewrite queued so far has finished. */
export function backgroundSettled(db: BroadsheetDb): Promise<void> {
  return (queues.get(db) ?? Promise.resolve()).then(() => undefined);
}

/**
 * Rows a fold rewrites per transaction. Its commits are quiet (quiet-writes.ts); what is left on
 * the main thread is `put` cloning each row, ~0.2 ms a row on a loaded 2-core machine (a CPU
 * profile), so 100 keep each task near 20 ms where 500 made frames of 250–500 ms.
 */
export const FOLD_CHUNK = 100;

/**
 * Records a mark over the crowd's unread articles published in [from, before); the fold starts
 * behind it. Waits for a mark already folding unless this one's range holds it.
 */
export async function recordCrowdReadMark(
  db: BroadsheetDb,
  range: { from: number; before: number },
  readAt: number,
): Promise<void> {
  const previous = await activeReadMark(db);
  if (previous && (range.from > previous.from || range.before < previous.before)) {
    await backgroundSettled(db);
    await foldReadMarks(db);
  }
  // With the articles in its scope, no article write interleaves with the stamp it takes.
  await db.transaction('rw', [db.articles, db.readMarks], async () => {
    const replaced = await activeReadMark(db);
    if (replaced) await db.readMarks.delete(replaced.id);
    const mark: CrowdReadMark = {
      id: crypto.randomUUID(),
      kind: 'read',
      from: range.from,
      before: range.before,
      at: nextUnreadStamp(),
      readAt,
    };
    await db.readMarks.put(mark);
  });
  void foldReadMarks(db).catch((error: unknown) => {
    console.warn('Could not finish marking articles read:', error);
  });
}

/**
 * Folds the waiting mark into the article rows, lane by lane in key order, a chunk per
 * transaction, then deletes it. Safe to call any number of times: runs queue behind each other,
 * and a run that finds no mark does nothing.
 *
 * Each chunk reads on from the date the last one ended at, not from the lane's start: the rows
 * it folded left the lane's unread range as tombstones, which IndexedDB walks one by one until
 * the store compacts them, so restarting at the start made a lane's fold quadratic. A row that
 * moves behind the fold while it runs (an edit that dates it earlier, or puts it in a lane done
 * before) is caught by one more walk of every lane at the end, before the mark goes.
 */
export function foldReadMarks(db: BroadsheetDb): Promise<void> {
  return serializeBackground(db, async () => {
    const mark = await activeReadMark(db);
    if (!mark) return;
    // Chunks commit quietly and are announced every QUIET_ANNOUNCE_MS (quiet-writes.ts): while
    // the mark stands, reads apply it, so what a live query has not yet heard of reads the same.
    const quiet = new QuietAnnouncer(db);
    try {
      for (const sweep of [false, true]) {
        // Every lane any article is in; the first walk skips the ones it finished before a reload.
        const lanes = (await db.articles.orderBy('lane').uniqueKeys()) as string[];
        for (const lane of lanes) {
          if (!sweep && mark.lane !== undefined && lane < mark.lane) continue;
          let from = mark.from;
          for (;;) {
            const outcome = await foldChunk(db, mark.id, lane, from, !sweep, quiet);
            if (outcome === 'gone') return;
            if (outcome === 'lane-done') break;
            from = outcome.from;
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
        }
      }
    } finally {
      // Before the mark goes: a query rerun by its deletion must not find rows of Dexie's cache
      // from before the fold, read without the mark.
      quiet.flush();
    }
    await db.transaction('rw', db.readMarks, () => db.readMarks.delete(mark.id));
  });
}

/**
 * Folds up to FOLD_CHUNK rows of a lane the mark covers, dated `from` or later. Returns where
 * the next chunk starts (the last row's date: rows of the same date it did not reach are still
 * in the range), 'lane-done' past the lane's last, or 'gone' when the mark is.
 */
async function foldChunk(
  db: BroadsheetDb,
  markId: string,
  lane: string,
  from: number,
  recordProgress: boolean,
  quiet: QuietAnnouncer,
): Promise<'gone' | 'lane-done' | { from: number }> {
  return quiet.transaction([db.articles, db.outbox, db.readMarks], async () => {
    const mark = (await db.readMarks.get(markId)) as CrowdReadMark | undefined;
    // A restore or a newer mark replaced it: the newer one folds itself.
    if (!mark) return 'gone' as const;
    const rows = await db.articles
      .where('[lane+unread+publishedAt]')
      .between([lane, 1, from], [lane, 1, mark.before], true, false)
      .filter((row) => covered(row, mark))
      .limit(FOLD_CHUNK)
      .toArray();
    // Read in this transaction: their write moves the tallies without reading them again.
    vouchStored(rows);
    const recorder = new OutboxRecorder();
    for (const row of rows) {
      const before = syncedState(row);
      row.unread = 0;
      row.readAt = mark.readAt;
      recorder.note(before, row);
    }
    if (rows.length > 0) await db.articles.bulkPut(rows);
    await recorder.flush(db, mark.readAt);
    if (rows.length === FOLD_CHUNK) return { from: rows.at(-1)!.publishedAt };
    // Every lane before this one is done: a fold resumed after a reload skips them.
    if (recordProgress) {
      const progressed: CrowdReadMark = { ...mark, lane: `${lane}\u0000` };
      await db.readMarks.put(progressed);
    }
    return 'lane-done' as const;
  });
}
