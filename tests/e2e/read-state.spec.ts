import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, rss, sources, subscribe } from './support/app';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const at = (msAgo: number): string => new Date(Date.now() - msAgo).toUTCString();

const row = (page: Page, title: string) =>
  articleList(page).getByRole('button', { name: new RegExp(title) });

async function chooseReadMode(page: Page, label: string): Promise<void> {
  await sources(page).getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: 'Mark articles as read' }).selectOption({ label });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
}

async function subscribeTo(page: Page, feedsUrl: string, name: string, titles: string[]) {
  const url = await putFeed(
    feedsUrl,
    `${name}.xml`,
    rss(
      name,
      titles.map((title, n) => ({ id: `${name}-${n}`, title, date: at((n + 1) * HOUR) })),
    ),
  );
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(titles.length);
}

test('on open (the default) marks read at once, and "Mark as unread" sticks while it stays open', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeTo(page, feeds.url, 'Opened', ['Alpha story', 'Beta story']);
  await row(page, 'Alpha story').click();
  await expect(row(page, 'Alpha story')).not.toHaveAttribute('data-unread');
  await page.getByRole('button', { name: 'Mark as unread' }).click();
  await expect(row(page, 'Alpha story')).toHaveAttribute('data-unread', 'true');
  await expect(page.getByRole('button', { name: 'Mark as read' })).toBeVisible();
  // Time passes and the article updates elsewhere; nothing marks it read behind the reader's back.
  await page.waitForTimeout(1000);
  await expect(row(page, 'Alpha story')).toHaveAttribute('data-unread', 'true');
  await page.keyboard.press('m');
  await expect(row(page, 'Alpha story')).not.toHaveAttribute('data-unread');
  await expect(page.getByRole('button', { name: 'Mark as unread' })).toBeVisible();
});

test('after 3 seconds: read only when it stayed open that long, not when the reader moved on', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await chooseReadMode(page, 'After 3 seconds open');
  await subscribeTo(page, feeds.url, 'Delayed', ['Quick glance', 'Long read']);
  await row(page, 'Quick glance').click();
  await page.waitForTimeout(1500);
  await expect(row(page, 'Quick glance')).toHaveAttribute('data-unread', 'true');
  await row(page, 'Long read').click();
  const opened = Date.now();
  await expect(row(page, 'Long read')).not.toHaveAttribute('data-unread', { timeout: 6000 });
  expect(Date.now() - opened).toBeGreaterThanOrEqual(2500);
  // Moving on after 1.5 s cancelled the first one's timer for good.
  await page.waitForTimeout(500);
  await expect(row(page, 'Quick glance')).toHaveAttribute('data-unread', 'true');

  // The setting is kept.
  await page.reload();
  await sources(page).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('combobox', { name: 'Mark articles as read' })).toHaveValue('delay');
});

test('manually: opening never marks read; m and the button do', async ({ page, host, feeds }) => {
  await openApp(page, host.url);
  await chooseReadMode(page, 'Only when I mark them (m)');
  await subscribeTo(page, feeds.url, 'Manual', ['Keep me unread']);
  await row(page, 'Keep me unread').click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    'Keep me unread',
  );
  await page.waitForTimeout(3500);
  await expect(row(page, 'Keep me unread')).toHaveAttribute('data-unread', 'true');
  await page.keyboard.press('m');
  await expect(row(page, 'Keep me unread')).not.toHaveAttribute('data-unread');
  await page.getByRole('button', { name: 'Mark as unread' }).click();
  await expect(row(page, 'Keep me unread')).toHaveAttribute('data-unread', 'true');
});

