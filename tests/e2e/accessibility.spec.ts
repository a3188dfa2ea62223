import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, subscribe } from './support/app';

type Theme = 'light' | 'dark' | 'sepia';

/** Light and dark come from the system (the default choice); sepia is picked in Settings. */
async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
  if (theme !== 'sepia') return;
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption('Sepia');
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');
}

/** No serious or critical violation; everything found is listed when the check fails. */
async function checkAndShoot(page: Page, screen: string, theme: Theme): Promise<void> {
  // Let theme transitions and live queries settle before measuring contrast.
  await page.waitForTimeout(100);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${screen}-${theme}.png` });
  expect(bad, `${screen} in ${theme}`).toEqual([]);
}

for (const theme of ['light', 'dark', 'sepia'] as const) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    test('empty library with the welcome', async ({ page, host }) => {
      await openApp(page, host.url);
      await useTheme(page, theme);
      await expect(page.getByRole('region', { name: 'Welcome to Broadsheet' })).toBeVisible();
      await checkAndShoot(page, 'welcome', theme);
    });

    test('a feed with an open article', async ({ page, host, feeds }) => {
      await openApp(page, host.url);
      await useTheme(page, theme);
      await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
      await articleList(page)
        .getByRole('button', { name: /First sample story/ })
        .click();
      await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
      await checkAndShoot(page, 'reading', theme);
    });

    test('a narrow window, the list with its menu open, then the reader', async ({
      page,
      host,
      feeds,
    }) => {
      await page.setViewportSize({ width: 480, height: 800 });
      await openApp(page, host.url);
      await expect(page.getByRole('region', { name: 'Welcome to Broadsheet' })).toBeVisible();
      await page.getByRole('button', { name: 'Back to articles' }).click();
      await page.getByRole('button', { name: 'Back to sources' }).click();
      await useTheme(page, theme);
      await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await expect(page.getByRole('menu', { name: 'Mark all as read' })).toBeVisible();
      await checkAndShoot(page, 'narrow-list', theme);
      await page.keyboard.press('Escape');
      await articleList(page)
        .getByRole('button', { name: /First sample story/ })
        .click();
      await expect(page.getByRole('button', { name: 'Back to articles' })).toBeVisible();
      await checkAndShoot(page, 'narrow-reading', theme);
    });

    test('the Settings dialog', async ({ page, host }) => {
      await openApp(page, host.url);
      await useTheme(page, theme);
      await page.getByRole('button', { name: 'Settings' }).click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await expect(settings.getByRole('table')).toBeVisible();
      await checkAndShoot(page, 'settings', theme);
    });

    test('search results with highlighted snippets', async ({ page, host, feeds }) => {
      await openApp(page, host.url);
      await useTheme(page, theme);
      await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
      await page.getByRole('searchbox', { name: 'Search articles' }).fill('sample');
      const results = page.getByRole('list', { name: 'Search results' });
      await expect(results.getByRole('listitem').first()).toBeVisible();
      await expect(results.locator('mark').first()).toBeVisible();
      await checkAndShoot(page, 'search-results', theme);
    });

    test('the Add feed dialog', async ({ page, host }) => {
      await openApp(page, host.url);
      await useTheme(page, theme);
      await page.getByRole('button', { name: 'Add feed' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a feed' });
      await dialog.getByRole('textbox', { name: 'Feed or site URL' }).fill('not a url');
      await checkAndShoot(page, 'add-feed', theme);
    });
  });
}
