/**
 * Issue 20, items 2 and 4: the tallies that size All articles, Unread and Hidden, and what each
 * feed's articles and images take (db/tallies.ts), are moved by every kind of article and image
 * write Dexie has — puts, adds that partly fail, updates, modifies, bulk updates, deletes by key
 * and by range, a clear, parallel writes of one row in one transaction, rows a pass vouches for
 * as read — and by none that aborts; after any sequence of them each view tally is what
 * IndexedDB counts in its index, and each storage tally measured is what its feed's rows hold
 * (one never measured stays unmeasured). The views' counts read them, marks applied.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markAllRead, markUnread } from '@renderer/db/articles-repository';
import type { Article, StoredImage, ViewTallyKey } from '@renderer/db/entities';
import { countArticles, countCrowdUnreadRange, listArticles } from '@renderer/db/queries';
import { foldReadMarks } from '@renderer/db/read-marks';
import { deleteArticles } from '@renderer/db/retention-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import {
  articleTextBytes,
  imageBytes,
  imageFeedId,
  measureFeedStorage,
  measureLaneUnread,
  recountTallies,
  tallyKeysOf,
  vouchStored,
} from '@renderer/db/tallies';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';
import { storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('tallies');
const TARGET = 'renderer/db/tallies';
const DAY = 24 * 3600 * 1000;

async function stored(db: BroadsheetDb): Promise<Record<ViewTallyKey, number>> {
  const rows = await db.tallies.toArray();
  const out: Record<ViewTallyKey, number> = { crowd: 0, 'crowd+unread': 0, hidden: 0 };
  for (const row of rows) if (row.key in out) out[row.key as ViewTallyKey] = row.count;
  return out;
}

async function counted(db: BroadsheetDb): Promise<Record<ViewTallyKey, number>> {
  const rows = await db.transaction('r', db.articles, () => recountTallies(db.articles));
  return Object.fromEntries(rows.map((row) => [row.key, row.count])) as Record<
    ViewTallyKey,
    number
  >;
}

type Sizes = Record<string, { count: number; bytes: number }>;

/** The storage tallies kept, by key. */
async function storedSizes(db: BroadsheetDb): Promise<Sizes> {
  const rows = (await db.tallies.toArray()).filter((row) => row.key.includes(':'));
  return Object.fromEntries(
    rows.map((row) => [row.key, { count: row.count, bytes: row.bytes ?? 0 }]),
  );
}

/** What the kept storage tallies should say, from the rows: only those kept are compared. */
async function sizesOfRows(db: BroadsheetDb, keys: readonly string[]): Promise<Sizes> {
  const out: Sizes = Object.fromEntries(keys.map((key) => [key, { count: 0, bytes: 0 }]));
  const add = (key: string, bytes: number) => {
    if (!out[key]) return;
    out[key].count += 1;
    out[key].bytes += bytes;
  };
  for (const row of await db.articles.toArray()) {
    add(`feed:${row.feedId}`, articleTextBytes(row));
    // Hidden rows have no lane (placement.ts): no feed view shows them, unread or not.
    if (row.lane !== undefined && row.unread === 1) add(`unread:${row.lane}`, 0);
  }
  for (const image of await db.images.toArray()) {
    add(`images:${imageFeedId(image)}`, imageBytes(image));
  }
  return out;
}

const IDS = ['f1|a', 'f1|b', 'f1|c', 'f2|a', 'f2|b', 'f2|c'];

