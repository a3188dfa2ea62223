import { expect, test } from './support/fixtures';
import { openApp } from './support/app';

test('subscribe, read, lose the network, reload, still read', async ({ page, host, feeds }) => {
  await openApp(page, host.url);

  await page.getByRole('button', { name: 'Add feed' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByRole('textbox', { name: 'Feed or site URL' })
    .fill(`${feeds.url}/fixtures/feeds/sample-rss.xml`);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();

  const sources = page.getByRole('navigation', { name: 'Sources' });
  await expect(sources.getByRole('button', { name: /^Sample RSS Feed/ })).toBeVisible();

  const articles = page.getByRole('list', { name: 'Articles' });
  await expect(articles.getByRole('listitem')).toHaveCount(3);
  await articles.getByRole('button', { name: /First sample story/ }).click();

  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(/First sample story/);
  // Opening marks it read, and the feed's unread count follows.
  await expect(sources.getByRole('button', { name: /^Sample RSS Feed/ })).toHaveAccessibleName(
    /2 unread/,
  );
  const bodyText = await article.locator('.reader-content').textContent();

  await feeds.close();
  await page.reload();
  // The page opens on All articles, which also holds the starter article: pick the feed.
  await sources.getByRole('button', { name: /^Sample RSS Feed/ }).click();
  await expect(page.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(3);
  await page
    .getByRole('list', { name: 'Articles' })
    .getByRole('button', { name: /First sample story/ })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    /First sample story/,
  );
  expect(await page.getByRole('article').locator('.reader-content').textContent()).toBe(bodyText);
});

test('offline, the app says so and network actions explain why they wait', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url);
  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'You’re offline.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh', exact: true })).toBeDisabled();
  await expect(page.getByText('Offline: refreshing needs a network connection.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save URL' })).toBeDisabled();
  await page.getByRole('button', { name: 'Add feed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await expect(dialog.getByRole('button', { name: 'Subscribe' })).toBeDisabled();
  await expect(dialog.getByRole('status')).toHaveText(/subscribing needs a network connection/);
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'You’re offline.' })).toHaveCount(0);
});
