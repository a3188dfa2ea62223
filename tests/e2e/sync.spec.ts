import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';

test('Refresh brings new articles and shows progress', async ({ page, host, feeds }) => {
  const url = await putFeed(feeds.url, 'wire', rss('Wire', [{ id: 'a', title: 'Story A' }]));
  await page.goto(host.url);
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);

  await putFeed(
    feeds.url,
    'wire',
    rss('Wire', [
      { id: 'a', title: 'Story A' },
      { id: 'b', title: 'Story B' },
    ]),
  );
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
  await expect(sources(page).getByRole('status')).toContainText('1 new');
});

test('a failing feed shows an error badge with the reason', async ({ page, host, feeds }) => {
  const url = await putFeed(feeds.url, 'fragile', rss('Fragile', [{ id: 'a', title: 'Story A' }]));
  await page.goto(host.url);
  await subscribe(page, url);
  await fetch(url, { method: 'DELETE' });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(sources(page).getByRole('img', { name: /Error: .*404/ })).toBeVisible();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
});

test('closing the page mid-sync loses and duplicates nothing', async ({
  page,
  context,
  host,
  feeds,
}) => {
  const name = 'slow';
  const url = await putFeed(feeds.url, name, rss('Slow Wire', [{ id: 'a', title: 'Story A' }]));
  // Every fetch of this feed now takes a while, so the page can die while one is under way.
  const slowUrl = `${url}?delay=1500`;
  await openApp(page, host.url);
  await subscribe(page, slowUrl);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);

  await putFeed(
    feeds.url,
    name,
    rss('Slow Wire', [
      { id: 'a', title: 'Story A' },
      { id: 'b', title: 'Story B' },
    ]),
  );
  const before = feeds.requests.length;
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect.poll(() => feeds.requests.length).toBeGreaterThan(before);
  await page.close();
  // Let the killed fetch finish while no page is listening: its result must be lost, not stored
  // half-way (a page connected in time would receive and store it, which is also correct).
  await new Promise((resolve) => setTimeout(resolve, 2500));

  const again = await context.newPage();
  await openApp(again, host.url);
  // All articles also holds the starter article; count the feed's own.
  await sources(again)
    .getByRole('button', { name: /^Slow Wire/ })
    .click();
  await expect(articleList(again).getByRole('listitem')).toHaveCount(1);
  // The killed sync must not have advanced the stored ETag: this refresh gets the new items.
  await again.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(articleList(again).getByRole('listitem')).toHaveCount(2);
  await again.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(sources(again).getByRole('status')).toContainText('0 new');
  await expect(articleList(again).getByRole('listitem')).toHaveCount(2);
});

test('a feed whose server sends a huge ETag does not stop the others refreshing', async ({
  page,
  host,
  feeds,
}) => {
  // Its ETag (over 2,000 characters) is longer than any call may carry back to the scheduler.
  const bloated = await putFeed(feeds.url, 'bloated', rss('Bloated', [{ id: 'a', title: 'B1' }]));
  const calm = await putFeed(feeds.url, 'calm', rss('Calm', [{ id: 'a', title: 'C1' }]));
  await openApp(page, host.url);
  await subscribe(page, `${bloated}?etagpad=2000`);
  await subscribe(page, calm);
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);

  await putFeed(
    feeds.url,
    'bloated',
    rss('Bloated', [
      { id: 'a', title: 'B1' },
      { id: 'b', title: 'B2' },
    ]),
  );
  await putFeed(
    feeds.url,
    'calm',
    rss('Calm', [
      { id: 'a', title: 'C1' },
      { id: 'b', title: 'C2' },
    ]),
  );
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(sources(page).getByRole('status')).toContainText('2 new');
  for (const name of ['Calm', 'Bloated']) {
    await sources(page)
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
    await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
  }
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a feed redirected onto another subscription says so and merges into it', async ({
  page,
  host,
  feeds,
}) => {
  const target = await putFeed(
    feeds.url,
    'new-wire',
    rss('New Wire', [
      { id: '1', title: 'Shared story' },
      { id: '2', title: 'Only new' },
    ]),
  );
  const old = await putFeed(
    feeds.url,
    'old-wire',
    rss('Old Wire', [
      { id: '1', title: 'Shared story' },
      { id: '3', title: 'Only old' },
    ]),
  );
  await openApp(page, host.url);
  await subscribe(page, target);
  await subscribe(page, old);
  // The old address now moves, for good, to the one New Wire already has.
  await fetch(`${old}?moveTo=${encodeURIComponent(target)}&code=301`, { method: 'PUT' });
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  const said = '“Old Wire” now redirects to the same address as “New Wire”';
  await expect(sources(page).getByRole('img', { name: new RegExp(said) })).toBeVisible();
  await expect(page.getByText(/could not save to its library/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Options for Old Wire' }).click();
  const dialog = page.getByRole('dialog', { name: 'Feed options' });
  await expect(dialog.getByRole('alert')).toContainText(said);
  await dialog.getByRole('button', { name: 'Merge into “New Wire”' }).click();
  await expect(dialog).toBeHidden();
  await expect(sources(page).getByRole('button', { name: /^Old Wire/ })).toHaveCount(0);
  await sources(page)
    .getByRole('button', { name: /^New Wire/ })
    .click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
});

test('a stored subscription the scheduler cannot take is named, and the others still refresh', async ({
  page,
  host,
  feeds,
}) => {
  const calm = await putFeed(feeds.url, 'steady', rss('Steady', [{ id: 'a', title: 'S1' }]));
  await openApp(page, host.url);
  await subscribe(page, calm);
  // A row as an old backup might restore it: an address no fetch may carry.
  await page.evaluate(
    async (url) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('broadsheet');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('feeds', 'readwrite');
      tx.objectStore('feeds').put({ id: 'restored', url, title: 'Restored Wire', createdAt: 1 });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    `${feeds.url}/mutable/${'p'.repeat(5000)}`,
  );
  await page.reload();

  await expect(page.getByRole('alert')).toContainText('Not refreshing “Restored Wire”');
  await expect(
    sources(page).getByRole('img', { name: /longer than 4,096 characters/ }),
  ).toBeVisible();
  await putFeed(
    feeds.url,
    'steady',
    rss('Steady', [
      { id: 'a', title: 'S1' },
      { id: 'b', title: 'S2' },
    ]),
  );
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(sources(page).getByRole('status')).toContainText('1 new');
});
