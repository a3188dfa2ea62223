import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, importOpml, openApp, putFeed, sources, subscribe } from './support/app';

/**
 * A full disk, forced: Chromium's storage quota for the app's origin is set just above what the
 * library already uses (DevTools protocol, Storage.overrideQuotaForOrigin), so every sizeable
 * IndexedDB write fails with QuotaExceededError as it would on a full disk. Then the quota is
 * given back and everything must resume.
 */

const FEEDS = 12;
const ITEMS = 120;

const storageAlert = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Broadsheet’s storage is full' });
const searchbox = (page: Page) => page.getByRole('searchbox', { name: 'Search articles' });
const results = (page: Page) => page.getByRole('list', { name: 'Search results' });
const reader = (page: Page) => page.getByRole('article');
const refresh = (page: Page) => page.getByRole('button', { name: 'Refresh', exact: true }).click();
/** The sync status once a refresh has finished ("N new", perhaps "· N failed"). */
const refreshDone = (page: Page, text = / new\b/) =>
  expect(page.getByRole('status').filter({ hasText: text })).toBeVisible({ timeout: 30_000 });

interface Quota {
  /** Lets the library grow by about `bytes` more from now on. */
  limit(bytes: number): Promise<void>;
  /** Gives the origin its real quota back: space has returned. */
  restore(): Promise<void>;
}

async function forceQuota(page: Page, origin: string): Promise<Quota> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  return {
    limit: async (bytes) => {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
    },
    restore: async () => {
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    },
  };
}

/** Reads rows straight from IndexedDB, without the app's code. */
function readTable<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('broadsheet');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const request = db.transaction(name).objectStore(name).getAll();
      return await new Promise<T[]>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, table);
}

interface FeedRow {
  id: string;
  url: string;
  title: string;
  etag?: string;
}
interface ArticleRow {
  id: string;
  feedId: string;
  title: string;
  offline?: string;
  images?: string[];
}
interface ImageRow {
  url: string;
  status: string;
  articleIds: string[];
}

/** Words that do not compress, as real prose mostly does not at IndexedDB's scale. */
function gibberish(words: number): string {
  return (
    randomBytes(words * 6)
      .toString('base64')
      .match(/.{8}/g) ?? []
  ).join(' ');
}