test('"Mark all as read" marks what is older than a week, then a day, then everything in the view', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  const dated = (name: string) =>
    rss(name, [
      { id: `${name}-hour`, title: `${name} an hour old`, date: at(HOUR) },
      { id: `${name}-3d`, title: `${name} three days old`, date: at(3 * DAY) },
      { id: `${name}-10d`, title: `${name} ten days old`, date: at(10 * DAY) },
      { id: `${name}-40d`, title: `${name} forty days old`, date: at(40 * DAY) },
    ]);
  await subscribe(page, await putFeed(feeds.url, 'other.xml', dated('Other')));
  await subscribe(page, await putFeed(feeds.url, 'dated.xml', dated('Dated')));
  await expect(articleList(page).getByRole('listitem')).toHaveCount(4);
  const unread = async () =>
    (await articleList(page).locator('[data-unread]').allTextContents()).map((t) =>
      t.replace(/Dated |Other /g, '').replace(/ old.*$/, ''),
    );
  const menu = async (choice: string) => {
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page
      .getByRole('menu', { name: 'Mark all as read' })
      .getByRole('menuitem', { name: choice })
      .click();
  };

  await menu('Older than a week');
  await expect(
    page.getByRole('status').filter({ hasText: 'Marked 2 articles as read.' }),
  ).toBeAttached();
  await expect.poll(unread).toEqual(['an hour', 'three days']);
  // The keyboard works the menu too: open with Enter, arrows, Escape closes and returns focus.
  const button = page.getByRole('button', { name: 'Mark all as read' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'All in this view' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Older than a day' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(unread).toEqual(['an hour']);

  // Only this feed: the other one is untouched.
  await sources(page)
    .getByRole('button', { name: /^Other/ })
    .click();
  await expect.poll(unread).toEqual(['an hour', 'three days', 'ten days', 'forty days']);

  // In the Unread view, "older than a week" reaches every feed; then all of it.
  await sources(page).getByRole('button', { name: 'Unread', exact: true }).click();
  await menu('Older than a week');
  await expect.poll(unread).toEqual(['an hour', 'an hour', 'three days']);
  await menu('All in this view');
  await expect(articleList(page).getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('All caught up: nothing unread.')).toBeVisible();
});

const longFeed = (titles: string[]): string => {
  const body = Array.from(
    { length: 80 },
    (_, n) =>
      `&lt;p&gt;Paragraph ${n + 1}: a long stretch of reporting that goes on, and on, so that the reader has somewhere to scroll to and something to come back to.&lt;/p&gt;`,
  ).join('');
  const items = titles
    .map(
      (title, n) => `<item><title>${title}</title><guid isPermaLink="false">long-${n}</guid>
        <pubDate>${at((n + 1) * HOUR)}</pubDate><description>${body}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Long reads</title>
    <link>http://example.invalid/</link><description>d</description>${items}</channel></rss>`;
};

test('each article reopens where the reader left it, also after a reload; a finished one at the top', async ({
  page,
  host,
  feeds,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page, host.url);
  await subscribe(page, await putFeed(feeds.url, 'long.xml', longFeed(['Essay one', 'Essay two'])));
  const scroller = page.getByRole('region', { name: 'Reader' });
  const heading = page.getByRole('article').getByRole('heading', { level: 1 });
  const scrollTop = () => scroller.evaluate((el) => el.scrollTop);
  const scrollRange = () => scroller.evaluate((el) => el.scrollHeight - el.clientHeight);

  await row(page, 'Essay one').click();
  await expect(heading).toHaveText('Essay one');
  await scroller.hover();
  await page.mouse.wheel(0, 2400);
  await expect.poll(scrollTop).toBeGreaterThan(2000);
  const left = await scrollTop();
  // The position is written once scrolling settles.
  await page.waitForTimeout(600);

  // Another article opens at its top, not at the last one's offset.
  await row(page, 'Essay two').click();
  await expect(heading).toHaveText('Essay two');
  await expect.poll(scrollTop).toBe(0);

  await row(page, 'Essay one').click();
  await expect(heading).toHaveText('Essay one');
  await expect.poll(scrollTop).toBeGreaterThan(left - 40);
  expect(await scrollTop()).toBeLessThan(left + 40);

  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await sources(page)
    .getByRole('button', { name: /^Long reads/ })
    .click();
  await row(page, 'Essay one').click();
  await expect(heading).toHaveText('Essay one');
  await expect.poll(scrollTop).toBeGreaterThan(left - 40);
  expect(await scrollTop()).toBeLessThan(left + 40);

  // Read to the end: next time it starts again from the top.
  await scroller.hover();
  await page.mouse.wheel(0, (await scrollRange()) + 1000);
  await expect.poll(async () => (await scrollRange()) - (await scrollTop())).toBeLessThan(2);
  await page.waitForTimeout(600);
  await row(page, 'Essay two').click();
  await expect(heading).toHaveText('Essay two');
  await row(page, 'Essay one').click();
  await expect(heading).toHaveText('Essay one');
  await page.waitForTimeout(300);
  expect(await scrollTop()).toBe(0);
});
