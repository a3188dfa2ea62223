/**
 * Issue 17, item 5: the unread count in the page title, "(12) Broadsheet", following reading and
 * the "Unread count" setting, in the browser host (which has no dock badge, tray or login item).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';

const HOUR = 3600 * 1000;
const at = (msAgo: number): string => new Date(Date.now() - msAgo).toUTCString();

async function chooseCount(page: Page, label: string): Promise<void> {
  await sources(page).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const desktop = dialog.getByRole('region', { name: 'Desktop' });
  await desktop.getByRole('combobox', { name: 'Unread count' }).selectOption({ label });
  // The browser host offers only what it can do: no tray, no open at login.
  await expect(desktop.getByRole('checkbox')).toHaveCount(0);
  await expect(desktop.getByText('Shown in the page title.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

test('the page title counts unread articles, follows reading and the Unread count setting', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await expect(page).toHaveTitle('Broadsheet');
  const titles = ['Tide tables', 'Lighthouse repairs', 'Ferry strike'];
  const url = await putFeed(
    feeds.url,
    'harbour.xml',
    rss(
      'Harbour',
      titles.map((title, n) => ({ id: `h-${n}`, title, date: at((n + 1) * HOUR) })),
    ),
  );
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
  await expect(page).toHaveTitle('(3) Broadsheet');

  // Opening an article reads it (the default read state): the count follows.
  await articleList(page)
    .getByRole('button', { name: /Tide tables/ })
    .click();
  await expect(page).toHaveTitle('(2) Broadsheet');

  // No feed notifies yet, so "only feeds that notify me" counts nothing; "None" shows none.
  await chooseCount(page, 'Only feeds that notify me');
  await expect(page).toHaveTitle('Broadsheet');
  await chooseCount(page, 'None');
  await expect(page).toHaveTitle('Broadsheet');
  await chooseCount(page, 'All unread articles');
  await expect(page).toHaveTitle('(2) Broadsheet');

  // The count comes from the library alone after a reload.
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await expect(page).toHaveTitle('(2) Broadsheet');
});
