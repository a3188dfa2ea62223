import { type DBCoreKeyRange, type DBCoreTable, type IndexableType } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { markAllRead, markRead, markUnread } from '@renderer/db/articles-repository';
import { purgeArticles } from '@renderer/db/retention-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { createUnreadCounter, feedsTouched, type UnreadCounter } from '@renderer/db/unread-counter';
import { testDatabases } from './test-db';
import { storedArticle } from './fixtures';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 27);
const freshDb = testDatabases('unread-counter');
const counters: UnreadCounter[] = [];
afterEach(() => counters.splice(0).forEach((counter) => counter.dispose()));

const article = (feedId: string, n: number, extra: Partial<Article> = {}): Article =>
  storedArticle(`${feedId}|${n}`, {
    title: `${feedId} ${n}`,
    publishedAt: NOW - n * 60_000,
    fetchedAt: NOW,
    ...extra,
  });

/** Every read the articles table answers, as index name and key range. */
interface Read {
  op: string;
  index: string;
  lower: unknown;
  upper: unknown;
}

/** A database that records every read of the articles table below Dexie's own layers. */
function recordingDb(): { db: BroadsheetDb; reads: Read[] } {
  const db = freshDb();
  const reads: Read[] = [];
  const record = (op: string, index: string | null, range?: DBCoreKeyRange) =>
    reads.push({ op, index: index || 'primary key', lower: range?.lower, upper: range?.upper });
  db.use({
    stack: 'dbcore',
    name: 'record-reads',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name === 'tallies') {
          // Which feeds' tallies were read: what a count asked for.
          return {
            ...table,
            getMany: (req) => (
              record('tallies', null, { lower: req.keys } as unknown as DBCoreKeyRange),
              table.getMany(req)
            ),
          };
        }
        if (name !== 'articles') return table;
        const recorded: DBCoreTable = {
          ...table,
          get: (req) => (record('get', null), table.get(req)),
          getMany: (req) => (record('getMany', null), table.getMany(req)),
          count: (req) => (
            record('count', req.query.index.name, req.query.range),
            table.count(req)
          ),
          query: (req) => (
            record('query', req.query.index.name, req.query.range),
            table.query(req)
          ),
          openCursor: (req) => (
            record('openCursor', req.query.index.name, req.query.range),
            table.openCursor(req)
          ),
        };
        return recorded;
      },
    }),
  });
  return { db, reads };
}

function counterFor(db: BroadsheetDb, ready?: Promise<unknown>): UnreadCounter {
  const counter = createUnreadCounter(ready, db);
  counters.push(counter);
  return counter;
}

/** Shows the feeds, as the sidebar's rows do, and resolves once each has its first count. */
async function show(counter: UnreadCounter, feedIds: string[]): Promise<void> {
  for (const feedId of feedIds) counter.subscribe(feedId, () => undefined);
  await vi.waitFor(() => feedIds.forEach((feedId) => expect(counter.get(feedId)).toBeDefined()));
}

async function unreadIn(db: BroadsheetDb, feedId: string): Promise<number> {
  return (await db.articles.toArray()).filter((a) => a.feedId === feedId && a.unread === 1).length;
}

