import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList } from './support/app';
import { seedLibrary } from './support/seed-library';

// Large enough that a restore takes seconds (every article is read, judged and copied), so its
// progress bar is there to be seen; small enough for CI.
const ARTICLES = 3000;
const LATER = 40;

/** "3,001 articles": the All articles view's count, as a number. */
async function listCount(page: Page): Promise<number> {
  const text = await page.locator('.article-list-count').first().innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

test('a large backup and its restore show their progress, and the restored articles come back', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await expect(page.locator('.article-list-count, .list-pane .empty').first()).toBeVisible();
  await seedLibrary(page, { feeds: 3, articles: ARTICLES, prefix: 'big' });
  await page.reload();
  await expect(articleList(page).getByRole('listitem').first()).toBeVisible();
  await expect(page.locator('.article-list-count')).toBeVisible();
  const backedUp = await listCount(page);
  expect(backedUp).toBeGreaterThanOrEqual(ARTICLES);

  // Every progress bar the dialog shows, with its name and counts, as it shows them: a backup
  // of this size may finish between two looks.
  await page.evaluate(() => {
    const seen: { name: string; now: string; max: string }[] = [];
    (window as unknown as { seenBars: typeof seen }).seenBars = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        seen.push({
          name: bar.getAttribute('aria-label') ?? '',
          now: bar.getAttribute('aria-valuenow') ?? '',
          max: bar.getAttribute('aria-valuemax') ?? '',
        });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const downloading = page.waitForEvent('download');
  await settings.getByRole('button', { name: 'Back up library' }).click();
  const download = await downloading;
  const backupPath = test.info().outputPath('backup.json');
  await download.saveAs(backupPath);
  await expect(settings.getByText('Backup saved.')).toBeVisible();
  const backUpBars = await page.evaluate(
    () =>
      (window as unknown as { seenBars: { name: string; now: string; max: string }[] }).seenBars,
  );
  expect(
    backUpBars.some((bar) => bar.name === 'Back-up progress' && Number(bar.max) >= ARTICLES),
  ).toBe(true);
  await settings.getByRole('button', { name: 'Done' }).click();

  // The library changes after the backup: more articles arrive.
  await seedLibrary(page, { feeds: 1, articles: LATER, prefix: 'later' });
  await page.reload();
  await expect(page.locator('.article-list-count')).toBeVisible();
  expect(await listCount(page)).toBe(backedUp + LATER);

  await page.getByRole('button', { name: 'Settings' }).click();
  await settings.getByLabel('Backup file to restore').setInputFiles(backupPath);
  await settings
    .getByRole('group', { name: /Replace your whole library/ })
    .getByRole('button', { name: 'Replace library' })
    .click();
  const bar = settings.getByRole('progressbar', { name: 'Restore progress' });
  await expect(bar).toBeVisible();
  // Counted in rows of the file: at least every article.
  await expect
    .poll(async () => Number(await bar.getAttribute('aria-valuemax')))
    .toBeGreaterThanOrEqual(ARTICLES);
  await expect(bar).toHaveAttribute(
    'aria-valuetext',
    /^(Reading the backup|Replacing the library)… /,
  );
  await expect(settings.getByRole('status').filter({ hasText: 'Restored' })).toContainText(
    `${backedUp.toLocaleString('en-US')} articles`,
    { timeout: 120_000 },
  );
  await expect(bar).toBeHidden();
  await settings.getByRole('button', { name: 'Done' }).click();

  // The articles of the backup are back, those that came after it gone; and after a reload.
  await expect.poll(() => listCount(page), { timeout: 20_000 }).toBe(backedUp);
  await page.reload();
  await expect(page.locator('.article-list-count')).toBeVisible();
  expect(await listCount(page)).toBe(backedUp);
  await expect(articleList(page).getByRole('listitem').first()).toBeVisible();
});
