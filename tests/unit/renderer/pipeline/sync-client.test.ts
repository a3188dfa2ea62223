import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createSyncScheduler, type SyncFetchRequest } from '@main/sync/scheduler';
import { createSyncHandlers, systemClock } from '@main/sync/sync-handlers';
import { getDb } from '@renderer/db/database';
import type { Feed } from '@renderer/db/entities';
import { listFeedSyncStates } from '@renderer/db/queries';
import { switchLocale } from '@renderer/i18n/current-locale';
import { applySyncRefusal } from '@renderer/pipeline/sync-bridge';
import {
  flushFeedStates,
  onSyncRefusal,
  sendFeedStates,
  type SyncRefusal,
} from '@renderer/pipeline/sync-client';
import type { BroadsheetApi, Handlers } from '@shared/contract';
import { DEFAULT_SYNC_SETTINGS } from '@shared/sync-model';

// The renderer talks to the real dispatcher and sync handlers, as the preload's bridge would.
const fetched: SyncFetchRequest[] = [];
const scheduler = createSyncScheduler({
  ...systemClock,
  fetchFeed: async (request) => {
    fetched.push(request);
    return { status: 'not-modified', url: request.url };
  },
  emit: () => undefined,
});
const dispatch = createDispatcher(createSyncHandlers(scheduler) as Handlers, () => undefined);
const bridge: BroadsheetApi = {
  invoke: (method, params) => dispatch(method, params) as never,
  on: () => () => undefined,
};
Object.assign(window, { broadsheet: bridge });

afterAll(async () => {
  scheduler.dispose();
  await getDb().delete();
});

function row(id: string, url: string, extra: Partial<Feed> = {}): Feed {
  return { id, url, title: `Feed ${id}`, createdAt: 1, ...extra };
}

describe('sending the subscriptions to the scheduler', () => {
  it('keeps every other feed in sync when stored rows hold values the contract refuses', async () => {
    const db = getDb();
    // Rows as stored before the limits, or restored from an old backup.
    await db.feeds.bulkPut([
      row('a', 'https://a.example/feed'),
      row('restored', 'https://r.example/feed', {
        etag: `"${'e'.repeat(2000)}"`,
        lastModified: 'x'.repeat(1500),
      }),
      row('long', `https://l.example/${'p'.repeat(5000)}`, { title: 'Long Address' }),
      row('b', 'https://b.example/feed', { etag: '"b1"' }),
    ]);
    const refusals: SyncRefusal[] = [];
    const stop = onSyncRefusal((refusal) => refusals.push(refusal));
    sendFeedStates(await listFeedSyncStates(db), DEFAULT_SYNC_SETTINGS);
    await flushFeedStates();
    stop();
    // The launch refresh runs on the first list: every fetchable feed, the restored one unconditionally.
    await expect.poll(() => fetched.length).toBe(3);
    expect(fetched.map((request) => request.url).sort()).toEqual([
      'https://a.example/feed',
      'https://b.example/feed',
      'https://r.example/feed',
    ]);
    const restored = fetched.find((request) => request.url.includes('r.example'));
    expect(restored?.etag).toBeUndefined();
    expect(restored?.lastModified).toBeUndefined();
    expect(fetched.find((request) => request.url.includes('b.example'))?.etag).toBe('"b1"');

    // The one feed left out is named, on its row (for its error badge) and in the status line.
    expect(refusals).toEqual([
      { rejected: [{ id: 'long', reason: 'its address is longer than 4,096 characters' }] },
    ]);
    const message = await applySyncRefusal(refusals[0]!);
    expect(message).toContain('“Long Address”');
    expect((await db.feeds.get('long'))?.lastError).toMatchObject({
      code: 'sync-refused',
      message: expect.stringContaining('longer than 4,096 characters'),
    });
    expect((await db.feeds.get('a'))?.lastError).toBeUndefined();

    // Once the feed is taken again (here: unsubscribed), its mark goes and nothing is said.
    await db.feeds.delete('long');
    expect(await applySyncRefusal({ rejected: [] })).toBeUndefined();
  });

  it('says so, visibly, when the scheduler refuses the whole call', async () => {
    const db = getDb();
    await db.feeds.put(row('c', 'https://c.example/feed', { title: 'Calm' }));
    const refusals: SyncRefusal[] = [];
    const stop = onSyncRefusal((refusal) => refusals.push(refusal));
    // Settings no scheduler accepts: nothing in this list is taken.
    sendFeedStates(await listFeedSyncStates(db), { ...DEFAULT_SYNC_SETTINGS, concurrency: 0 });
    await flushFeedStates();
    stop();
    expect(refusals).toEqual([
      { rejected: [], failed: expect.stringContaining('Invalid parameters for sync.setFeeds') },
    ]);
    expect(await applySyncRefusal(refusals[0]!)).toMatch(
      /^Feeds are not being refreshed: the sync scheduler refused the subscription list\. Invalid parameters/,
    );
  });

  it('counts the feeds it cannot name in the plural the language wants, in its words', async () => {
    const gone = (n: number) => ({
      rejected: Array.from({ length: n }, (_, i) => ({ id: `gone${i}`, reason: 'refused' })),
    });
    expect(await applySyncRefusal(gone(1))).toBe(
      "Not refreshing 1 other subscription: see the feed's options for why.",
    );
    expect(await applySyncRefusal(gone(2))).toBe(
      "Not refreshing 2 other subscriptions: see the feed's options for why.",
    );
    await switchLocale('en-XA');
    try {
      expect(await applySyncRefusal(gone(2))).not.toContain('Not refreshing');
    } finally {
      await switchLocale('en');
    }
  });
});
