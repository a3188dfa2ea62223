import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { startOfflinePass } from '@renderer/pipeline/offline-pass';
import type { BroadsheetApi, Events, MethodName } from '@shared/contract';
import { storedArticle } from '../db/fixtures';

// Main as the page sees it: the whole-text fetch fails as an unreachable server would, images
// come back empty, and the test pushes `sync.progress` as the scheduler does after a run.
const calls: MethodName[] = [];
const progressListeners = new Set<(event: Events['sync.progress']) => void>();
const bridge: BroadsheetApi = {
  invoke: async (method) => {
    calls.push(method);
    if (method === 'articles.fetchFull') {
      return { ok: false, error: { code: 'network', message: 'The server could not be found.' } };
    }
    return { ok: true, value: [] } as never;
  },
  on: (event, listener) => {
    if (event !== 'sync.progress') return () => undefined;
    const typed = listener as (event: Events['sync.progress']) => void;
    progressListeners.add(typed);
    return () => progressListeners.delete(typed);
  },
};
Object.assign(window, { broadsheet: bridge });

afterAll(async () => {
  await getDb().delete();
});

const offlineState = async (id: string) => (await getDb().articles.get(id))?.offline;

describe('the offline pass', () => {
  it('works through the queue while started, requeues after a sync run, and stops', async () => {
    const db = getDb();
    await db.articles.put(storedArticle('f1|a', { offline: 'pending', fullText: 'pending' }));
    const stop = startOfflinePass();

    // The article leaves the queue: its whole text failed, so it is kept as it was.
    await expect.poll(() => offlineState('f1|a'), { timeout: 3000 }).not.toBe('pending');
    const article = await db.articles.get('f1|a');
    expect(article?.fullText).toBe('failed');
    expect(article?.fullTextError).toBe('The server could not be found.');
    expect(calls).toContain('articles.fetchFull');

    // Work that arrives later is picked up too.
    await db.articles.put(storedArticle('f1|b', { offline: 'pending' }));
    await expect.poll(() => offlineState('f1|b'), { timeout: 3000 }).toBe('complete');

    // A finished sync run puts partly saved articles back in the queue.
    await db.articles.update('f1|b', { offline: 'partial' });
    for (const listener of progressListeners) {
      listener({ running: false, done: 1, total: 1, failed: 0 } as Events['sync.progress']);
    }
    await expect.poll(() => offlineState('f1|b'), { timeout: 3000 }).toBe('complete');

    stop();
    expect(progressListeners.size).toBe(0);
    await db.articles.put(storedArticle('f1|c', { offline: 'pending' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await offlineState('f1|c')).toBe('pending');
  });
});
