/**
 * The sync bridge on a full disk: a fetch result that cannot be stored leaves the feed's
 * articles and validators as they were, is counted and reported, and the message goes only
 * after a later run stored everything it fetched.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { storageErrorMessage } from '@renderer/lib/storage-errors';
import { startSyncBridge } from '@renderer/pipeline/sync-bridge';
import type { BroadsheetApi, Events } from '@shared/contract';
import { fetchedFeed, parsedItem } from '../db/fixtures';

// The page's api as the preload would expose it; the test plays main, pushing `sync.result`
// and `sync.progress` as the scheduler does.
const listeners = new Map<string, Set<(event: never) => void>>();
const bridge: BroadsheetApi = {
  invoke: async () => ({ ok: true, value: { rejected: [] } }) as never,
  on: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  },
};
Object.assign(window, { broadsheet: bridge });
const push = <E extends keyof Events>(name: E, event: Events[E]) =>
  listeners.get(name)?.forEach((listener) => listener(event as never));

// While `full`, a write of more than a few articles aborts its transaction for lack of quota,
// as Chromium does; small writes (a feed row) still fit. Registered before the database opens.
let full = false;
getDb().use({
  stack: 'dbcore',
  name: 'FullDisk',
  create: (down: DBCore): DBCore => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      return {
        ...table,
        mutate: (req: DBCoreMutateRequest) =>
          full && name === 'articles' && 'values' in req && req.values.length > 2
            ? Promise.reject(
                new Dexie.AbortError(new DOMException('The disk is full.', 'QuotaExceededError')),
              )
            : table.mutate(req),
      };
    },
  }),
});

afterAll(async () => {
  await getDb().delete();
});

const done = { running: false, done: 2, total: 2, failed: 0 } as Events['sync.progress'];
const result = (feedId: string, guids: string[], etag: string): Events['sync.result'] => ({
  feedId,
  fetchedAt: 100,
  ok: true,
  result: fetchedFeed(
    guids.map((guid) => parsedItem(guid)),
    { etag },
  ),
});

describe('the sync bridge on a full disk', () => {
  it('keeps the old articles and validators, says so, and clears once a run is stored', async () => {
    const db = getDb();
    await db.feeds.bulkPut([
      { id: 'big', url: 'https://e.com/big', title: 'Big', createdAt: 1, etag: '"old"' },
      { id: 'small', url: 'https://e.com/small', title: 'Small', createdAt: 1 },
    ]);
    const notStored: number[] = [];
    const added: number[] = [];
    const stop = startSyncBridge({
      onNotStored: (count) => notStored.push(count),
      onNewArticles: (count) => added.push(count),
    });

    full = true;
    push('sync.result', result('big', ['a', 'b', 'c', 'd'], '"new"'));
    push('sync.result', result('small', ['s'], '"s1"'));
    push('sync.progress', done);
    await expect.poll(() => notStored).toEqual([1]);
    await expect.poll(() => added).toEqual([1]);
    // The large result was not stored at all, and its feed still has the old validator, so
    // main's next fetch of it is a full one, not a 304.
    expect(await db.articles.where('feedId').equals('big').count()).toBe(0);
    expect((await db.feeds.get('big'))?.etag).toBe('"old"');
    // The small one that fit does not clear the message: the run had a failure.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(storageErrorMessage()).toContain('new articles from the last refresh');
    // Nor does a later run of other feeds only (a scheduled run of the feeds due), while the
    // large feed is still not stored.
    push('sync.result', result('small', ['s', 't'], '"s2"'));
    push('sync.progress', done);
    await expect.poll(() => added).toEqual([1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(storageErrorMessage()).toContain('new articles from the last refresh');

    // Room again: the next run stores the whole feed and the message goes.
    full = false;
    push('sync.result', result('big', ['a', 'b', 'c', 'd'], '"new"'));
    push('sync.progress', done);
    await expect.poll(() => storageErrorMessage()).toBeUndefined();
    expect(await db.articles.where('feedId').equals('big').count()).toBe(4);
    expect((await db.feeds.get('big'))?.etag).toBe('"new"');
    // Counted down as the feeds waiting are stored.
    expect(notStored).toEqual([1, 0]);
    stop();
  });
});
