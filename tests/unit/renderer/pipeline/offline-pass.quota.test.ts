/**
 * The offline pass on a full disk: it stops instead of downloading the same images again and
 * again, leaves nothing half-written, says so, and finishes once there is room again.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { storageErrorMessage } from '@renderer/lib/storage-errors';
import { startOfflinePass } from '@renderer/pipeline/offline-pass';
import type { BroadsheetApi, Events, ImageFetchResult, MethodName } from '@shared/contract';
import { storedArticle } from '../db/fixtures';

const IMAGE = 'https://img.example.com/harbour.png';

// Main as the page sees it: every image downloads fine; the test pushes `sync.progress` as the
// scheduler does after a run.
const calls: MethodName[] = [];
const progressListeners = new Set<(event: Events['sync.progress']) => void>();
const bridge: BroadsheetApi = {
  invoke: async (method) => {
    calls.push(method);
    const image: ImageFetchResult = {
      url: IMAGE,
      ok: true,
      contentType: 'image/png',
      bytes: new Uint8Array(2048),
      width: 800,
      height: 600,
    };
    return { ok: true, value: [image] } as never;
  },
  on: (event, listener) => {
    if (event !== 'sync.progress') return () => undefined;
    const typed = listener as (event: Events['sync.progress']) => void;
    progressListeners.add(typed);
    return () => progressListeners.delete(typed);
  },
};
Object.assign(window, { broadsheet: bridge });

// A full disk below Dexie: while `full`, every write fails as Chromium fails it, the whole
// transaction aborted for lack of quota. Registered before the database first opens.
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
          full
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

const imageFetches = () => calls.filter((method) => method === 'images.fetch').length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the offline pass on a full disk', () => {
  it('stops, keeps the article consistent, says so, and finishes once there is room', async () => {
    const db = getDb();
    await db.articles.put(
      storedArticle('f1|a', {
        offline: 'pending',
        fullText: 'skipped',
        contentHtml: `<p>The harbour reopened.</p><img src="${IMAGE}" alt="">`,
      }),
    );
    full = true;
    const stop = startOfflinePass();

    await expect.poll(imageFetches, { timeout: 3000 }).toBe(1);
    await expect.poll(storageErrorMessage).toContain('images for reading offline');
    // Nothing fetched over and over while the disk stays full.
    await sleep(400);
    expect(imageFetches()).toBe(1);
    // Nothing half-written: no image row, and the article is not called complete.
    expect(await db.images.count()).toBe(0);
    expect((await db.articles.get('f1|a'))?.offline).toBe('pending');

    // Room again; the next finished refresh starts the pass once more.
    full = false;
    for (const listener of progressListeners) {
      listener({ running: false, done: 1, total: 1, failed: 0 } as Events['sync.progress']);
    }
    await expect.poll(async () => (await db.articles.get('f1|a'))?.offline).toBe('complete');
    const image = await db.images.get(IMAGE);
    expect(image?.status).toBe('ok');
    expect(image?.articleIds).toEqual(['f1|a']);
    expect(storageErrorMessage()).toBeUndefined();
    stop();
  });
});
