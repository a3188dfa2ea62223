import { expect, test } from './support/fixtures';

test('hostile article HTML shows its text and runs nothing', async ({ page, host, feeds }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== host.origin) foreignRequests.push(request.url());
  });

  await page.goto(host.url);
  await page.getByRole('button', { name: 'Add feed' }).click();
  await page
    .getByRole('textbox', { name: 'Feed or site URL' })
    .fill(`${feeds.url}/fixtures/feeds/hostile-rss.xml`);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page
    .getByRole('list', { name: 'Articles' })
    .getByRole('button', { name: /Harmless headline/ })
    .click();

  const article = page.getByRole('article');
  await expect(article).toContainText('Before the script.');
  await expect(article).toContainText('Hover text stays.');
  await expect(article).toContainText('After the script.');
  await article.getByText('Hover text stays.').hover();
  // The reader's own "Add tag" field is the one input the article may hold.
  await expect(
    article.locator(
      'script, iframe, svg, form, input:not([role="combobox"][aria-label="Add tag"]), [onerror], [onmouseover]',
    ),
  ).toHaveCount(0);
  await expect(article.getByRole('link', { name: 'Open original' })).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { pwned?: string }).pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(foreignRequests).toEqual([]);
});