/** A row as a repository would write it, with the fields placement and the tallies read. */
const article = fc
  .record({
    id: fc.constantFrom(...IDS),
    unread: fc.constantFrom<0 | 1>(0, 1),
    hidden: fc.boolean(),
    quiet: fc.boolean(),
    story: fc.constantFrom('none', 'lead', 'copy'),
    day: fc.integer({ min: 0, max: 5 }),
    text: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ id, unread, hidden, quiet, story, day, text }) =>
    storedArticle(id, {
      unread,
      ...(text > 0 ? { contentHtml: '<p>Né</p>'.repeat(text), summary: 'x'.repeat(text) } : {}),
      publishedAt: Date.UTC(2026, 11, 1) - day * DAY,
      ...(unread ? {} : { readAt: 1 }),
      ...(hidden ? { hiddenAt: 5, hiddenBy: 'rule' } : {}),
      ...(quiet ? { quiet: 1 as const } : {}),
      ...(story === 'none' ? {} : { storyId: 's1' }),
      ...(story === 'lead' ? { storyLead: 1 as const } : {}),
    }),
  );

const change = fc.record({
  unread: fc.option(fc.constantFrom<0 | 1>(0, 1), { nil: undefined }),
  hiddenAt: fc.option(fc.constantFrom(5, undefined), { nil: undefined }),
  quiet: fc.option(fc.constantFrom<1 | undefined>(1, undefined), { nil: undefined }),
});

type Op =
  | { op: 'put'; row: Article }
  | { op: 'bulkPut'; rows: Article[] }
  | { op: 'bulkAdd'; rows: Article[] }
  | { op: 'update'; id: string; changes: Partial<Article> }
  | { op: 'modify'; feedId: string; changes: Partial<Article> }
  | { op: 'bulkUpdate'; ids: string[]; changes: Partial<Article> }
  | { op: 'delete'; id: string }
  | { op: 'bulkDelete'; ids: string[] }
  | { op: 'deleteWhere'; feedId: string }
  | { op: 'deleteRange'; from: string; to: string }
  | { op: 'clear' }
  | { op: 'parallel'; rows: Article[] }
  | { op: 'vouched'; feedId: string; changes: Partial<Article> }
  | { op: 'aborted'; rows: Article[] }
  | { op: 'putImages'; images: StoredImage[] }
  | { op: 'deleteImages'; urls: string[] }
  | { op: 'clearImages' }
  | { op: 'purge'; ids: string[] };

/** Only the fields a change sets: Dexie's update and modify take `undefined` as "delete it". */
const changes = (c: { unread?: 0 | 1; hiddenAt?: number; quiet?: 1 }): Partial<Article> => {
  const out: Partial<Article> = {};
  if (c.unread !== undefined) out.unread = c.unread;
  if ('hiddenAt' in c) out.hiddenAt = c.hiddenAt;
  if ('quiet' in c) out.quiet = c.quiet;
  return out;
};

const feedId = fc.constantFrom('f1', 'f2');
const ids = fc.array(fc.constantFrom(...IDS, 'f3|missing'), { maxLength: 5 });

const URLS = ['https://e.com/1.png', 'https://e.com/2.png', 'https://e.com/3.png'];

