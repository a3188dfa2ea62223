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
