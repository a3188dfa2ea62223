/**
 * The soak's raw IndexedDB helpers (no app code in the page): seeding the bulk rows, putting
 * rows back into a state an operation starts from, and clearing what an operation added.
 * Dexie does not observe these writes, so callers reload afterwards.
 */
import { expect, type Page } from '@playwright/test';
import { retallyBehindApp } from './seed-library';

/** Every article id in the library. */
export function articleIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const keys = db.transaction('articles').objectStore('articles').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result as string[]);
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

/** Waits until the app has opened the library and finished its first-run work. */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1, { timeout: 60_000 });
}

/** How many feeds whose address contains `/feed/<prefix>` hold an ETag (have been fetched). */
export function fetchedFeeds(page: Page, prefix: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('feeds').objectStore('feeds').getAll();
          all.onsuccess = () => {
            db.close();
            const feeds = all.result as { url: string; etag?: string }[];
            resolve(feeds.filter((f) => f.url.includes(`/feed/${wanted}`) && f.etag).length);
          };
          all.onerror = () => reject(all.error);
        };
      }),
    prefix,
  );
}

/**
 * Writes `feeds` bulk feeds (on the soak server, with no items of their own) and `rows`
 * articles spread over them, in raw batched transactions. Feeds wait a year for their next
 * fetch, so the scheduler leaves them alone; a Refresh fetches them (an empty document).
 */
export async function seedBulk(page: Page, serverUrl: string, feeds: number, rows: number) {
  const result = await page.evaluate(
    async ({ serverUrl, feeds, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('broadsheet');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const done = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      const now = Date.now();
      const feedTx = db.transaction('feeds', 'readwrite');
      const ids: string[] = [];
      for (let n = 0; n < feeds; n++) {
        const id = `bulk-${n}`;
        ids.push(id);
        feedTx.objectStore('feeds').put({
          id,
          url: `${serverUrl}/feed/b-${n}.xml`,
          title: `Bulk ${n}`,
          createdAt: now,
          lastFetchedAt: now,
          nextAttemptAt: now + 365 * 24 * 3600e3,
          failureCount: 0,
          iconRetry: { failures: 1, nextAttemptAt: now + 365 * 24 * 3600e3 },
        });
      }
      await done(feedTx);
      const BATCH = 5000;
      for (let start = 0; start < rows; start += BATCH) {
        const tx = db.transaction('articles', 'readwrite');
        const store = tx.objectStore('articles');
        for (let i = start; i < Math.min(rows, start + BATCH); i++) {
          const feedId = ids[i % feeds]!;
          const guid = `bulk-item-${i}`;
          const text = `Bulk article ${i} about the river, the budget and the library.`;
          store.put({
            id: `${feedId}|${guid}`,
            feedId,
            guid,
            url: `${serverUrl}/page/b/${guid}.html`,
            title: `Bulk article ${i}`,
            authors: [],
            publishedAt: now - 3600e3 - i * 60_000,
            fetchedAt: now,
            summary: `<p>${text}</p>`,
            listText: text,
            images: [],
            categories: [],
            tags: [],
            unread: 1,
            fullText: 'skipped',
            offline: 'complete',
            // What the app's placement middleware derives on every write (db/placement.ts).
            lane: feedId,
            crowd: 1,
          });
        }
        await done(tx);
      }
      db.close();
    },
    { serverUrl, feeds, rows },
  );
  // Its rows were written past the app: the counts follow them.
  await retallyBehindApp(page);
  return result;
}

/** Marks every article of the bulk feeds unread again; returns how many changed. */
export async function markBulkUnread(page: Page): Promise<number> {
  const result = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('articles', 'readwrite');
          const range = IDBKeyRange.bound('bulk-', 'bulk-\uffff');
          const cursor = tx.objectStore('articles').openCursor(range);
          let changed = 0;
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) return;
            const row = at.value as { unread: number; readAt?: number };
            if (row.unread !== 1) {
              row.unread = 1;
              delete row.readAt;
              at.update(row);
              changed += 1;
            }
            at.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(changed);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  // Its rows were written past the app: the counts follow them.
  await retallyBehindApp(page);
  return result;
}

