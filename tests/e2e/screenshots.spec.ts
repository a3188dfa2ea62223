import { mkdirSync } from 'node:fs';
import { expect, test } from './support/fixtures';

// Screens a person looks at, saved for review in light and dark themes.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`main screen in ${colorScheme} theme`, async ({ page, host, feeds }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1360, height: 860 });
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await page
      .getByRole('textbox', { name: 'Feed or site URL' })
      .fill(`${feeds.url}/shared/corpora/real-feeds/full/rbren__rss-parser/guardian.rss`);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const articles = page.getByRole('list', { name: 'Articles' });
    // The list is virtualized: only the rows in view are in the DOM, each telling its place in
    // the whole list.
    const first = articles.getByRole('listitem').first();
    await expect(first).toHaveAttribute('aria-setsize', '55');
    await expect(first).toHaveAttribute('aria-posinset', '1');
    await articles.getByRole('button').nth(1).click();
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/main-${colorScheme}.png` });
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
