/**
 * Issue 16, item 2: a feed's "Show in All articles, Unread and Today" turned off keeps its
 * articles out of those views; they stay under the feed itself, with its unread count, and in
 * search; turned on again, they come back.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';

// Seconds, not hours: "Today" starts at local midnight, and CI runs at any hour.
const SECOND = 1000;
const at = (msAgo: number): string => new Date(Date.now() - msAgo).toUTCString();

const row = (page: Page, title: string) =>
  articleList(page).getByRole('button', { name: new RegExp(title) });

async function subscribeTo(page: Page, feedsUrl: string, name: string, titles: string[]) {
  const url = await putFeed(
    feedsUrl,
    `${name}.xml`,
    rss(
      name,
      titles.map((title, n) => ({ id: `${name}-${n}`, title, date: at((n + 1) * SECOND) })),
    ),
  );
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(titles.length);
}

async function showInCrowd(page: Page, feed: string, show: boolean) {
  await sources(page)
    .getByRole('button', { name: `Options for ${feed}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Feed options' });
  const box = dialog.getByRole('checkbox', { name: 'Show in All articles, Unread and Today' });
  await expect(box).toBeChecked({ checked: !show });
  await box.setChecked(show);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

const view = (page: Page, name: string) =>
  sources(page)
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .first();

test('a feed kept out of All articles stays reachable under itself and in search', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeTo(page, feeds.url, 'Harbour', ['Harbour ferry timetable', 'Harbour budget']);
  await subscribeTo(page, feeds.url, 'Chatter', ['Chatter gossip one', 'Chatter gossip two']);

  await showInCrowd(page, 'Chatter', false);
  for (const name of ['All articles', 'Unread', 'Today']) {
    await view(page, name).click();
    await expect(row(page, 'Harbour ferry timetable')).toBeVisible();
    await expect(row(page, 'Chatter gossip')).toHaveCount(0);
  }

  // Under itself, with its unread count.
  const chatter = sources(page).getByRole('button', { name: /^Chatter/ });
  await expect(chatter.getByLabel('2 unread')).toBeVisible();
  await chatter.click();
  await expect(row(page, 'Chatter gossip')).toHaveCount(2);

  // And in search.
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('gossip');
  await expect(
    page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: /Chatter gossip one/ }),
  ).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search articles' }).press('Escape');

  // Turned back on, its articles rejoin All articles.
  await showInCrowd(page, 'Chatter', true);
  await view(page, 'All articles').click();
  await expect(row(page, 'Chatter gossip')).toHaveCount(2);
  await expect(row(page, 'Harbour ferry timetable')).toBeVisible();
});