function wire(n: number, items: number, words: number): string {
  const body = `The council met again to weigh the harbour budget and the ferry timetable. ${gibberish(words)}`;
  const entries = Array.from(
    { length: items },
    (_, i) => `<item><title>Wire ${n} story ${i}</title><guid isPermaLink="false">w${n}-${i}</guid>
      <link>http://example.invalid/w${n}/${i}</link>
      <pubDate>${new Date(Date.UTC(2025, 8, 1, 0, i)).toUTCString()}</pubDate>
      <description>&lt;p&gt;Story ${i} of wire ${n}, ref w${n}x${i}. ${body}&lt;/p&gt;</description></item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire ${n}</title>
    <link>http://example.invalid/w${n}</link><description>d</description>${entries}</channel></rss>`;
}

test('a large refresh on a full disk says so, stores nothing by halves, and resumes', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(120_000);
  const urls: string[] = [];
  for (let n = 1; n <= FEEDS; n++) urls.push(await putFeed(feeds.url, `wire-${n}`, wire(n, 1, 4)));
  const outlines = urls.map(
    (url, i) => `<outline type="rss" text="Wire ${i + 1}" xmlUrl="${url}"/>`,
  );
  const quota = await forceQuota(page, host.origin);
  // The app and a dozen small feeds take about 210 KB; the refresh below needs megabytes.
  await quota.limit(400_000);
  await openApp(page, host.url);
  const report = await importOpml(
    page,
    'wires.opml',
    `<?xml version="1.0"?><opml version="2.0"><body>${outlines.join('')}</body></opml>`,
  );
  await report.getByRole('button', { name: 'Done' }).click();
  // The scheduler fills the new subscriptions in: one story each.
  await expect
    .poll(async () => (await readTable<ArticleRow>(page, 'articles')).length, { timeout: 30_000 })
    .toBe(FEEDS + 1);
  const before = await readTable<FeedRow>(page, 'feeds');

  // Upstream, every wire now carries many long stories.
  for (let n = 1; n <= FEEDS; n++) await putFeed(feeds.url, `wire-${n}`, wire(n, ITEMS, 200));
  await refresh(page);
  // The refresh ends saying how many fetched feeds could not be saved (under load a loopback
  // connection may also be cut off: "· 1 failed").
  await refreshDone(page, / new( · \d+ failed)? · \d+ not saved$/);

  await expect(storageAlert(page)).toBeVisible();
  await expect(storageAlert(page)).toContainText('new articles');
  await expect(storageAlert(page)).toContainText('Settings');
  await page.screenshot({ path: 'test-results/quota-refresh-full.png' });

  // Nothing by halves: a feed whose new validators were stored has every article of the new
  // document; every other keeps its old validators, so the next fetch is not a 304.
  const articles = await readTable<ArticleRow>(page, 'articles');
  const after = await readTable<FeedRow>(page, 'feeds');
  expect(after.map((feed) => feed.title).sort()).toEqual(before.map((feed) => feed.title).sort());
  let stored = 0;
  for (const feed of after) {
    const count = articles.filter((article) => article.feedId === feed.id).length;
    const old = before.find((row) => row.id === feed.id);
    if (feed.etag !== old?.etag) {
      expect(count, feed.title).toBe(ITEMS);
      stored += 1;
    } else expect(count, feed.title).toBe(1);
  }
  expect(stored, 'feeds stored whole while full').toBeLessThan(FEEDS);
  console.log(`quota e2e: ${stored} of ${FEEDS} feeds stored whole while full`);

  // Reading and search keep working on what is stored.
  await sources(page)
    .getByRole('button', { name: /^Wire 3\b/ })
    .click();
  await articleList(page)
    .getByRole('button', { name: /^Wire 3 story 0\b/ })
    .click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Wire 3 story 0');
  await expect(reader(page)).toContainText('Story 0 of wire 3');
  await searchbox(page).fill('w3x0');
  await expect(results(page).getByRole('listitem')).toHaveCount(1);
  await expect(results(page)).toContainText('Wire 3 story 0');
  await searchbox(page).fill('');

  // Space returns: the next refresh stores everything that failed, and the message goes.
  const resumedFrom = feeds.requests.length;
  await quota.restore();
  // Under load a loopback connection is now and then cut off mid-refresh (a network failure,
  // not storage, shown as "· N failed"); the reader would press Refresh again, and so do we.
  const count = async () => (await readTable<ArticleRow>(page, 'articles')).length;
  for (let attempt = 0; attempt < 3 && (await count()) < FEEDS * ITEMS + 1; attempt++) {
    await refresh(page);
    await refreshDone(page);
    await expect
      .poll(count, { timeout: 10_000 })
      .toBe(FEEDS * ITEMS + 1)
      .catch(() => undefined);
  }
  expect(await count()).toBe(FEEDS * ITEMS + 1);
  await expect(storageAlert(page)).toHaveCount(0);
  // Main asked with the validators of what was stored, never the unsaved document's: each
  // feed that failed was fetched whole again rather than answered 304.
  for (const feed of after) {
    const asked = feeds.requests
      .slice(resumedFrom)
      .filter((request) => feed.url.endsWith(request.path));
    expect(asked.length, feed.title).toBeGreaterThan(0);
    expect(asked[0]?.headers['if-none-match'], feed.title).toBe(feed.etag);
  }
  // And what came late is searchable.
  await searchbox(page).fill('w7x99');
  await expect(results(page).getByRole('listitem')).toHaveCount(1);
  await expect(results(page)).toContainText('Wire 7 story 99');
});

/** A real PNG (40×30) made large by bytes after its end, which decoders ignore. */
function bigPng(kib: number): Buffer {
  const png = readFileSync(
    resolve(__dirname, '..', 'fixtures', 'pages', 'articles', 'images', 'blog-cover.png'),
  );
  return Buffer.concat([png, randomBytes(kib * 1024)]);
}

async function putImage(baseUrl: string, name: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${baseUrl}/mutable/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array(bytes),
  });
  if (!response.ok) throw new Error(`PUT failed: ${response.status}`);
  return `${baseUrl}/mutable/${name}`;
}