describe('sidebar unread counts', () => {
  it('count a feed never counted from its own key range once, reading no article, then read its tally', async () => {
    const { db, reads } = recordingDb();
    await db.articles.bulkAdd([
      ...Array.from({ length: 30 }, (_, n) => article('a', n, { unread: n % 3 ? 0 : 1 })),
      ...Array.from({ length: 20 }, (_, n) => article('b', n)),
    ]);
    reads.length = 0;
    const counter = counterFor(db);
    await show(counter, ['a']);

    expect(counter.get('a')).toBe(10);
    const walked = (read: Read) => read.op !== 'tallies';
    expect(reads.filter(walked)).toEqual([
      {
        op: 'count',
        index: '[lane+unread+publishedAt]',
        lower: ['a', 1, -Infinity],
        upper: ['a', 1, Infinity],
      },
    ]);
    expect(await db.tallies.get('unread:a')).toEqual({ key: 'unread:a', count: 10 });

    // Counted again (a new page): the tally answers, no key range is walked.
    reads.length = 0;
    const again = counterFor(db);
    await show(again, ['a']);
    expect(again.get('a')).toBe(10);
    expect(reads.filter(walked)).toEqual([]);
  });

  it('count every shown feed in one batch', async () => {
    const { db, reads } = recordingDb();
    await db.articles.bulkAdd([article('a', 1), article('b', 1), article('b', 2), article('c', 1)]);
    reads.length = 0;
    const counter = counterFor(db);
    await show(counter, ['a', 'b', 'c', 'none']);

    expect(['a', 'b', 'c', 'none'].map((feedId) => counter.get(feedId))).toEqual([1, 2, 1, 0]);
    const walked = reads.filter((read) => read.op !== 'tallies');
    expect(walked.map((read) => read.lower)).toEqual([
      ['a', 1, -Infinity],
      ['b', 1, -Infinity],
      ['c', 1, -Infinity],
      ['none', 1, -Infinity],
    ]);
  });

  it('after marking one article read, recount only its feed', async () => {
    const { db, reads } = recordingDb();
    await db.articles.bulkAdd([article('a', 1), article('a', 2), article('b', 1)]);
    const counter = counterFor(db);
    await show(counter, ['a', 'b']);
    reads.length = 0;

    await markRead('a|1', NOW, db);
    await vi.waitFor(() => expect(counter.get('a')).toBe(1));
    // Give any further recount the chance to run before looking at what was read.
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The recount read feed a's tally once and walked no index: the write moved the tally.
    const asked = reads.filter((read) => read.op === 'tallies').map((read) => read.lower);
    expect(asked).toEqual([['unread:a']]);
    expect(reads.filter((read) => read.op === 'count')).toEqual([]);
    expect(reads.some((read) => read.op !== 'tallies' && read.index !== 'primary key')).toBe(false);
    expect(counter.get('b')).toBe(1);
  });

  it('stay correct after mark read, mark unread, mark all read and purge', async () => {
    const db = freshDb();
    await db.feeds.bulkAdd([
      { id: 'a', url: 'https://a.example/feed', title: 'A', createdAt: 0 },
      { id: 'b', url: 'https://b.example/feed', title: 'B', createdAt: 0 },
    ]);
    // More than Dexie reports key by key (50), so bulk writes come as ranges too.
    await db.articles.bulkAdd([
      ...Array.from({ length: 80 }, (_, n) => article('a', n, { publishedAt: NOW - n * DAY })),
      ...Array.from({ length: 60 }, (_, n) => article('b', n)),
    ]);
    const counter = counterFor(db);
    await show(counter, ['a', 'b']);
    const settled = async () =>
      vi.waitFor(async () => {
        expect(counter.get('a')).toBe(await unreadIn(db, 'a'));
        expect(counter.get('b')).toBe(await unreadIn(db, 'b'));
      });
    expect([counter.get('a'), counter.get('b')]).toEqual([80, 60]);

    await markRead('a|0', NOW, db);
    await markRead('b|0', NOW, db);
    await vi.waitFor(() => expect([counter.get('a'), counter.get('b')]).toEqual([79, 59]));

    await markUnread('a|0', db);
    await vi.waitFor(() => expect(counter.get('a')).toBe(80));

    await markAllRead({ kind: 'feed', feedId: 'a' }, { olderThan: NOW - 10 * DAY, now: NOW }, db);
    await vi.waitFor(() => expect(counter.get('a')).toBe(11));
    await settled();

    await markAllRead({ kind: 'all' }, { now: NOW }, db);
    await vi.waitFor(() => expect([counter.get('a'), counter.get('b')]).toEqual([0, 0]));

    await db.articles.bulkPut([article('a', 200), article('b', 200), article('b', 201)]);
    await vi.waitFor(() => expect([counter.get('a'), counter.get('b')]).toEqual([1, 2]));

    // Purge unread articles that arrived long ago, and cap feed b at 30.
    await db.articles.bulkPut(
      Array.from({ length: 5 }, (_, n) => article('a', 300 + n, { fetchedAt: NOW - 200 * DAY })),
    );
    await vi.waitFor(() => expect(counter.get('a')).toBe(6));
    const purged = await purgeArticles(
      { keepReadDays: null, keepUnreadDays: 90, maxPerFeed: 30 },
      NOW,
      db,
    );
    expect(purged).toBeGreaterThan(5);
    await settled();
    expect(counter.get('a')).toBe(1);
  });

  it('wait for the list to paint before counting anything', async () => {
    const { db, reads } = recordingDb();
    await db.articles.add(article('a', 1));
    reads.length = 0;
    let paint: () => void = () => undefined;
    const counter = counterFor(db, new Promise<void>((resolve) => (paint = resolve)));
    counter.subscribe('a', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reads).toEqual([]);
    expect(counter.get('a')).toBeUndefined();

    paint();
    await vi.waitFor(() => expect(counter.get('a')).toBe(1));
  });
});

describe('feedsTouched', () => {
  const part = (name: string) => `idb://lib/articles/${name}`;
  const point = (key: IndexableType) => ({ from: key, to: key, d: 1 });

  it('names the feeds of single changed rows, from article ids and index keys', () => {
    const touched = feedsTouched(
      {
        [part('')]: point('f1|guid|with|bars'),
        [part('[lane+unread+publishedAt]')]: point(['f2', 1, 5]),
      },
      'lib',
    );
    expect(touched).toEqual(new Set(['f1', 'f2']));
  });

  it('answers all feeds when a "mark all as read" is recorded or folded away', () => {
    expect(feedsTouched({ 'idb://lib/readMarks/': point('m1') }, 'lib')).toBe('all');
    expect(feedsTouched({ 'idb://other/readMarks/': point('m1') }, 'lib')).toBeUndefined();
  });

  it('answers all feeds for a range of rows, and nothing for other tables or databases', () => {
    expect(feedsTouched({ [part(':dels')]: { from: 'a', to: 'b', d: 1 } }, 'lib')).toBe('all');
    expect(feedsTouched({ 'idb://lib/feeds/': point('f1') }, 'lib')).toBeUndefined();
    expect(feedsTouched({ [part('')]: point('f1|x') }, 'other')).toBeUndefined();
  });
});
