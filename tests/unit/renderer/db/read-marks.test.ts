/**
 * Issue 16, item 5: "mark all as read" over tens of thousands of articles is one recorded mark,
 * folded into the rows in the background; every read of read state sees it at once, and the
 * unread counts stay exact before, during and after the fold — with arrivals, marks unread and
 * upstream edits meanwhile, a quiet feed, a hidden article, and a reload mid-fold.
 */
import { liveQuery } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import {
  DIRECT_MARK_LIMIT,
  markAllRead,
  markRead,
  markUnread,
} from '@renderer/db/articles-repository';
import type { Article, CrowdReadMark } from '@renderer/db/entities';
import { storeFetchResult } from '@renderer/db/feeds-repository';
import { countArticles, countUnread, getArticle, listArticles } from '@renderer/db/queries';
import { FOLD_CHUNK, foldReadMarks, nextUnreadStamp } from '@renderer/db/read-marks';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { trackArticleChanges } from '@renderer/db/article-changes';
import { countUnreadByFeed } from '@renderer/db/unread-counter';
import { fetchedFeed, parsedItem, storedArticle, storedFeed } from './fixtures';
import { spyOnReads } from './read-spy';
import { testDatabases } from './test-db';

const freshDb = testDatabases('marks');
const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 11, 6, 12);
const WEEK_AGO = NOW - 7 * DAY;

const at = (id: string, daysOld: number, extra: Partial<Article> = {}): Article =>
  storedArticle(id, { publishedAt: NOW - daysOld * DAY, fetchedAt: NOW - daysOld * DAY, ...extra });

/** A library of two feeds, one quiet, plus a hidden article; what is unread older than a week. */
async function library(db: BroadsheetDb): Promise<void> {
  await db.feeds.bulkPut([storedFeed('f1'), storedFeed('f2'), storedFeed('q', { quiet: true })]);
  await db.articles.bulkPut([
    at('f1|old1', 10),
    at('f1|old2', 9),
    at('f1|old-read', 9, { unread: 0, readAt: 1 }),
    at('f1|new', 1),
    at('f2|old', 12, { bookmarkedAt: 5, tags: ['keep'] }),
    at('f2|new', 2),
    at('q|old', 11, { quiet: 1 }),
    at('f2|hidden', 11, { hiddenAt: 1, hiddenBy: 'r' }),
  ]);
}

/** A mark as the app records it, left unfolded (as after a reload before the fold ran). */
async function recordUnfolded(db: BroadsheetDb, from: number, before: number): Promise<void> {
  await db.transaction('rw', [db.articles, db.readMarks], async () => {
    const mark: CrowdReadMark = {
      id: 'm1',
      kind: 'read',
      from,
      before,
      at: nextUnreadStamp(),
      readAt: NOW,
    };
    await db.readMarks.put(mark);
  });
}

async function counts(db: BroadsheetDb, feeds = ['f1', 'f2', 'q']) {
  return {
    byFeed: Object.fromEntries(await countUnreadByFeed(feeds, db)),
    f1: await countUnread('f1', db),
    unread: await countArticles({ kind: 'unread' }, undefined, db),
    allUnread: await countArticles({ kind: 'all' }, { order: 'newest', unreadOnly: true }, db),
  };
}

const ids = (rows: Article[]) => rows.map((row) => row.id);

