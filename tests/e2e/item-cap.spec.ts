import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';

/**
 * A feed of 20,000 items, oldest first (6.5 MB): with "Articles kept per feed" at 200, adding
 * it and refreshing it brings only its 200 newest, and the app keeps answering.
 */
test('a huge feed brings only as many newest articles as the library keeps per feed', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(90_000);
  const count = 20_000;
  const minute = 60_000;
  const start = Date.UTC(2025, 0, 1);
  const items = Array.from({ length: count }, (_, i) => ({
    id: `n${i}`,
    title: `Story ${i}`,
    date: new Date(start + i * minute).toUTCString(),
  }));
  const url = await putFeed(feeds.url, 'huge-wire', rss('Huge Wire', items));

  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  // The cap lives in the renderer's settings; it must reach the scheduler in main.
  const sent = page.waitForRequest(
    (request) =>
      request.url().includes('/api/invoke/sync.setFeeds') &&
      (request.postDataJSON() as { settings?: { maxItemsPerFeed?: number } }).settings
        ?.maxItemsPerFeed === 200,
  );
  await settings.getByRole('combobox', { name: 'Articles kept per feed' }).selectOption('200');
  await sent;
  await settings.getByRole('button', { name: 'Done' }).click();

  const fetched = page.waitForRequest(
    (request) =>
      request.url().includes('/api/invoke/feeds.fetch') &&
      (request.postDataJSON() as { maxItems?: number }).maxItems === 200,
  );
  await subscribe(page, url);
  await fetched;
  const feedButton = sources(page).getByRole('button', { name: /^Huge Wire/ });
  await expect(feedButton).toHaveAccessibleName('Huge Wire 200 unread');
  await feedButton.click();
  // Newest first: the end of the document.
  await expect(articleList(page).getByRole('listitem').first()).toContainText(`Story ${count - 1}`);

  // A refresh is capped the same way: the feed grows by one, and one new article arrives.
  items.push({
    id: `n${count}`,
    title: `Story ${count}`,
    date: new Date(start + count * minute).toUTCString(),
  });
  await putFeed(feeds.url, 'huge-wire', rss('Huge Wire', items));
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(sources(page).getByRole('status')).toContainText('1 new', { timeout: 20_000 });
  await expect(articleList(page).getByRole('listitem').first()).toContainText(`Story ${count}`);
  // Retention then trims the feed back to the 200 it keeps.
  await expect(feedButton).toHaveAccessibleName('Huge Wire 200 unread', { timeout: 20_000 });

  // Still responsive: an article opens at once.
  await articleList(page).getByRole('listitem').first().click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    `Story ${count}`,
  );
});
