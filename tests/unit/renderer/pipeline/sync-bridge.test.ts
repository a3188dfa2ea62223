import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { startSyncBridge } from '@renderer/pipeline/sync-bridge';
import { patchSetting } from '@renderer/db/settings-repository';
import type { BroadsheetApi, Events, MethodParams } from '@shared/contract';
import { fetchedFeed, parsedItem } from '../db/fixtures';

// The page's api as the preload would expose it: what the renderer sends is recorded, and the
// test plays main, pushing `sync.result` events to whoever listens.
const sent: MethodParams<'sync.setFeeds'>[] = [];
const resultListeners = new Set<(event: Events['sync.result']) => void>();
const bridge: BroadsheetApi = {
  invoke: async (method, params) => {
    if (method === 'sync.setFeeds') sent.push(params as MethodParams<'sync.setFeeds'>);
    return { ok: true, value: { rejected: [] } } as never;
  },
  on: (event, listener) => {
    if (event !== 'sync.result') return () => undefined;
    const typed = listener as (event: Events['sync.result']) => void;
    resultListeners.add(typed);
    return () => resultListeners.delete(typed);
  },
};
Object.assign(window, { broadsheet: bridge });

afterAll(async () => {
  await getDb().delete();
});

function pushResult(feedId: string, guids: string[], fetchedAt: number): void {
  const event: Events['sync.result'] = {
    feedId,
    fetchedAt,
    ok: true,
    result: fetchedFeed(guids.map((guid) => parsedItem(guid))),
  };
  for (const listener of resultListeners) listener(event);
}

describe('the sync bridge', () => {
  it('sends what is stored, stores what main fetches, and does neither once stopped', async () => {
    const db = getDb();
    await db.feeds.put({ id: 'f1', url: 'https://e.com/feed', title: 'E News', createdAt: 1 });
    // An unusual cap, so the one sent can only have come from the setting.
    await patchSetting('retention', { maxPerFeed: 37 });
    const added: number[] = [];
    const stop = startSyncBridge({ onNewArticles: (count) => added.push(count) });

    // The scheduler hears of the stored subscription, with the cap the retention setting gives.
    await expect.poll(() => sent.length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(sent.at(-1)?.feeds.map((feed) => feed.id)).toEqual(['f1']);
    expect(sent.at(-1)?.settings.maxItemsPerFeed).toBe(37);

    pushResult('f1', ['a', 'b'], 100);
    await expect.poll(() => added).toEqual([2]);
    expect(await db.articles.where('feedId').equals('f1').count()).toBe(2);
    // Storing the result changed the row, so main hears the new state (its next conditional GET).
    await expect.poll(() => sent.at(-1)?.feeds[0]?.lastFetchedAt, { timeout: 3000 }).toBe(100);

    stop();
    expect(resultListeners.size).toBe(0);
    const sentBefore = sent.length;
    pushResult('f1', ['c'], 200);
    await db.feeds.update('f1', { title: 'Renamed' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sent.length).toBe(sentBefore);
    expect(added).toEqual([2]);
    expect(await db.articles.where('feedId').equals('f1').count()).toBe(2);
  });
});
