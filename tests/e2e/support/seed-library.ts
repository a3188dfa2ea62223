import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

const ICON = `data:image/png;base64,${readFileSync(
  path.resolve(__dirname, '../../fixtures/feeds/icons/feed-icon.png'),
).toString('base64')}`;

export interface SeedOptions {
  feeds: number;
  articles: number;
  /** Every n-th article is stored unread (1: all unread). */
  unreadEvery?: number;
  /** Feed ids are `${prefix}-${n}`; article ids follow the app's `${feedId}|${guid}`. */
  prefix?: string;
  /** Newest article's date; the others are spaced one minute apart going back. */
  newest?: number;
  /** Addresses of the first feeds (a fixture server's, to refresh them); the rest are dead. */
  feedUrls?: string[];
}

export interface SeededLibrary {
  feedIds: string[];
  feedTitles: string[];
  articles: number;
  unread: number;
}

/**
 * Writes feeds and articles straight into the app's IndexedDB with raw transactions, in
 * batches, much faster than syncing feeds. The page must have opened the database first (the
 * schema is the app's); Dexie does not observe these writes, so reload afterwards. Feeds get a
 * next attempt far ahead, so the scheduler fetches none of them at launch; as in a library
 * that has been in use, every other feed has its icon and the rest wait on a failed fetch's
 * retry, so no icon is fetched either.
 */
export async function seedLibrary(page: Page, options: SeedOptions): Promise<SeededLibrary> {
  return page.evaluate(
    async ({ feeds, articles, unreadEvery, prefix, newest, icon, feedUrls }) => {
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
      const feedIds: string[] = [];
      const feedTitles: string[] = [];
      const feedTx = db.transaction('feeds', 'readwrite');
      for (let n = 0; n < feeds; n++) {
        const id = `${prefix}-${String(n).padStart(4, '0')}`;
        const title = `Bench feed ${String(n).padStart(4, '0')}`;
        feedIds.push(id);
        feedTitles.push(title);
        feedTx.objectStore('feeds').put({
          id,
          url: feedUrls[n] ?? `http://127.0.0.1:9/${id}.xml`,
          title,
          createdAt: now,
          lastFetchedAt: now,
          nextAttemptAt: now + 365 * 24 * 3600e3,
          failureCount: 0,
          ...(n % 2 === 0
            ? { icon: { dataUrl: icon, fetchedAt: now } }
            : { iconRetry: { failures: 1, nextAttemptAt: now + 365 * 24 * 3600e3 } }),
        });
      }
      await done(feedTx);
      const words = 'local offline reader index cursor feed story page river city council budget'
        .split(' ')
        .map((word, i, all) => `${word} ${all[(i * 7) % all.length]}`);
      let unread = 0;
      const BATCH = 5000;
      for (let start = 0; start < articles; start += BATCH) {
        const tx = db.transaction('articles', 'readwrite');
        const store = tx.objectStore('articles');
        for (let i = start; i < Math.min(articles, start + BATCH); i++) {
          const feedId = feedIds[i % feeds]!;
          const isUnread = i % unreadEvery === 0 ? 1 : 0;
          unread += isUnread;
          const guid = `item-${String(i).padStart(6, '0')}`;
          // Titles of one to three lines, so rows really vary in height.
          const title = `Article ${i}: ${words.slice(0, 2 + (i % 9)).join(' ')}`;
          const summary = `Summary of article ${i}. ${words.join(' ')}.`;
          store.put({
            id: `${feedId}|${guid}`,
            feedId,
            guid,
            url: `http://127.0.0.1:9/${feedId}/${guid}`,
            title,
            authors: [],
            publishedAt: newest - i * 60_000,
            fetchedAt: now,
            summary: `<p>${summary}</p>`,
            // As the app stores it: the list's plain-text excerpt, made once on write.
            listText: summary.length > 180 ? `${summary.slice(0, 179).trimEnd()}…` : summary,
            images: [],
            categories: [],
            tags: [],
            unread: isUnread,
            ...(isUnread ? { unreadAt: now } : { readAt: now }),
            // What src/renderer/db/placement.ts and read-marks.ts derive for a shown article
            // (not hidden, its feed not quiet, in no story): these raw writes pass no Dexie
            // middleware, and every view and count reads these keys (the tallies below).
            lane: feedId,
            crowd: 1,
          });
        }
        await done(tx);
      }
      // The tallies every article write moves (src/renderer/db/tallies.ts), moved here as the
      // app would have: every seeded article shows in All articles, and the unread in Unread.
      // A library older than the tallies gets them counted when the app upgrades it.
      if (!db.objectStoreNames.contains('tallies')) {
        db.close();
        return { feedIds, feedTitles, articles, unread };
      }
      const tallyTx = db.transaction('tallies', 'readwrite');
      const tallies = tallyTx.objectStore('tallies');
      // The seeded feeds' own tallies are left unmeasured: the storage report and the unread
      // counter measure each once.
      for (const feedId of feedIds) {
        for (const kind of ['feed', 'images', 'unread']) tallies.delete(`${kind}:${feedId}`);
      }
      for (const [key, added] of [
        ['crowd', articles],
        ['crowd+unread', unread],
      ] as const) {
        const read = tallies.get(key);
        read.onsuccess = () => {
          const count = (read.result as { count: number } | undefined)?.count ?? 0;
          tallies.put({ key, count: count + added });
        };
      }
      await done(tallyTx);
      db.close();
      return { feedIds, feedTitles, articles, unread };
    },
    {
      feeds: options.feeds,
      articles: options.articles,
      unreadEvery: options.unreadEvery ?? 3,
      prefix: options.prefix ?? 'bench',
      newest: options.newest ?? Date.now() - 3600e3,
      icon: ICON,
      feedUrls: options.feedUrls ?? [],
    },
  );
}

