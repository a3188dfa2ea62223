import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';
import { storedSetting } from './support/seed-library';

const width = async (page: Page, selector: string): Promise<number> =>
  Math.round((await page.locator(selector).boundingBox())!.width);

test('panes resize by keyboard and by dragging, keep their widths after a reload, and reset on double-click', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1360, height: 860 });
  await openApp(page, host.url);
  const sidebar = page.getByRole('separator', { name: 'Resize sources' });
  const list = page.getByRole('separator', { name: 'Resize article list' });
  await expect(sidebar).toHaveAttribute('aria-orientation', 'vertical');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '240');
  await expect(sidebar).toHaveAttribute('aria-valuemin', '180');
  await expect(sidebar).toHaveAttribute('aria-valuemax', '420');
  await expect(list).toHaveAttribute('aria-valuenow', '360');

  // Keyboard: Tab reaches it; arrows step, Shift steps further, Home goes to the minimum.
  await sidebar.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '256');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '320');
  expect(await width(page, '.pane-sources')).toBe(320);
  await page.keyboard.press('Home');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '180');
  await page.keyboard.press('ArrowLeft');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '180');
  await page.keyboard.press('ArrowRight');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '196');

  // Pointer: drag the list's splitter 120 px to the right.
  const box = (await list.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, y, { steps: 4 });
  await page.mouse.move(box.x + 120, y, { steps: 4 });
  await page.mouse.up();
  await expect(list).toHaveAttribute('aria-valuenow', '480');
  expect(await width(page, '.pane-articles')).toBe(480);
  // A drag past the limit stops at it.
  await page.mouse.move(box.x + 120, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 900, y, { steps: 4 });
  await page.mouse.up();
  await expect(list).toHaveAttribute('aria-valuenow', '640');
  await page.keyboard.press('Tab');
  await list.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(list).toHaveAttribute('aria-valuenow', '576');

  await expect.poll(() => storedSetting(page, 'paneWidths')).toEqual({ sidebar: 196, list: 576 });
  await page.reload();
  await expect(sidebar).toHaveAttribute('aria-valuenow', '196');
  await expect(list).toHaveAttribute('aria-valuenow', '576');
  expect(await width(page, '.pane-sources')).toBe(196);
  expect(await width(page, '.pane-articles')).toBe(576);

  await list.dblclick();
  await expect(list).toHaveAttribute('aria-valuenow', '360');
  await expect.poll(() => storedSetting(page, 'paneWidths')).toEqual({ sidebar: 196, list: 360 });
  await page.reload();
  await expect(list).toHaveAttribute('aria-valuenow', '360');
  await expect(sidebar).toHaveAttribute('aria-valuenow', '196');
});

test('a smaller window keeps room for the reader: stored widths are fitted, not lost', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1360, height: 800 });
  await openApp(page, host.url);
  const list = page.getByRole('separator', { name: 'Resize article list' });
  await list.focus();
  await page.keyboard.press('End');
  await expect(list).toHaveAttribute('aria-valuenow', '640');
  await page.setViewportSize({ width: 900, height: 800 });
  // 900 - 240 (sources) - 360 (reader's minimum) leaves the list 300 px.
  await expect(list).toHaveAttribute('aria-valuenow', '300');
  await expect(list).toHaveAttribute('aria-valuemax', '300');
  expect(await width(page, '.pane-reader')).toBeGreaterThanOrEqual(358);
  await page.setViewportSize({ width: 1360, height: 800 });
  await expect(list).toHaveAttribute('aria-valuenow', '640');
});

test('a narrow window shows one pane at a time: sources → articles → reader, and back', async ({
  page,
  host,
  feeds,
}) => {
  await page.setViewportSize({ width: 600, height: 800 });
  await openApp(page, host.url);
  const feedUrl = await putFeed(
    feeds.url,
    'narrow.xml',
    rss('Narrow news', [
      { id: 'one', title: 'First narrow story', date: 'Wed, 03 Sep 2025 09:30:00 GMT' },
      { id: 'two', title: 'Second narrow story', date: 'Tue, 02 Sep 2025 09:30:00 GMT' },
    ]),
  );
  const reader = page.getByRole('article');
  // Before the first subscription the welcome comes first, then the list (the starter article),
  // then the sources. No splitters in one column.
  const welcome = page.getByRole('region', { name: 'Welcome to Broadsheet' });
  await expect(welcome).toBeVisible();
  await expect(articleList(page)).toBeHidden();
  await expect(sources(page)).toBeHidden();
  await expect(page.getByRole('separator')).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to articles' }).click();
  await expect(welcome).toBeHidden();
  await expect(articleList(page)).toBeVisible();
  await expect(sources(page)).toBeHidden();
  await page.getByRole('button', { name: 'Back to sources' }).click();
  await expect(sources(page)).toBeVisible();
  await expect(articleList(page)).toBeHidden();

  // Subscribing selects the new feed, which shows its list.
  await subscribe(page, feedUrl);
  await expect(page.getByRole('heading', { level: 2, name: 'Narrow news' })).toBeVisible();
  await expect(sources(page)).toBeHidden();
  await articleList(page)
    .getByRole('button', { name: /Second narrow story/ })
    .click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Second narrow story');
  await expect(articleList(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Back to sources' })).toBeHidden();

  // Back with the button, then with the keyboard; focus lands on what the reader came from.
  await page.getByRole('button', { name: 'Back to articles' }).click();
  await expect(articleList(page)).toBeVisible();
  await expect(reader).toBeHidden();
  await expect(
    articleList(page).getByRole('button', { name: /Second narrow story/ }),
  ).toBeFocused();
  await page.keyboard.press('k');
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('First narrow story');
  await expect(reader).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(articleList(page)).toBeVisible();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(sources(page)).toBeVisible();
  await expect(
    sources(page).getByRole('button', { name: 'Narrow news', exact: true }),
  ).toBeFocused();
  // Nothing further back: the sources stay.
  await page.keyboard.press('Escape');
  await expect(sources(page)).toBeVisible();

  // Shortcuts still move between views: g u shows the Unread list, never a blank reader.
  await page.keyboard.press('g');
  await page.keyboard.press('u');
  await expect(page.getByRole('heading', { level: 2, name: 'Unread' })).toBeVisible();
  await expect(articleList(page)).toBeVisible();
  await page.keyboard.press('j');
  await expect(reader.getByRole('heading', { level: 1 })).toBeVisible();

  // Widening the window brings every pane back, the splitters too.
  await page.setViewportSize({ width: 1200, height: 800 });
  await expect(sources(page)).toBeVisible();
  // (The Unread list is empty by now: j opened, and so read, its last article.)
  await expect(page.getByRole('heading', { level: 2, name: 'Unread' })).toBeVisible();
  await expect(reader).toBeVisible();
  await expect(page.getByRole('separator')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Back to articles' })).toHaveCount(0);
});
