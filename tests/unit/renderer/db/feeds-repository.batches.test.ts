/**
 * A large fetch result is stored in batches, one transaction each, and the feed's new
 * conditional-GET state only with the last: a failure midway leaves the old ETag.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction } from 'dexie';
import { describe, expect, it } from 'vitest';
import { articleId } from '@renderer/db/article-id';
import { STORE_BATCH_SIZE, addFeed, storeFetchResult } from '@renderer/db/feeds-repository';
import { markRead } from '@renderer/db/articles-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { fetchedFeed as fetched, parsedItem as item } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('store-batches');

interface Written {
  articles: number;
  feedRow: boolean;
}

/**
 * Watches the database below Dexie (call it before the database opens): what each read-write
 * transaction wrote, in order; and,
 * when `failOn` names a guid, makes the write of the batch holding it fail once as a full
 * disk would.
 */
function watch(db: BroadsheetDb, failOn?: string) {
  const transactions: Written[] = [];
  let failing = failOn;
  const seen = new WeakMap<DBCoreTransaction, Written>();
  const written = (trans: DBCoreTransaction): Written => {
    let entry = seen.get(trans);
    if (!entry) {
      entry = { articles: 0, feedRow: false };
      seen.set(trans, entry);
      transactions.push(entry);
    }
    return entry;
  };
  db.use({
    stack: 'dbcore',
    name: 'WatchBatches',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if (req.type === 'put' || req.type === 'add') {
              const values = req.values as { guid?: string }[];
              if (failing && name === 'articles' && values.some((v) => v.guid === failing)) {
                failing = undefined;
                return Promise.reject(new DOMException('The disk is full.', 'QuotaExceededError'));
              }
              // Only the rows this test is about: a story's fingerprints share the transaction.
              if (name !== 'articles' && name !== 'feeds') return table.mutate(req);
              const entry = written(req.trans);
              if (name === 'articles') entry.articles += values.length;
              if (name === 'feeds') entry.feedRow = true;
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return transactions;
}

const items = (n: number) =>
  Array.from({ length: n }, (_, i) => item(`i${i}`, { published: 1_000_000 - i }));

describe('storing a large fetch result', () => {
  it('writes 2,000 articles in batches and the new ETag only with the last one', async () => {
    const db = freshDb();
    const transactions = watch(db);
    const feed = await addFeed('https://e.com/feed', fetched([], { etag: '"v1"' }), 100, db);
    transactions.length = 0;
    const result = await storeFetchResult(feed.id, fetched(items(2000), { etag: '"v2"' }), 200, db);
    expect(result).toEqual({ added: 2000, updated: 0, notices: [] });
    expect(transactions).toEqual([
      { articles: 500, feedRow: false },
      { articles: 500, feedRow: false },
      { articles: 500, feedRow: false },
      { articles: 500, feedRow: true },
    ]);
    expect(STORE_BATCH_SIZE).toBe(500);
    expect(await db.articles.where('feedId').equals(feed.id).count()).toBe(2000);
    expect(await db.feeds.get(feed.id)).toMatchObject({ etag: '"v2"', lastFetchedAt: 200 });
  });

  it('keeps the old ETag when a batch fails midway, and a later fetch completes it without duplicates', async () => {
    const db = freshDb();
    const transactions = watch(db, 'i1200');
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('i10')], { etag: '"v1"' }),
      100,
      db,
    );
    await markRead(articleId(feed.id, 'i10'), 150, db);
    transactions.length = 0;

    await expect(
      storeFetchResult(feed.id, fetched(items(2000), { etag: '"v2"' }), 200, db),
    ).rejects.toThrow(/disk is full/);
    // The first two batches were committed whole, the third not at all, the fourth never
    // tried; the feed row still vouches only for what it vouched for before.
    const stored = await db.articles.where('feedId').equals(feed.id).sortBy('guid');
    expect(stored.map((article) => article.guid).sort()).toEqual(
      items(1000)
        .map((i) => i.id)
        .sort(),
    );
    expect(stored.every((article) => article.title === `Title ${article.guid}`)).toBe(true);
    expect(await db.feeds.get(feed.id)).toMatchObject({ etag: '"v1"', lastFetchedAt: 100 });
    expect(transactions).toEqual([
      { articles: 500, feedRow: false },
      { articles: 500, feedRow: false },
    ]);

    // The next sync sends the old ETag, gets the whole feed again and stores it all.
    const again = await storeFetchResult(feed.id, fetched(items(2000), { etag: '"v2"' }), 300, db);
    expect(again).toEqual({ added: 1000, updated: 1000, notices: [] });
    expect(await db.articles.where('feedId').equals(feed.id).count()).toBe(2000);
    expect(await db.feeds.get(feed.id)).toMatchObject({ etag: '"v2"', lastFetchedAt: 300 });
    // The reader's state survived both passes.
    expect((await db.articles.get(articleId(feed.id, 'i10')))?.unread).toBe(0);
  });
});
