import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, subscribe } from './support/app';

test('the refresh interval reaches the scheduler, and "never fetch" keeps the feed’s own text', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(settings).toBeVisible();
  };

  await openSettings();
  // The scheduler lives in main: the new interval must travel there, not only into IndexedDB.
  const sent = page.waitForRequest(
    (request) =>
      request.url().includes('/api/invoke/sync.setFeeds') &&
      (request.postDataJSON() as { settings?: { intervalMinutes?: number } }).settings
        ?.intervalMinutes === 60,
  );
  await settings.getByRole('combobox', { name: 'Refresh feeds' }).selectOption('Every hour');
  await sent;
  await settings
    .getByRole('combobox', { name: 'Whole articles' })
    .selectOption('Never fetch; keep what the feed gives');
  await settings.getByRole('button', { name: 'Done' }).click();

  // Updates come with the installed desktop app: the browser host answers 'unsupported', and
  // Settings has no Updates section (asked once at start; opening Settings never checks).
  const updatesAnswered = page.waitForResponse((response) =>
    response.url().includes('/api/invoke/updates.current'),
  );
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  expect(await (await updatesAnswered).json()).toMatchObject({
    ok: true,
    value: { state: 'unsupported' },
  });
  await openSettings();
  await expect(settings.getByRole('combobox', { name: 'Refresh feeds' })).toHaveValue('60');
  await expect(settings.getByRole('heading', { name: 'Updates' })).toHaveCount(0);
  await expect(settings.getByRole('button', { name: 'Check now' })).toHaveCount(0);
  await expect(settings.getByRole('combobox', { name: 'Whole articles' })).toHaveValue('never');
  await settings.getByRole('button', { name: 'Done' }).click();

  // A teaser-only feed would have its pages fetched under the default; now none is asked for.
  const url = await putFeed(
    feeds.url,
    'settings-teasers',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Teaser Wire</title>
    <link>${feeds.url}/</link><description>d</description>
    <item><title>Story one</title><guid isPermaLink="false">one</guid>
      <link>${feeds.url}/fixtures/pages/articles/korean-ko.html</link>
      <pubDate>Wed, 20 Aug 2025 09:00:00 GMT</pubDate>
      <description>A short teaser for story one… Read more</description></item>
    </channel></rss>`,
  );
  await subscribe(page, url);
  await articleList(page)
    .getByRole('button', { name: /^Story one\b/ })
    .click();
  await expect(page.getByRole('article')).toContainText('A short teaser for story one');
  await expect(page.getByRole('button', { name: 'Fetch full article' })).toBeEnabled();
  await page.waitForTimeout(1000);
  expect(feeds.requests.filter((r) => r.path.includes('/fixtures/pages/'))).toEqual([]);
});