/**
 * Counts the tallies afresh from their indexes, past the app, in one transaction (what
 * src/renderer/db/tallies.ts keeps on every write the app makes): for tests that write article
 * rows raw, where a count would otherwise disagree with the rows.
 */
export function retallyBehindApp(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['articles', 'tallies'], 'readwrite');
          const articles = tx.objectStore('articles');
          const tallies = tx.objectStore('tallies');
          const ranges: [string, string, IDBKeyRange | null][] = [
            ['crowd', '[crowd+publishedAt]', IDBKeyRange.bound([1, -Infinity], [1, []])],
            [
              'crowd+unread',
              '[crowd+unread+publishedAt]',
              IDBKeyRange.bound([1, 1, -Infinity], [1, 1, []]),
            ],
            ['hidden', 'hiddenAt', null],
          ];
          for (const [key, index, range] of ranges) {
            const count = articles.index(index).count(range ?? undefined);
            count.onsuccess = () => tallies.put({ key, count: count.result });
          }
          // Each feed's own tallies become unmeasured: measured afresh when next asked for.
          for (const kind of ['feed', 'images', 'unread']) {
            tallies.delete(IDBKeyRange.bound(`${kind}:`, `${kind}:\uffff`));
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

export interface BehindAppWrite {
  /** The stored article to start from, by title (else the first stored). */
  like?: string;
  /** Write a copy as a new article of the same feed, with this guid, instead of changing it. */
  guid?: string;
  /** Fields to set on it. */
  set: Record<string, unknown>;
}

/**
 * Writes one article straight into IndexedDB, past the app's database layer (so neither Dexie
 * nor the search index hears of it): what a crash between an article write and what follows
 * it, or a record damaged on disk, leaves behind.
 */
export function writeArticleBehindApp(page: Page, write: BehindAppWrite): Promise<void> {
  return page.evaluate(
    ({ like, guid, set }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('articles', 'readwrite');
          const store = tx.objectStore('articles');
          const cursor = store.openCursor();
          let written = false;
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) return;
            const row = at.value as Record<string, unknown>;
            if (like !== undefined && row['title'] !== like) return at.continue();
            const copy =
              guid === undefined ? {} : { id: `${row['feedId'] as string}|${guid}`, guid };
            store.put({ ...row, ...copy, ...set });
            written = true;
          };
          tx.oncomplete = () => {
            db.close();
            if (written) resolve();
            else reject(new Error(`no stored article${like ? ` titled ${like}` : ''}`));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    write,
  );
}

/**
 * A setting as IndexedDB holds it, read past the app: a test that reloads must first see the
 * app's write committed, or the reload may abort it.
 */
export function storedSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (settingKey) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('settings').objectStore('settings').get(settingKey);
          read.onsuccess = () => {
            db.close();
            resolve((read.result as { value?: unknown } | undefined)?.value);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    key,
  );
}

/** Merges `patch` into one of the app's settings rows, straight in IndexedDB. */
export async function patchSetting(page: Page, key: string, patch: object): Promise<void> {
  await page.evaluate(
    ({ key, patch }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('settings', 'readwrite');
          const store = tx.objectStore('settings');
          const get = store.get(key);
          get.onsuccess = () => {
            const value = (get.result as { value?: object } | undefined)?.value ?? {};
            store.put({ key, value: { ...value, ...patch } });
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { key, patch },
  );
}
