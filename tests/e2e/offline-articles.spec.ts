import { expect, test } from './support/fixtures';
import { articleList, putFeed, subscribe } from './support/app';

test('a summary-only feed is saved whole, images included, and reads the same offline', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(60_000);
  const pages = ['korean-ko', 'japanese-ja', 'hebrew-he'];
  const items = pages
    .map(
      (name, i) => `<item><title>Story ${i + 1}</title><guid isPermaLink="false">${name}</guid>
      <link>${feeds.url}/fixtures/pages/articles/${name}.html</link>
      <pubDate>${new Date(Date.UTC(2025, 7, 20 + i)).toUTCString()}</pubDate>
      <description>A short teaser for story ${i + 1}… Read more</description></item>`,
    )
    .join('\n');
  const url = await putFeed(
    feeds.url,
    'teasers',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Teaser Wire</title>
    <link>${feeds.url}/</link><description>d</description>${items}</channel></rss>`,
  );

  await page.goto(host.url);
  await subscribe(page, url);
  const list = articleList(page);
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await list.getByRole('button', { name: /^Story 1\b/ }).click();
  const article = page.getByRole('article');
  // The offline pass fetches the page, extracts it, then downloads its images.
  await expect(article).toContainText('Available offline', { timeout: 20_000 });
  await expect(article).not.toContainText('A short teaser');
  const textOnline = await article.locator('.reader-content').textContent();

  await feeds.close();
  await page.reload();
  await articleList(page)
    .getByRole('button', { name: /^Story 1\b/ })
    .click();
  const offlineArticle = page.getByRole('article');
  await expect(offlineArticle).toContainText('Available offline');
  expect(await offlineArticle.locator('.reader-content').textContent()).toBe(textOnline);
  const images = offlineArticle.locator('img');
  await expect(images.first()).toBeVisible();
  const widths = await images.evaluateAll((nodes) =>
    nodes.map(
      (node) => (node as HTMLImageElement).complete && (node as HTMLImageElement).naturalWidth,
    ),
  );
  expect(widths.length).toBeGreaterThan(0);
  for (const width of widths) expect(width).toBeGreaterThan(0);
});

test('settings show storage per source and apply retention without touching new arrivals', async ({
  page,
  host,
  feeds,
}) => {
  await page.goto(host.url);
  await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
  await articleList(page)
    .getByRole('button', { name: /Second sample story/ })
    .click();
  await page.getByRole('button', { name: 'Bookmark', exact: true }).click();

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const table = settings.getByRole('table', { name: 'Storage used per source' });
  await expect(table.getByRole('row', { name: /Sample RSS Feed 3/ })).toBeVisible();
  // Age counts from arrival: items published in 2025 but fetched just now are not due.
  const keepRead = settings.getByRole('combobox', { name: 'Keep read articles for' });
  await keepRead.selectOption({ label: 'One week' });
  await settings
    .getByRole('combobox', { name: 'Keep unread articles for' })
    .selectOption({ label: 'One week' });
  await settings.getByRole('button', { name: 'Clean up now' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'Removed' })).toHaveText(
    'Removed 0 articles.',
  );
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(
    page
      .getByRole('dialog', { name: 'Settings' })
      .getByRole('combobox', { name: 'Keep read articles for' }),
  ).toHaveValue('7');
});

test('trackers in a feed item are neither stored nor requested by the offline pass', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(60_000);
  const image = `${feeds.url}/fixtures/pages/articles/images/blog-cover.png`;
  // Tracking paths on the feed's own server, so a request that got through would be logged.
  const content = `<p>${'The harbour reopened on Monday after a year of repairs. '.repeat(12)}</p>
    <p><img src="${image}" alt="The harbour" width="800" height="450"></p>
    <img src="${feeds.url}/stats/matomo.php?idsite=1&amp;rec=1">
    <img src="${feeds.url}/open/beacon.gif?u=1" width="1" height="1">
    <img src="${feeds.url}/seen/b.gif?u=1" style="display:none">
    <p><a href="https://news.example/story?utm_source=x&amp;fbclid=y&amp;id=7">The full report</a></p>`;
  const url = await putFeed(
    feeds.url,
    'tracked',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tracked Wire</title>
    <link>${feeds.url}/</link><description>d</description>
    <item><title>Harbour reopens</title><guid isPermaLink="false">harbour</guid>
    <pubDate>${new Date(Date.UTC(2025, 7, 20)).toUTCString()}</pubDate>
    <description><![CDATA[${content}]]></description></item></channel></rss>`,
  );

  await page.goto(host.url);
  await subscribe(page, url);
  await articleList(page)
    .getByRole('button', { name: /^Harbour reopens\b/ })
    .click();
  const article = page.getByRole('article');
  await expect(article).toContainText('Available offline', { timeout: 20_000 });

  const asked = feeds.requests.map((request) => request.path);
  expect(asked).toContain('/fixtures/pages/articles/images/blog-cover.png');
  expect(asked.filter((path) => /matomo|beacon|\/seen\//.test(path))).toEqual([]);
  await expect(article.getByRole('link', { name: 'The full report' })).toHaveAttribute(
    'href',
    'https://news.example/story?id=7',
  );
  await expect(article.locator('img')).toHaveCount(1);
});