/** An image row as the offline pass keeps it: shown by one or more articles, maybe failed. */
const image = fc
  .record({
    url: fc.constantFrom(...URLS),
    articleIds: fc.array(fc.constantFrom(...IDS), { minLength: 1, maxLength: 3 }),
    ok: fc.boolean(),
    bytes: fc.integer({ min: 1, max: 5000 }),
  })
  .map(({ url, articleIds, ok, bytes }): StoredImage => ({
    url,
    articleIds,
    status: ok ? 'ok' : 'failed',
    attempts: 1,
    ...(ok ? { bytes } : {}),
  }));

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), row: article }),
  fc.record({ op: fc.constant('bulkPut' as const), rows: fc.array(article, { maxLength: 6 }) }),
  fc.record({ op: fc.constant('bulkAdd' as const), rows: fc.array(article, { maxLength: 4 }) }),
  fc.record({
    op: fc.constant('update' as const),
    id: fc.constantFrom(...IDS),
    changes: change.map(changes),
  }),
  fc.record({ op: fc.constant('modify' as const), feedId, changes: change.map(changes) }),
  fc.record({ op: fc.constant('bulkUpdate' as const), ids, changes: change.map(changes) }),
  fc.record({ op: fc.constant('delete' as const), id: fc.constantFrom(...IDS) }),
  fc.record({ op: fc.constant('bulkDelete' as const), ids }),
  fc.record({ op: fc.constant('deleteWhere' as const), feedId }),
  fc.record({
    op: fc.constant('deleteRange' as const),
    from: fc.constantFrom(...IDS),
    to: fc.constantFrom(...IDS),
  }),
  fc.constant({ op: 'clear' as const }),
  fc.record({ op: fc.constant('parallel' as const), rows: fc.array(article, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('vouched' as const), feedId, changes: change.map(changes) }),
  fc.record({ op: fc.constant('aborted' as const), rows: fc.array(article, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('putImages' as const), images: fc.array(image, { maxLength: 3 }) }),
  fc.record({
    op: fc.constant('deleteImages' as const),
    urls: fc.array(fc.constantFrom(...URLS), { maxLength: 2 }),
  }),
  fc.constant({ op: 'clearImages' as const }),
  fc.record({ op: fc.constant('purge' as const), ids }),
);

async function apply(db: BroadsheetDb, step: Op): Promise<void> {
  switch (step.op) {
    case 'put':
      return void (await db.articles.put(step.row));
    case 'bulkPut':
      return void (await db.articles.bulkPut(step.rows));
    case 'bulkAdd':
      // Rows already stored (or twice in the batch) fail; the others land.
      return void (await db.articles.bulkAdd(step.rows).catch(() => undefined));
    case 'update':
      return void (await db.articles.update(step.id, step.changes));
    case 'modify':
      return void (await db.articles.where('feedId').equals(step.feedId).modify(step.changes));
    case 'bulkUpdate':
      return void (await db.articles.bulkUpdate(
        step.ids.map((key) => ({ key, changes: step.changes })),
      ));
    case 'delete':
      return db.articles.delete(step.id);
    case 'bulkDelete':
      return db.articles.bulkDelete(step.ids);
    case 'deleteWhere':
      return void (await db.articles.where('feedId').equals(step.feedId).delete());
    case 'deleteRange': {
      const [low, high] = [step.from, step.to].sort();
      return void (await db.articles.where(':id').between(low, high, true, true).delete());
    }
    case 'clear':
      return db.articles.clear();
    case 'parallel':
      // Writes of one transaction that Dexie issues side by side, one row possibly twice.
      return db.transaction('rw', db.articles, async () => {
        await Promise.all(step.rows.map((row) => db.articles.put(row)));
      });
    case 'vouched':
      // A pass that reads rows and writes them back in one transaction (the read-mark fold).
      return db.transaction('rw', db.articles, async () => {
        const rows = await db.articles.where('feedId').equals(step.feedId).toArray();
        vouchStored(rows);
        await db.articles.bulkPut(rows.map((row) => Object.assign(row, step.changes)));
      });
    case 'aborted':
      await db
        .transaction('rw', db.articles, async () => {
          await db.articles.bulkPut(step.rows);
          throw new Error('abort');
        })
        .catch(() => undefined);
      return;
    case 'putImages':
      return void (await db.images.bulkPut(step.images));
    case 'deleteImages':
      return db.images.bulkDelete(step.urls);
    case 'clearImages':
      return db.images.clear();
    case 'purge':
      // Retention's delete: articles, and images rewritten or dropped, in one transaction.
      return deleteArticles(step.ids, db);
  }
}

describe('tallies', () => {
  it('a row counts in the tallies of the index ranges that hold it', () => {
    const shown = storedArticle('f1|a', { crowd: 1, unread: 1 });
    expect(tallyKeysOf(shown)).toEqual(['crowd', 'crowd+unread']);
    expect(tallyKeysOf({ ...shown, unread: 0 })).toEqual(['crowd']);
    expect(tallyKeysOf(storedArticle('f1|a', { hiddenAt: 5 }))).toEqual(['hidden']);
    // Without a date the crowd indexes leave it out, so the tallies do too.
    expect(tallyKeysOf({ ...shown, publishedAt: Number.NaN })).toEqual([]);
    expect(tallyKeysOf(undefined)).toEqual([]);
  });

  it(
    'after any sequence of writes, each tally is what its index holds',
    async () => {
      await fuzz(
        TARGET,
        'stored tallies == counts of their index ranges after every write',
        fc.asyncProperty(
          fc.array(op, { minLength: 1, maxLength: 12 }),
          fc.subarray(['f1', 'f2']),
          fc.array(article, { maxLength: 4 }),
          fc.array(image, { maxLength: 2 }),
          async (steps, measuredFirst, before, beforeImages) => {
            const db = freshDb();
            try {
              // A library from before the storage tallies: rows, none of them measured.
              await db.articles.bulkPut(before);
              await db.images.bulkPut(beforeImages);
              const storage = (await db.tallies.toCollection().primaryKeys()).filter((key) =>
                key.includes(':'),
              );
              await db.tallies.bulkDelete(storage);
              // Some feeds measured before the writes, the others left unmeasured.
              for (const feedId of measuredFirst) {
                await db.transaction('rw', [db.articles, db.images, db.tallies], async () => {
                  await measureFeedStorage(db, feedId);
                  await measureLaneUnread(db, [feedId]);
                });
              }
              for (const step of steps) {
                await apply(db, step);
                const what = JSON.stringify(step);
                expect(await stored(db), what).toEqual(await counted(db));
                const sizes = await storedSizes(db);
                expect(sizes, what).toEqual(await sizesOfRows(db, Object.keys(sizes)));
              }
            } finally {
              await db.delete();
            }
          },
        ),
      );
    },
    fuzzTimeoutMs(),
  );

  it('an aborted write moves no tally', async () => {
    const db = freshDb();
    await db.articles.bulkPut([storedArticle('f1|a'), storedArticle('f1|b', { unread: 0 })]);
    const before = await stored(db);
    expect(before).toEqual({ crowd: 2, 'crowd+unread': 1, hidden: 0 });
    await expect(
      db.transaction('rw', db.articles, async () => {
        await db.articles.put(storedArticle('f1|c'));
        await db.articles.update('f1|a', { hiddenAt: 5 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await stored(db)).toEqual(before);
  });

  it('sizes All articles, Unread and Hidden, with and without a waiting mark', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('f1'), storedFeed('f2')]);
    const now = Date.UTC(2026, 11, 6, 12);
    const rows: Article[] = [];
    for (let n = 0; n < 2400; n++) {
      rows.push(
        storedArticle(`f${(n % 2) + 1}|${n}`, {
          publishedAt: now - (n % 40) * 3 * 3600e3,
          unread: n % 3 === 0 ? 0 : 1,
          ...(n % 97 === 0 ? { hiddenAt: 5 } : {}),
        }),
      );
    }
    await db.articles.bulkPut(rows);
    const walked = async (kind: 'all' | 'unread' | 'hidden') =>
      (await listArticles({ kind }, { limit: 10_000 }, db)).length;
    const check = async () => {
      for (const kind of ['all', 'unread', 'hidden'] as const) {
        expect(await countArticles({ kind }, undefined, db), kind).toBe(await walked(kind));
      }
      expect(await countArticles({ kind: 'all' }, { order: 'newest', unreadOnly: true }, db)).toBe(
        await walked('unread'),
      );
    };
    await check();

    // A mark over everything older than a day, and one row made unread after it.
    const marked = await markAllRead({ kind: 'unread' }, { olderThan: now - DAY, now }, db);
    expect(marked).toBe(await countCrowdUnreadRange(-Infinity, now - DAY, db));
    expect(await db.readMarks.count()).toBe(1);
    await markUnread('f1|3', db);
    await check();
    await foldReadMarks(db);
    await check();

    // Today marked read: a range bounded below.
    const today = await markAllRead({ kind: 'today' }, { now }, db);
    expect(today).toBeGreaterThan(0);
    await check();
    await foldReadMarks(db);
    await check();
    expect(await stored(db)).toEqual(await counted(db));
  });
});