/**
 * Asks for the whole text of `count` articles of the refresh feeds again, as "Download whole
 * article" does: they go back in the offline queue. Returns their ids.
 */
export function requestFullText(page: Page, count: number, offset: number): Promise<string[]> {
  return page.evaluate(
    ({ count, offset }) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('articles', 'readwrite');
          const store = tx.objectStore('articles');
          const candidates: Record<string, unknown>[] = [];
          const cursor = store.openCursor();
          const chosen: string[] = [];
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (at) {
              const row = at.value as Record<string, unknown>;
              if (String(row['url'] ?? '').includes('/page/r-')) candidates.push(row);
              return at.continue();
            }
            const picked = new Set<Record<string, unknown>>();
            for (let i = 0; i < Math.min(count, candidates.length); i++)
              picked.add(candidates[(offset + i * 7) % candidates.length]!);
            for (const row of picked) {
              chosen.push(row['id'] as string);
              store.put({ ...row, fullText: 'pending', offline: 'pending' });
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve(chosen);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count, offset },
  );
}

/**
 * Unsubscribes, past the app, every feed whose address contains `/feed/<prefix>`: the feed
 * rows, their articles and the images only they used go (what the app's unsubscribe does).
 */
export async function removeFeeds(page: Page, prefix: string): Promise<number> {
  const result = await page.evaluate(
    (wanted) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['feeds', 'articles', 'images'], 'readwrite');
          const feeds = tx.objectStore('feeds');
          const articles = tx.objectStore('articles');
          const images = tx.objectStore('images');
          let removed = 0;
          const all = feeds.getAll();
          all.onsuccess = () => {
            const doomed = new Set<string>();
            for (const feed of all.result as { id: string; url: string }[]) {
              if (!feed.url.includes(`/feed/${wanted}`)) continue;
              feeds.delete(feed.id);
              doomed.add(feed.id);
              removed += 1;
            }
            const cursor = articles.openCursor();
            const gone = new Set<string>();
            cursor.onsuccess = () => {
              const at = cursor.result;
              if (at) {
                const row = at.value as { id: string; feedId: string };
                if (doomed.has(row.feedId)) {
                  gone.add(row.id);
                  at.delete();
                }
                return at.continue();
              }
              const imageCursor = images.openCursor();
              imageCursor.onsuccess = () => {
                const image = imageCursor.result;
                if (!image) return;
                const row = image.value as { articleIds: string[] };
                const left = row.articleIds.filter((id) => !gone.has(id));
                if (left.length === 0) image.delete();
                else if (left.length !== row.articleIds.length)
                  image.update({ ...row, articleIds: left });
                image.continue();
              };
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve(removed);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    prefix,
  );
  // Its rows were written past the app: the counts follow them.
  await retallyBehindApp(page);
  return result;
}

/** Adds `count` articles to bulk feed 0, past the app (what arrived after a backup). */
export async function addBulkArticles(page: Page, tag: string, count: number): Promise<string[]> {
  const result = await page.evaluate(
    ({ tag, count }) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('articles', 'readwrite');
          const now = Date.now();
          const ids: string[] = [];
          for (let i = 0; i < count; i++) {
            const guid = `${tag}-${i}`;
            ids.push(`bulk-0|${guid}`);
            tx.objectStore('articles').put({
              id: `bulk-0|${guid}`,
              feedId: 'bulk-0',
              guid,
              title: `Arrived after the backup ${i}`,
              authors: [],
              publishedAt: now,
              fetchedAt: now,
              summary: '<p>Arrived after the backup.</p>',
              listText: 'Arrived after the backup.',
              images: [],
              categories: [],
              tags: [],
              unread: 1,
              fullText: 'skipped',
              offline: 'complete',
              lane: 'bulk-0',
              crowd: 1,
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve(ids);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { tag, count },
  );
  // Its rows were written past the app: the counts follow them.
  await retallyBehindApp(page);
  return result;
}