test('image downloads on a full disk leave no article half-saved, and finish once space returns', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(120_000);
  const text =
    '<p>The harbour reopened on Monday after a year of repairs to the old quay. </p>'.repeat(10);
  const items: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const a = await putImage(feeds.url, `photo-${i}a.png`, bigPng(300));
    const b = await putImage(feeds.url, `photo-${i}b.png`, bigPng(300));
    items.push(`<item><title>Harbour photo ${i}</title><guid isPermaLink="false">photo-${i}</guid>
      <pubDate>${new Date(Date.UTC(2025, 7, 20 + i)).toUTCString()}</pubDate>
      <description><![CDATA[${text}<p><img src="${a}" alt="Quay ${i}" width="800" height="600"></p>
      <p><img src="${b}" alt="Ferry ${i}" width="800" height="600"></p>]]></description></item>`);
  }
  const url = await putFeed(
    feeds.url,
    'photos',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Photo Wire</title>
    <link>${feeds.url}/</link><description>d</description>${items.join('')}</channel></rss>`,
  );

  const quota = await forceQuota(page, host.origin);
  // The app and three articles fit; six images of 300 KB do not.
  await quota.limit(400_000);
  await openApp(page, host.url);
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
  await expect(storageAlert(page)).toBeVisible({ timeout: 20_000 });
  await expect(storageAlert(page)).toContainText('images');
  await page.screenshot({ path: 'test-results/quota-images-full.png' });

  // The pass stops rather than fetching the same images over and over.
  const imageRequests = () =>
    feeds.requests.filter((request) => request.path.startsWith('/mutable/photo-')).length;
  await page.waitForTimeout(1500);
  const settled = imageRequests();
  await page.waitForTimeout(2000);
  expect(imageRequests()).toBe(settled);

  // Consistent: no article called complete without its images, no image row for nothing.
  const consistent = async () => {
    const articles = await readTable<ArticleRow>(page, 'articles');
    const images = await readTable<ImageRow>(page, 'images');
    const ok = new Map(
      images.filter((image) => image.status === 'ok').map((image) => [image.url, image]),
    );
    const photos = articles.filter((article) => article.title.startsWith('Harbour photo'));
    expect(photos).toHaveLength(3);
    for (const article of photos.filter((row) => row.offline === 'complete')) {
      const n = article.title.slice(-1);
      for (const side of ['a', 'b']) {
        const image = ok.get(`${feeds.url}/mutable/photo-${n}${side}.png`);
        expect(image?.articleIds, article.title).toContain(article.id);
      }
    }
    const ids = new Set(articles.map((article) => article.id));
    for (const image of images) {
      for (const id of image.articleIds) expect(ids.has(id), image.url).toBe(true);
    }
    return { complete: photos.filter((row) => row.offline === 'complete').length, ok: ok.size };
  };
  const whileFull = await consistent();
  expect(whileFull.complete).toBeLessThan(3);
  console.log(
    `quota e2e: while full, ${whileFull.complete} of 3 articles complete, ${whileFull.ok} images stored`,
  );

  // Reading still works.
  await articleList(page)
    .getByRole('button', { name: /^Harbour photo 2\b/ })
    .click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText('Harbour photo 2');
  await expect(reader(page)).toContainText('The harbour reopened on Monday');

  // Space returns: the next refresh lets the offline pass finish, and the message goes.
  await quota.restore();
  await refresh(page);
  for (let i = 1; i <= 3; i++) {
    await articleList(page)
      .getByRole('button', { name: new RegExp(`^Harbour photo ${i}\\b`) })
      .click();
    await expect(reader(page)).toContainText('Available offline', { timeout: 20_000 });
  }
  await expect(storageAlert(page)).toHaveCount(0);
  expect(await consistent()).toEqual({ complete: 3, ok: 6 });
});

test('a file imported on a full disk is refused plainly, and imports once space returns', async ({
  page,
  host,
}) => {
  const quota = await forceQuota(page, host.origin);
  await quota.limit(400_000);
  await openApp(page, host.url);
  const file = {
    name: 'long-read.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`A long read\n\n${gibberish(60_000)}\n`),
  };
  const input = page.getByLabel('Files to import (OPML, text, Markdown, HTML)');
  const report = page.getByRole('dialog', { name: 'Import' });

  await input.setInputFiles(file);
  await expect(report.getByRole('status')).toHaveText('Nothing was imported.');
  await expect(report.getByRole('list', { name: 'Not imported' })).toContainText(
    'long-read.txt: Your disk is full',
  );
  await report.getByRole('button', { name: 'Done' }).click();
  const saved = await readTable<ArticleRow>(page, 'articles');
  expect(saved.filter((article) => article.title === 'A long read')).toEqual([]);

  await quota.restore();
  await input.setInputFiles(file);
  await expect(report.getByRole('status')).toHaveText('Saved 1 article.');
});
