import type { Page } from '@playwright/test';
import type { ReaderApiServer } from '../fixture-server/reader-api-server';
import { expect } from './support/fixtures';
import { articleList, openApp, sources } from './support/app';
import {
  accountFeed,
  accountInSettings,
  addAccount,
  closeSettings,
  held,
  open,
  openSettings,
  reader,
  refresh,
  row,
  testWithAccountRig,
} from './support/accounts';

/*
 * What an account must survive beyond the happy path (accounts.spec.ts): a page closed in the
 * middle of a sync or with changes queued, a library read with every server gone, changes made
 * on the server, and a server that rate-limits or answers with a web page.
 */

const test = testWithAccountRig('broadsheet-accounts-offline-');

/** The app open and signed in to the server, showing the account's "Loopback News" feed. */
async function showLoopbackNews(page: Page, hostUrl: string, server: ReaderApiServer) {
  await openApp(page, hostUrl);
  await addAccount(page, server.url);
  await accountFeed(page, 'Loopback News').click();
}

interface StoredItem {
  id: string;
  remoteId: string;
  unread: number;
  starred: boolean;
}

interface Stored {
  items: StoredItem[];
  account?: { since?: number; lastSyncAt?: number; status: string };
}

/**
 * What the page's IndexedDB holds for the account, read directly: every article on the
 * `[accountId+remoteId]` index (only account items have both) and the account's row.
 */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const request = indexedDB.open('broadsheet');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction(['articles', 'accounts'], 'readonly');
          const articles = tx.objectStore('articles').index('[accountId+remoteId]').getAll();
          const accounts = tx.objectStore('accounts').getAll();
          tx.oncomplete = () => {
            db.close();
            const rows = articles.result as {
              id: string;
              remoteId: string;
              unread: number;
              bookmarkedAt?: number;
            }[];
            resolve({
              items: rows.map((r) => ({
                id: r.id,
                remoteId: r.remoteId,
                unread: r.unread,
                starred: r.bookmarkedAt !== undefined,
              })),
              account: (accounts.result as Stored['account'][])[0],
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Long ids of the items in the server's `stream/items/contents` requests from `from` on. */
function contentsAsked(server: ReaderApiServer, from = 0): string[] {
  return server.requests
    .slice(from)
    .filter((request) => request.route === 'stream/items/contents')
    .flatMap((request) => new URLSearchParams(request.body ?? '').getAll('i'));
}

test('a page closed in the middle of the first sync: reopened, nothing lost, nothing twice', async ({
  page,
  rig,
}) => {
  test.setTimeout(90_000);
  const { host, server } = rig;
  // 1,200 items that reached the server an hour ago (older than the sync's overlap), half
  // read, some starred; contents answer slowly, so the sync is caught between its batches.
  server.seed({ feeds: 30, itemsPerFeed: 40, folders: 3, crawledAgoMs: 3600_000 });
  server.delay('stream/items/contents', 1500);
  await openApp(page, host.url);
  await addAccount(page, server.url);

  await expect
    .poll(async () => (await stored(page)).items.length, { timeout: 30_000, intervals: [100] })
    .toBeGreaterThan(0);
  const before = await stored(page);
  const requestsBefore = server.requests.length;
  expect(before.items.length).toBeLessThan(server.state.items.length);
  // The sync's cursor is written with its last batch only.
  expect(before.account?.since).toBeUndefined();
  const context = page.context();
  await page.close();

  server.delay('stream/items/contents', 0);
  const again = await context.newPage();
  await openApp(again, host.url);
  await expect
    .poll(async () => (await stored(again)).account?.since, { timeout: 30_000 })
    .toBeDefined();
  const after = await stored(again);
  const expected = new Map(server.state.items.map((item) => [server.longId(item), item]));
  const ids = after.items.map((item) => item.remoteId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(new Set(after.items.map((item) => item.id)).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...expected.keys()].sort());
  for (const item of after.items) {
    const truth = expected.get(item.remoteId)!;
    expect({ id: item.remoteId, unread: item.unread, starred: item.starred }).toEqual({
      id: item.remoteId,
      unread: truth.read ? 0 : 1,
      starred: truth.starred,
    });
  }
  // Ids first: what the closed page had stored was not downloaded again.
  expect(contentsAsked(server, requestsBefore).length).toBeLessThanOrEqual(
    server.state.items.length - before.items.length,
  );
  await expect(accountFeed(again, 'Feed 1\\b')).toBeVisible();
});

test('a page closed with changes queued: reopened, the queue is there and reaches the server', async ({
  page,
  rig,
}) => {
  test.setTimeout(60_000);
  const { host, server } = rig;
  const feed = server.addSubscription({ title: 'Loopback News', folder: 'News' });
  server.addItems(feed.streamId, [
    { title: 'Alpha story', content: '<p>Alpha body, long enough to read offline.</p>' },
    { title: 'Beta story', content: '<p>Beta body.</p>' },
  ]);
  await showLoopbackNews(page, host.url, server);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);

  await server.stop();
  await open(page, 'Alpha story');
  await open(page, 'Beta story');
  await reader(page).getByRole('button', { name: 'Bookmark', exact: true }).click();
  const waiting = (p: Page) => p.getByText(/^\d+ changes? waiting to sync$/).first();
  await expect(waiting(page)).toBeVisible();
  const context = page.context();
  await page.close();

  const again = await context.newPage();
  await openApp(again, host.url);
  await expect(waiting(again)).toBeVisible();
  expect(held(server, 'Alpha story').read).toBe(false);

  await server.start();
  await refresh(again);
  await expect(again.getByText(/waiting to sync/)).toHaveCount(0, { timeout: 20_000 });
  expect(held(server, 'Alpha story')).toMatchObject({ read: true, starred: false });
  expect(held(server, 'Beta story')).toMatchObject({ read: true, starred: true });
});

test('an account item is complete offline: its image, the whole article behind a teaser, search', async ({
  page,
  feeds,
  rig,
}) => {
  test.setTimeout(60_000);
  const { host, server } = rig;
  const feed = server.addSubscription({ title: 'Loopback News' });
  const image = `${feeds.url}/fixtures/pages/articles/images/blog-cover.png`;
  server.addItems(feed.streamId, [
    {
      title: 'Harbour reopens',
      content: `<p>${'The harbour reopened on Monday after a year of repairs. '.repeat(12)}</p>
        <p><img src="${image}" alt="The harbour" width="800" height="450"></p>`,
    },
    {
      title: 'Tidal pact signed',
      url: `${feeds.url}/fixtures/pages/articles/news-world-summit.html`,
      content: '<p>Twelve coastal nations agree… Read more</p>',
    },
  ]);
  await showLoopbackNews(page, host.url, server);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
  for (const title of ['Harbour reopens', 'Tidal pact signed']) {
    await open(page, title);
    // The offline pass fetched the page behind the teaser, then the images.
    await expect(reader(page)).toContainText('Available offline', { timeout: 20_000 });
  }

  await server.stop();
  await feeds.close();
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await accountFeed(page, 'Loopback News').click();

  await open(page, 'Harbour reopens');
  const picture = reader(page).getByRole('img', { name: 'The harbour' });
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('src', /^blob:/);
  await expect
    .poll(() => picture.evaluate((node) => (node as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);

  await open(page, 'Tidal pact signed');
  await expect(reader(page)).toContainText('measurements from the Tagus estuary');
  await expect(reader(page)).not.toContainText('Read more');
  // Blob images decode after the text paints, so wait for every one to load rather than sample once.
  const images = reader(page).locator('.reader-content img');
  await expect(images.first()).toBeVisible();
  await expect
    .poll(() =>
      images.evaluateAll((nodes) =>
        nodes.map(
          (node) =>
            (node as HTMLImageElement).complete && (node as HTMLImageElement).naturalWidth > 0,
        ),
      ),
    )
    .not.toContain(false);

  // Found by a word of the whole article, which the teaser never had.
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('Tagus');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(1);
  await expect(results.getByRole('button', { name: /^Tidal pact signed\b/ })).toBeVisible();
});

test('changes made on the server arrive on Refresh: a star, a label, a read', async ({
  page,
  rig,
}) => {
  const { host, server } = rig;
  const feed = server.addSubscription({ title: 'Loopback News' });
  server.addItems(feed.streamId, [
    { title: 'Alpha story', content: '<p>Alpha body.</p>' },
    { title: 'Beta story', content: '<p>Beta body.</p>' },
  ]);
  await showLoopbackNews(page, host.url, server);
  await expect(row(page, 'Beta story')).toHaveAttribute('data-unread', 'true');

  // Elsewhere (the phone): Alpha starred and labelled, Beta read.
  held(server, 'Alpha story').starred = true;
  held(server, 'Alpha story').labels = ['later'];
  server.state.labels.push('later');
  held(server, 'Beta story').read = true;
  await refresh(page);

  await expect(row(page, 'Beta story')).not.toHaveAttribute('data-unread');
  await open(page, 'Alpha story');
  await expect(reader(page).getByRole('button', { name: 'Bookmark', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(reader(page).getByRole('list', { name: 'Article tags' })).toContainText('later');
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveText([/Alpha story/]);
});

test('a 429 with Retry-After, then a web page instead of items: said plainly, nothing half stored, the next Refresh recovers', async ({
  page,
  rig,
}) => {
  test.setTimeout(60_000);
  const { host, server } = rig;
  const feed = server.addSubscription({ title: 'Loopback News' });
  server.addItems(feed.streamId, [{ title: 'Alpha story', content: '<p>Alpha body.</p>' }]);
  await showLoopbackNews(page, host.url, server);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  const first = await stored(page);

  const status = accountInSettings(page);
  const expectProblem = async (message: RegExp) => {
    // Beside Refresh, and in Settings → Accounts.
    await expect(page.getByText(message).first()).toBeVisible();
    await openSettings(page);
    await expect(status).toContainText(message);
    await closeSettings(page);
  };

  // Too many requests, twice: Broadsheet waits out the first Retry-After itself, then gives
  // up for this sync and holds the account for the second one's 6 seconds.
  server.addItems(feed.streamId, [{ title: 'Beta story', content: '<p>Beta body.</p>' }]);
  server.failNext('stream/items/ids', { status: 429, headers: { 'Retry-After': '2' } });
  server.failNext('stream/items/ids', { status: 429, headers: { 'Retry-After': '6' } });
  await refresh(page);
  await expect(page.getByText(/asked Broadsheet to wait 6 seconds/).first()).toBeVisible();
  const heldAt = Date.now();
  expect((await stored(page)).items).toHaveLength(1);
  expect((await stored(page)).account?.since).toBe(first.account?.since);
  // Refresh again at once: the server is asked nothing until its time is up.
  const asked = server.requests.length;
  await refresh(page);
  await page.waitForTimeout(500);
  expect(server.requests.length).toBe(asked);
  expect(Date.now() - heldAt).toBeLessThan(6000);
  await expectProblem(/FreshRSS at 127\.0\.0\.1:\d+ asked Broadsheet to wait 6 seconds/);
  await page.waitForTimeout(Math.max(0, 6200 - (Date.now() - heldAt)));

  // A web page where the items were due (a login wall, a proxy's error page).
  server.failNext('stream/items/contents', 'html');
  await refresh(page);
  await expectProblem(/answered with a web page where the/);
  expect((await stored(page)).items).toHaveLength(1);
  expect((await stored(page)).account?.since).toBe(first.account?.since);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);

  await refresh(page);
  await expect(row(page, 'Beta story')).toBeVisible();
  await expect
    .poll(async () => (await stored(page)).account?.since)
    .toBeGreaterThan(first.account!.since!);
  await expect(page.getByText(/asked Broadsheet to wait|answered with a web page/)).toHaveCount(0);
  await openSettings(page);
  await expect(status).toContainText(/Synced/);
});
