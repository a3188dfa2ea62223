import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const GUARDIAN = '/shared/corpora/real-feeds/full/rbren__rss-parser/guardian.rss';

async function subscribeGuardian(page: Page, feedsUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Add feed' }).click();
  await page.getByRole('textbox', { name: 'Feed or site URL' }).fill(`${feedsUrl}${GUARDIAN}`);
  await page.getByRole('button', { name: 'Subscribe' }).click();
}

const shot = async (page: Page, name: string) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
};

// Screens a person looks at, saved for review in light and dark themes.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`main screen in ${colorScheme} theme`, async ({ page, host, feeds }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(host.url);
    await subscribeGuardian(page, feeds.url);
    const articles = page.getByRole('list', { name: 'Articles' });
    // The list is virtualized: only the rows in view are in the DOM, each telling its place in
    // the whole list.
    const first = articles.getByRole('listitem').first();
    await expect(first).toHaveAttribute('aria-setsize', '55');
    await expect(first).toHaveAttribute('aria-posinset', '1');
    await articles.getByRole('button').nth(1).click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
    await shot(page, `main-${colorScheme}`);
    // The splitters, focused from the keyboard, and the "Mark all as read" menu open.
    await page.getByRole('separator', { name: 'Resize article list' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('separator', { name: 'Resize article list' })).toBeFocused();
    await shot(page, `main-splitter-${colorScheme}`);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(page.getByRole('menu', { name: 'Mark all as read' })).toBeVisible();
    await shot(page, `main-menu-${colorScheme}`);
    await page.getByRole('menuitem', { name: 'Older than a week' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /^Marked \d+ articles as read\.$/ }),
    ).toBeVisible();
    await shot(page, `main-marked-${colorScheme}`);
  });

  test(`narrow window in ${colorScheme} theme: welcome, sources, articles, reader`, async ({
    page,
    host,
    feeds,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 420, height: 820 });
    await page.goto(host.url);
    await expect(page.getByRole('region', { name: 'Welcome to Broadsheet' })).toBeVisible();
    await shot(page, `narrow-welcome-${colorScheme}`);
    await page.getByRole('button', { name: 'Back to articles' }).click();
    await page.getByRole('button', { name: 'Back to sources' }).click();
    await subscribeGuardian(page, feeds.url);
    const articles = page.getByRole('list', { name: 'Articles' });
    await expect(articles.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '55');
    await shot(page, `narrow-articles-${colorScheme}`);
    await articles.getByRole('button').nth(1).click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
    await shot(page, `narrow-reader-${colorScheme}`);
    await page.getByRole('button', { name: 'Back to articles' }).click();
    await page.getByRole('button', { name: 'Back to sources' }).click();
    await expect(page.getByRole('navigation', { name: 'Sources' })).toBeVisible();
    await shot(page, `narrow-sources-${colorScheme}`);
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`search results in ${colorScheme} theme`, async ({ page, host, feeds }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(host.url);
    for (const name of ['english', 'asia']) {
      await page.getByRole('button', { name: 'Add feed' }).click();
      await page
        .getByRole('textbox', { name: 'Feed or site URL' })
        .fill(`${feeds.url}/fixtures/feeds/search/${name}.xml`);
      await page.getByRole('button', { name: 'Subscribe' }).click();
      await expect(page.getByRole('dialog', { name: 'Add a feed' })).toBeHidden();
    }
    const box = page.getByRole('searchbox', { name: 'Search articles' });
    await box.fill('harbour');
    await page.getByRole('button', { name: 'Save search' }).click();
    await page
      .getByRole('dialog', { name: 'Save this search' })
      .getByRole('button', { name: 'Save' })
      .click();
    await box.fill('lighthouse OR "prime minister" before:someday');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('listitem')).toHaveCount(4);
    await results.getByRole('button').first().click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/search-${colorScheme}.png` });
  });
}