describe('a recorded "mark all as read"', () => {
  it('reads as done everywhere before a single row is rewritten', async () => {
    const db = freshDb();
    await library(db);
    await recordUnfolded(db, -Infinity, WEEK_AGO);

    // The rows still say unread: nothing but the mark was written.
    expect((await db.articles.get('f1|old1'))!.unread).toBe(1);
    expect(await counts(db)).toEqual({
      byFeed: { f1: 1, f2: 1, q: 1 },
      f1: 1,
      unread: 2,
      allUnread: 2,
    });
    expect(ids(await listArticles({ kind: 'unread' }, {}, db))).toEqual(['f1|new', 'f2|new']);
    expect(
      ids(await listArticles({ kind: 'feed', feedId: 'f1' }, { unreadOnly: true }, db)),
    ).toEqual(['f1|new']);
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.find((a) => a.id === 'f1|old1')).toMatchObject({ unread: 0, readAt: NOW });
    expect(await getArticle('f2|old', db)).toMatchObject({ unread: 0, readAt: NOW });
    // Views with no unread index of their own filter by the same rule.
    const unreadOnly = { order: 'newest', unreadOnly: true } as const;
    expect(await countArticles({ kind: 'bookmarks' }, unreadOnly, db)).toBe(0);
    expect(await listArticles({ kind: 'bookmarks' }, unreadOnly, db)).toEqual([]);
    expect(await countArticles({ kind: 'tag', tag: 'keep' }, unreadOnly, db)).toBe(0);
    expect(await listArticles({ kind: 'tag', tag: 'keep' }, unreadOnly, db)).toEqual([]);
    expect(ids(await listArticles({ kind: 'tag', tag: 'keep' }, {}, db))).toEqual(['f2|old']);
    // A quiet feed is not in the crowd's views, so their mark leaves it alone; so does a hide.
    expect(await getArticle('q|old', db)).toMatchObject({ unread: 1 });
    expect((await getArticle('f2|hidden', db))!.unread).toBe(1);

    await foldReadMarks(db);
    expect(await db.readMarks.count()).toBe(0);
    expect((await db.articles.get('f1|old1'))!).toMatchObject({ unread: 0, readAt: NOW });
    expect((await db.articles.get('q|old'))!.unread).toBe(1);
    expect((await db.articles.get('f2|hidden'))!.unread).toBe(1);
    expect(await counts(db)).toEqual({
      byFeed: { f1: 1, f2: 1, q: 1 },
      f1: 1,
      unread: 2,
      allUnread: 2,
    });
  });

  it('leaves out what arrives, or is marked unread, after it; edits and reads keep it exact', async () => {
    const db = freshDb();
    await library(db);
    await recordUnfolded(db, -Infinity, WEEK_AGO);

    // A late item published a month ago arrives after the mark: it is unread.
    await storeFetchResult(
      'f1',
      fetchedFeed([
        parsedItem('late', { published: NOW - 30 * DAY }),
        // An upstream edit of a covered article keeps it covered.
        parsedItem('old2', { published: NOW - 9 * DAY, summary: 'edited' }),
      ]),
      NOW,
      db,
    );
    await markUnread('f2|old', db);
    // Reading a covered article is no change to the counts (it was already counted read).
    await markRead('f1|old1', NOW, db);

    const expected = { byFeed: { f1: 2, f2: 2, q: 1 }, f1: 2, unread: 4, allUnread: 4 };
    expect(await counts(db)).toEqual(expected);
    expect(ids(await listArticles({ kind: 'unread' }, {}, db))).toEqual([
      'f1|new',
      'f2|new',
      'f2|old',
      'f1|late',
    ]);
    expect(
      ids(await listArticles({ kind: 'unread' }, { order: 'oldest', offset: 1, limit: 2 }, db)),
    ).toEqual(['f2|old', 'f2|new']);
    expect((await getArticle('f1|old2', db))!.unread).toBe(0);

    await foldReadMarks(db);
    expect(await counts(db)).toEqual(expected);
    expect((await db.articles.get('f1|late'))!.unread).toBe(1);
    expect((await db.articles.get('f2|old'))!.unread).toBe(1);
    expect((await db.articles.get('f1|old2'))!).toMatchObject({ unread: 0, summary: 'edited' });
  });

  it('resumes folding after a reload, on a new connection', async () => {
    const db = freshDb();
    await library(db);
    await recordUnfolded(db, -Infinity, Infinity);
    db.close();

    const reopened = createDb(db.name);
    await reopened.open();
    expect(await countUnread('f1', reopened)).toBe(0);
    await foldReadMarks(reopened);
    expect(await reopened.readMarks.count()).toBe(0);
    expect(
      await reopened.articles
        .where('[lane+unread+publishedAt]')
        .between(['f1', 1, -Infinity], ['f1', 1, Infinity])
        .count(),
    ).toBe(0);
    expect(await countUnread('q', reopened)).toBe(1);
    reopened.close();
  });

  it('marks a large Unread view in one write, counts exact while the fold runs', async () => {
    const db = freshDb();
    const feeds = ['a', 'b', 'c'];
    await db.feeds.bulkPut(feeds.map((id) => storedFeed(id)));
    const rows: Article[] = [];
    const total = DIRECT_MARK_LIMIT + 2 * FOLD_CHUNK + 77;
    for (let n = 0; n < total; n++) rows.push(at(`${feeds[n % 3]}|${n}`, 8 + (n % 50)));
    for (let n = 0; n < 30; n++) rows.push(at(`${feeds[n % 3]}|recent${n}`, n % 6));
    await db.articles.bulkPut(rows);

    expect(await markAllRead({ kind: 'unread' }, { olderThan: WEEK_AGO, now: NOW }, db)).toBe(
      total,
    );
    // Recorded, not yet rewritten: most rows still say unread.
    expect(await db.readMarks.count()).toBe(1);
    const seen = new Set<string>();
    while ((await db.readMarks.count()) > 0) {
      const now = await counts(db, feeds);
      seen.add(JSON.stringify(now));
      expect(now.unread).toBe(30);
      expect(Object.values(now.byFeed).reduce((sum, n) => sum + n, 0)).toBe(30);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen.size).toBe(1);
    await foldReadMarks(db);
    expect(await db.articles.where('[feedId+unread]').equals(['a', 1]).count()).toBe(10);
    expect((await db.articles.get('a|0'))!.readAt).toBe(NOW);
  }, 60_000);

  it('a fold queues every synced row it reads, and live counts end exact once it is done', async () => {
    const db = freshDb();
    const feeds = ['a', 'b'];
    await db.feeds.bulkPut(feeds.map((id) => storedFeed(id)));
    const rows: Article[] = [];
    const total = DIRECT_MARK_LIMIT + FOLD_CHUNK + 3;
    for (let n = 0; n < total; n++) {
      const synced = n % 2 === 0 ? { accountId: 'acc', remoteId: `r${n}` } : {};
      rows.push(at(`${feeds[n % 2]}|${n}`, 8 + (n % 40), synced));
    }
    rows.push(at('a|recent', 1));
    await db.articles.bulkPut(rows);
    // Live queries as the sidebar and a raw count hold them: the fold's chunks commit quietly.
    let live: { byFeed?: Map<string, number>; raw?: number; error?: unknown } = {};
    const counting = liveQuery(() => countUnreadByFeed(feeds, db)).subscribe(
      (byFeed) => (live = { ...live, byFeed }),
    );
    const raw = liveQuery(() =>
      db.articles
        .where('[feedId+unread]')
        .anyOf(feeds.map((feed) => [feed, 1]))
        .count(),
    ).subscribe({
      next: (count) => (live = { ...live, raw: count }),
      error: (error: unknown) => (live = { ...live, error }),
    });
    try {
      await vi.waitFor(() => expect(live).toMatchObject({ raw: total + 1 }), 10_000);
      expect(await markAllRead({ kind: 'unread' }, { olderThan: WEEK_AGO, now: NOW }, db)).toBe(
        total,
      );
      await foldReadMarks(db);
      expect(await db.readMarks.count()).toBe(0);
      await vi.waitFor(() => {
        expect(live.raw).toBe(1);
        expect(Object.fromEntries(live.byFeed!)).toEqual({ a: 1, b: 0 });
      }, 10_000);
      const queued = (await db.outbox.toArray()).flatMap((entry) =>
        entry.change.kind === 'read' ? entry.change.itemIds : [],
      );
      const synced = rows.filter((row) => row.remoteId).map((row) => row.remoteId!);
      expect(queued.sort()).toEqual(synced.sort());
    } finally {
      counting.unsubscribe();
      raw.unsubscribe();
    }
  }, 60_000);

  it('folds a lane chunk by chunk from where the last chunk ended, not from its start', async () => {
    // The rows a chunk folds leave the lane's unread range as tombstones IndexedDB walks one by
    // one: a chunk that read from the lane's start again crossed every row folded before it.
    const db = freshDb();
    const reads = spyOnReads(db);
    await db.feeds.put(storedFeed('a'));
    // Three chunks and a bit; pairs share a date, so a chunk can end inside one.
    const total = 3 * FOLD_CHUNK + 7;
    await db.articles.bulkPut(
      Array.from({ length: total }, (_, n) =>
        at(`a|${String(n).padStart(4, '0')}`, 8, {
          publishedAt: WEEK_AGO - 1000 * (total - Math.floor(n / 2)),
        }),
      ),
    );
    await recordUnfolded(db, -Infinity, WEEK_AGO);
    reads.length = 0;
    await foldReadMarks(db);
    expect(await db.articles.where('[feedId+unread]').equals(['a', 1]).count()).toBe(0);
    const starts = reads
      .filter((read) => read.index === '[lane+unread+publishedAt]')
      .map((read) => (read.range.lower as [string, number, number])[2]);
    // The first walk: the lane's start, then each chunk's last date, rising; then one more walk.
    expect(starts.slice(0, 4)).toEqual([
      -Infinity,
      ...[1, 2, 3].map(
        (chunk) => WEEK_AGO - 1000 * (total - Math.floor((chunk * FOLD_CHUNK - 1) / 2)),
      ),
    ]);
    expect(starts.slice(4)).toEqual([-Infinity]);
  });

  it('folds a row dated back behind the fold while it runs', async () => {
    const db = freshDb();
    // After the fold's first commit, an edit dates the newest row before every other.
    let armed = false;
    let movedWhileFolding: Promise<boolean> | undefined;
    const total = 3 * FOLD_CHUNK;
    const newest = `a|${String(total - 1).padStart(4, '0')}`;
    trackArticleChanges(db, () => {
      if (!armed) return;
      movedWhileFolding ??= db.articles
        .update(newest, { publishedAt: WEEK_AGO - 1000 * (total + 5) })
        .then(async () => (await db.readMarks.count()) === 1);
    });
    await db.feeds.put(storedFeed('a'));
    await db.articles.bulkPut(
      Array.from({ length: total }, (_, n) =>
        at(`a|${String(n).padStart(4, '0')}`, 8, { publishedAt: WEEK_AGO - 1000 * (total - n) }),
      ),
    );
    await recordUnfolded(db, -Infinity, WEEK_AGO);
    armed = true;
    await foldReadMarks(db);
    expect(await movedWhileFolding).toBe(true);
    expect(await db.readMarks.count()).toBe(0);
    const moved = (await db.articles.get(newest))!;
    expect([moved.unread, moved.readAt]).toEqual([0, NOW]);
    expect(await countUnread('a', db)).toBe(0);
  });

  it('a wider mark takes the place of one still waiting', async () => {
    const db = freshDb();
    await library(db);
    await recordUnfolded(db, -Infinity, WEEK_AGO);
    const many: Article[] = [];
    for (let n = 0; n <= DIRECT_MARK_LIMIT; n++) many.push(at(`f2|n${n}`, 0.5));
    await db.articles.bulkPut(many);

    // Everything: holds the week-old mark, so it takes its place.
    await markAllRead({ kind: 'all' }, { now: NOW }, db);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(0);
    expect(await countUnread('q', db)).toBe(1);
    await foldReadMarks(db);
    expect(await db.readMarks.count()).toBe(0);
    // The hidden article stays unread: no view but Hidden shows it.
    expect(await db.articles.where('[feedId+unread]').equals(['f2', 1]).count()).toBe(1);
  }, 60_000);
});
