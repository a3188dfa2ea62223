import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';

/** Issue 18, item 4: mark as read on scroll. */

const HOUR = 3600 * 1000;
const COUNT = 40;
const title = (n: number) => `Story ${String(n).padStart(2, '0')}`;

const feedButton = (page: Page) => sources(page).getByRole('button', { name: /^Scroll Wire/ });
/** The feed's unread count as the sidebar says it ("36 unread"). */
const unreadCount = async (page: Page) =>
  parseInt((await feedButton(page).locator('.badge').getAttribute('aria-label')) ?? '', 10);
const row = (page: Page, name: string) =>
  articleList(page).getByRole('button', { name: new RegExp(`^${name}`) });

/**
 * The list's rows by where they sit against the scroller's edges: wholly on screen, or wholly
 * above its top. Rows are the list items, as the list lays them out.
 */
function rowsOnScreen(page: Page) {
  return page.evaluate(() => {
    const edge = document.querySelector('.article-list-scroller')!.getBoundingClientRect();
    const whole: string[] = [];
    const above: string[] = [];
    for (const li of document.querySelectorAll('ul[aria-label="Articles"] > li')) {
      const box = li.getBoundingClientRect();
      const name = li.querySelector('.article-row-title')?.textContent ?? '';
      if (box.top >= edge.top - 0.5 && box.bottom <= edge.bottom + 0.5) whole.push(name);
      if (box.bottom <= edge.top + 0.5) above.push(name);
    }
    return { whole, above };
  });
}

async function wheel(page: Page, dy: number): Promise<void> {
  const box = (await page.locator('.article-list-scroller').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, dy);
  // Let the scroll settle, and the batch (written 300 ms after rows leave) be written.
  await page.waitForTimeout(1200);
}

test('rows scrolled past the top become read, the count follows, and mark unread sticks', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await sources(page).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const option = settings.getByRole('checkbox', {
    name: 'Also mark articles as read when I scroll past them in the list',
  });
  await expect(option).not.toBeChecked();
  // The box follows the stored setting, so it turns once the write is done.
  await option.click();
  await expect(option).toBeChecked();
  await settings.getByRole('button', { name: 'Done' }).click();

  const url = await putFeed(
    feeds.url,
    'scroll-wire.xml',
    rss(
      'Scroll Wire',
      Array.from({ length: COUNT }, (_, n) => ({
        id: `s${n}`,
        title: title(n + 1),
        date: new Date(Date.now() - (n + 1) * HOUR).toUTCString(),
      })),
    ),
  );
  await subscribe(page, url);
  await expect(feedButton(page)).toHaveAccessibleName(`Scroll Wire ${COUNT} unread`);
  await feedButton(page).click();
  await expect(row(page, title(1))).toBeVisible();
  // The view's size comes last; the list is settled at its top by then.
  await expect(page.locator('.article-list-count')).toBeVisible();

  // Opening the view read nothing; then the reader scrolls down.
  const before = await rowsOnScreen(page);
  expect(before.above).toEqual([]);
  await wheel(page, 400);
  const after = await rowsOnScreen(page);
  const passed = before.whole.filter((name) => after.above.includes(name));
  expect(passed.length).toBeGreaterThan(1);
  for (const name of passed) await expect(row(page, name)).not.toHaveAttribute('data-unread');
  // Still on screen, or never wholly seen: unread.
  for (const name of after.whole) await expect(row(page, name)).toHaveAttribute('data-unread');
  await expect(feedButton(page)).toHaveAccessibleName(
    `Scroll Wire ${COUNT - passed.length} unread`,
  );

  // Scrolling back up reads nothing.
  await wheel(page, -2000);
  await expect(feedButton(page)).toHaveAccessibleName(
    `Scroll Wire ${COUNT - passed.length} unread`,
  );

  // The reader takes one back: mark unread. Scrolled past it again, it stays unread.
  await row(page, title(1)).click();
  await page.getByRole('button', { name: 'Mark as unread' }).click();
  await expect(row(page, title(1))).toHaveAttribute('data-unread', 'true');
  await wheel(page, 400);
  expect((await rowsOnScreen(page)).above).toContain(title(1));
  await expect(row(page, title(1))).toHaveAttribute('data-unread', 'true');

  // Off again: scrolling reads nothing.
  const unreadNow = await unreadCount(page);
  await sources(page).getByRole('button', { name: 'Settings' }).click();
  await option.click();
  await expect(option).not.toBeChecked();
  await settings.getByRole('button', { name: 'Done' }).click();
  await wheel(page, 600);
  await expect(feedButton(page)).toHaveAccessibleName(`Scroll Wire ${unreadNow} unread`);
});

test('in the Unread view, rows read by scrolling leave from above without moving the rest', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await sources(page).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const option = settings.getByRole('checkbox', {
    name: 'Also mark articles as read when I scroll past them in the list',
  });
  await option.click();
  await expect(option).toBeChecked();
  await settings.getByRole('button', { name: 'Done' }).click();
  const url = await putFeed(
    feeds.url,
    'scroll-wire.xml',
    rss(
      'Scroll Wire',
      Array.from({ length: COUNT }, (_, n) => ({
        id: `s${n}`,
        title: title(n + 1),
        date: new Date(Date.now() - (n + 1) * HOUR).toUTCString(),
      })),
    ),
  );
  await subscribe(page, url);
  await expect(feedButton(page)).toHaveAccessibleName(`Scroll Wire ${COUNT} unread`);
  await sources(page).getByRole('button', { name: 'Unread', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Unread' })).toBeVisible();
  await expect(row(page, title(1))).toBeVisible();
  // The view's size comes last; the list is settled at its top by then.
  await expect(page.locator('.article-list-count')).toBeVisible();

  const before = await rowsOnScreen(page);
  await wheel(page, 400);
  // The rows read are the first few, wholly seen before: gone from this view now.
  const unread = await unreadCount(page);
  const passed = COUNT - unread;
  expect(passed).toBeGreaterThan(1);
  expect(passed).toBeLessThanOrEqual(before.whole.length);
  for (let n = 1; n <= passed; n++) await expect(row(page, title(n))).toHaveCount(0);
  await expect(row(page, title(passed + 1))).toHaveAttribute('data-unread', 'true');
  // The rows on screen stayed where they were as the read ones left from above: the next one
  // is still (at least partly) on screen, not slid up out of sight by their height.
  const next = (await row(page, title(passed + 1)).boundingBox())!;
  const edge = (await page.locator('.article-list-scroller').boundingBox())!;
  expect(next.y + next.height).toBeGreaterThan(edge.y);
  // And nothing more is read while the reader does nothing.
  await page.waitForTimeout(1000);
  await expect(feedButton(page)).toHaveAccessibleName(`Scroll Wire ${unread} unread`);
});
