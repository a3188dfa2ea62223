import { test as base, expect } from './support/fixtures';
import { articleList, importOpml, openApp, putFeed, rss, sources, subscribe } from './support/app';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * A browser host without the e2e fixtures' standing allowance for loopback, as the real app
 * runs: the fixture server on 127.0.0.1 counts as the reader's own network here.
 */
const test = base.extend<object, { guarded: RunningHost }>({
  guarded: [
    // Playwright reads fixture dependencies from the destructuring pattern; none are needed here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startBrowserHost({ BROADSHEET_ALLOW_PRIVATE_HOSTS: undefined });
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
});

test('a feed the reader typed on their own network works: articles, full text, images, refresh', async ({
  page,
  guarded,
  feeds,
}) => {
  test.setTimeout(60_000);
  const teaser = (n: number, name: string) => `<item><title>Story ${n}</title>
    <guid isPermaLink="false">${name}</guid>
    <link>${feeds.url}/fixtures/pages/articles/${name}.html</link>
    <pubDate>${new Date(Date.UTC(2025, 7, 20 + n)).toUTCString()}</pubDate>
    <description>A short teaser for story ${n}… Read more</description></item>`;
  const feed = (items: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Home Wire</title>
    <link>${feeds.url}/</link><description>d</description>${items}</channel></rss>`;
  const url = await putFeed(feeds.url, 'home', feed(teaser(1, 'korean-ko')));

  await page.goto(guarded.url);
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  await articleList(page)
    .getByRole('button', { name: /^Story 1\b/ })
    .click();
  const article = page.getByRole('article');
  // The offline pass fetched the page and its images from the typed host.
  await expect(article).toContainText('Available offline', { timeout: 20_000 });
  await expect(article).not.toContainText('A short teaser');
  await expect(article.locator('img').first()).toBeVisible();

  // Scheduled and manual refreshes carry the subscription's allowance.
  await putFeed(feeds.url, 'home', feed(teaser(1, 'korean-ko') + teaser(2, 'japanese-ja')));
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
});

test('a feed from an OPML file on the reader’s network is refused with a reason', async ({
  page,
  guarded,
  feeds,
}) => {
  const url = await putFeed(feeds.url, 'router', rss('Router', [{ id: 'a', title: 'Admin' }]));
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Shared</title></head><body>
    <outline type="rss" text="Router" xmlUrl="${url}"/></body></opml>`;
  await openApp(page, guarded.url);
  const report = await importOpml(page, 'shared.opml', opml);
  await expect(report.getByRole('status')).toContainText('Added 1 feed');
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(
    sources(page).getByRole('img', {
      name: /Error: Broadsheet does not fetch addresses on your own network \(127\.0\.0\.1\)/,
    }),
  ).toBeVisible();
  // Only the test's own PUT reached the server; Broadsheet never asked for the feed.
  const gets = feeds.requests.filter((request) => request.method !== 'PUT');
  expect(gets.some((request) => request.path === '/mutable/router')).toBe(false);
});

test('typing the address of a refused feed lets it be fetched from the reader’s network', async ({
  page,
  guarded,
  feeds,
}) => {
  const url = await putFeed(
    feeds.url,
    'nas',
    rss('NAS news', [{ id: 'a', title: 'Disk healthy' }]),
  );
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
    <outline type="rss" text="NAS news" xmlUrl="${url}"/></body></opml>`;
  await openApp(page, guarded.url);
  const report = await importOpml(page, 'mine.opml', opml);
  await expect(report.getByRole('status')).toContainText('Added 1 feed');
  await report.getByRole('button', { name: 'Done' }).click();
  const refused = sources(page).getByRole('img', { name: /does not fetch addresses on your own/ });
  await expect(refused).toBeVisible();

  await subscribe(page, url);
  await expect(refused).toHaveCount(0);
  await sources(page)
    .getByRole('button', { name: /^NAS news/ })
    .click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  await expect(articleList(page)).toContainText('Disk healthy');
});
