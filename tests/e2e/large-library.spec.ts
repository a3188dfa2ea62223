import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, sources } from './support/app';
import { seedLibrary } from './support/seed-library';

// A library far larger than one page of the virtualized list: 3,000 articles in 5 feeds, every
// third unread. Feed n holds articles n, n+5, n+10…, newest first by number.
const FEEDS = 5;
const ARTICLES = 3000;
const PER_FEED = ARTICLES / FEEDS;

async function openSeeded(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The app has opened (and so created) its database once the list knows its size.
  await expect(page.locator('.article-list-count, .list-pane .empty').first()).toBeVisible();
  await seedLibrary(page, { feeds: FEEDS, articles: ARTICLES, unreadEvery: 3, prefix: 'big' });
  await page.reload();
  await expect(articleList(page).getByRole('listitem').first()).toBeVisible();
  // The view's size is counted just after the first rows paint.
  await expect(page.locator('.article-list-count')).toBeVisible();
}

async function openFeed(page: Page, n: number): Promise<void> {
  const title = `Bench feed ${String(n).padStart(4, '0')}`;
  await sources(page)
    .getByRole('button', { name: new RegExp(`^${title}`) })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

const rows = (page: Page) => articleList(page).getByRole('listitem');
const scroller = (page: Page) => page.locator('.article-list-scroller');

/** Scrolls the list to its end, page after lazily loaded page, until the last row is there. */
async function scrollToEnd(page: Page): Promise<void> {
  await expect(async () => {
    await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = rows(page).last();
    expect(await last.getAttribute('aria-posinset')).toBe(await last.getAttribute('aria-setsize'));
  }).toPass({ timeout: 20_000, intervals: [100, 200] });
}

test('a large library: the list scrolls to its end and back and counts every article', async ({
  page,
  host,
}) => {
  await openSeeded(page, host.url);
  // Only the rows in view are in the DOM; each tells its place in the whole list.
  expect(await rows(page).count()).toBeLessThan(60);
  const setSize = Number(await rows(page).first().getAttribute('aria-setsize'));
  // The first-run starter article, when there is one, belongs to the whole library too.
  expect(setSize).toBeGreaterThanOrEqual(ARTICLES);
  expect(setSize).toBeLessThanOrEqual(ARTICLES + 1);
  await expect(page.getByText(`${setSize.toLocaleString('en-US')} articles`)).toBeVisible();

  await scrollToEnd(page);
  await expect(rows(page).last()).toHaveAttribute('aria-posinset', String(setSize));
  expect(await rows(page).count()).toBeLessThan(60);
  await expect(articleList(page).getByRole('button', { name: /^Article 2999:/ })).toBeVisible();

  await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(rows(page).first()).toHaveAttribute('aria-posinset', '1');
  await expect(articleList(page).getByRole('button', { name: /^Article 0:/ })).toBeVisible();

  await openFeed(page, 1);
  await expect(rows(page).first()).toHaveAttribute('aria-setsize', String(PER_FEED));
  await scrollToEnd(page);
  await expect(articleList(page).getByRole('button', { name: /^Article 2996:/ })).toBeVisible();
});

test('j and k past the visible rows keep the selection in view', async ({ page, host }) => {
  await openSeeded(page, host.url);
  await openFeed(page, 0);
  const reader = page.getByRole('article').getByRole('heading', { level: 1 });
  const selected = articleList(page).locator('[aria-current="true"]');
  for (let n = 0; n < 30; n++) await page.keyboard.press('j');
  // The 30th article of feed 0 is article 145; its row was never on screen before.
  await expect(reader).toHaveText(/^Article 145:/);
  await expect(selected).toHaveAttribute('data-article-id', 'big-0000|item-000145');
  await expect(selected).toBeInViewport();
  for (let n = 0; n < 25; n++) await page.keyboard.press('k');
  await expect(reader).toHaveText(/^Article 20:/);
  await expect(selected).toHaveAttribute('data-article-id', 'big-0000|item-000020');
  await expect(selected).toBeInViewport();
});

test('oldest first and unread only: indexed, persisted, and combined', async ({ page, host }) => {
  await openSeeded(page, host.url);
  await openFeed(page, 0);
  const first = rows(page).first();
  await expect(first.getByRole('button')).toHaveAccessibleName(/^Article 0:/);

  const oldest = page.getByRole('button', { name: 'Oldest first' });
  await expect(oldest).toHaveAttribute('aria-pressed', 'false');
  await oldest.click();
  await expect(oldest).toHaveAttribute('aria-pressed', 'true');
  await expect(first.getByRole('button')).toHaveAccessibleName(/^Article 2995:/);
  await expect(first).toHaveAttribute('aria-setsize', String(PER_FEED));

  const unreadOnly = page.getByRole('button', { name: 'Unread only' });
  await unreadOnly.click();
  await expect(unreadOnly).toHaveAttribute('aria-pressed', 'true');
  // Unread in feed 0: articles divisible by 15.
  await expect(first).toHaveAttribute('aria-setsize', String(PER_FEED / 3));
  await expect(first.getByRole('button')).toHaveAccessibleName(/^Article 2985:/);
  const buttons = articleList(page).getByRole('button');
  for (const button of await buttons.all()) await expect(button).toHaveAttribute('data-unread');
  await scrollToEnd(page);
  await expect(articleList(page).getByRole('button', { name: /^Article 0:/ })).toBeVisible();

  // Both choices are settings: they survive a reload and apply to every view.
  await page.reload();
  await sources(page).getByRole('button', { name: 'All articles' }).click();
  await expect(page.getByRole('button', { name: 'Oldest first' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('button', { name: 'Unread only' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // The first-run starter article, when there is one, is older than every seeded one.
  await expect(
    articleList(page)
      .getByRole('button', { name: /^Article \d+:/ })
      .first(),
  ).toHaveAccessibleName(/^Article 2997:/);

  await page.getByRole('button', { name: 'Oldest first' }).click();
  await page.getByRole('button', { name: 'Unread only' }).click();
  await expect(first.getByRole('button')).toHaveAccessibleName(/^Article 0:/);
  await expect(articleList(page).getByRole('button', { name: /^Article 1:/ })).not.toHaveAttribute(
    'data-unread',
  );
});
