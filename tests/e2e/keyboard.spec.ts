import { expect, test } from './support/fixtures';
import {
  articleList,
  openApp,
  putFeed,
  sources,
  subscribe,
  subscribeToSample,
} from './support/app';

test('read with the keyboard: j/k, b, m, g u, ?, and nothing fires while typing', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeToSample(page, feeds.url);
  const heading = page.getByRole('article').getByRole('heading', { level: 1 });

  await page.keyboard.press('j');
  await expect(heading).toHaveText('First sample story');
  await page.keyboard.press('j');
  await expect(heading).toHaveText('Second sample story');
  await page.keyboard.press('k');
  await expect(heading).toHaveText('First sample story');

  await page.keyboard.press('b');
  await expect(
    page.getByRole('button', { name: 'Bookmark', exact: true, pressed: true }),
  ).toBeVisible();
  await page.keyboard.press('m');
  await expect(
    articleList(page).getByRole('button', { name: /First sample story/ }),
  ).toHaveAttribute('data-unread', 'true');

  await page.keyboard.press('g');
  await page.keyboard.press('u');
  await expect(page.getByRole('heading', { level: 2, name: 'Unread' })).toBeVisible();
  // Two unread stories from the feed, and the unread starter article in Saved.
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Next / previous article');
  await page.keyboard.press('j');
  await help.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Add feed' }).click();
  await page.getByRole('textbox', { name: 'Feed or site URL' }).type('jjkb');
  await expect(page.getByRole('textbox', { name: 'Feed or site URL' })).toHaveValue('jjkb');
  await page.keyboard.press('Escape');
  await expect(sources(page).getByRole('button', { name: 'Unread', exact: true })).toHaveAttribute(
    'aria-current',
    'true',
  );
});

/** A feed whose first story is long enough to page through. */
function longFeed(extra: { id: string; title: string }[] = []): string {
  const long = Array.from(
    { length: 60 },
    (_, i) => `&lt;p&gt;Paragraph ${i + 1} of a long report on the harbour works.&lt;/p&gt;`,
  ).join('');
  const item = (id: string, title: string, day: number, body: string) =>
    `<item><title>${title}</title><guid isPermaLink="false">${id}</guid>
      <link>http://example.invalid/${id}</link>
      <pubDate>Wed, ${String(day).padStart(2, '0')} Sep 2025 09:30:00 GMT</pubDate>
      <description>${body}</description></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
    <title>Harbour news</title><link>http://example.invalid/</link><description>d</description>
    ${extra.map((e) => item(e.id, e.title, 20, '&lt;p&gt;Fresh.&lt;/p&gt;')).join('')}
    ${item('long', 'The long harbour report', 10, long)}
    ${item('short', 'A short note', 9, '&lt;p&gt;Short.&lt;/p&gt;')}
    ${item('last', 'The last story', 8, '&lt;p&gt;Last.&lt;/p&gt;')}
    </channel></rss>`;
}

test('Space pages then moves on, o/Enter open, v opens the original, r refreshes, Shift+A and g a/b/s', async ({
  page,
  host,
  feeds,
}) => {
  await page.setViewportSize({ width: 1280, height: 700 });
  await openApp(page, host.url);
  const url = await putFeed(feeds.url, 'keyboard-long.xml', longFeed());
  await subscribe(page, url);
  const heading = page.getByRole('article').getByRole('heading', { level: 1 });
  const items = articleList(page).getByRole('listitem');
  await expect(items).toHaveCount(3);

  // Enter opens the first article when none is selected (focus on no control: Enter on a
  // focused button presses that button); o re-opens the selected one.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('The long harbour report');
  await page.keyboard.press('o');
  await expect(heading).toHaveText('The long harbour report');

  // Space pages down through the long article before it moves on.
  const reader = page.locator('.reader-pane');
  await page.keyboard.press(' ');
  await expect.poll(() => reader.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  await expect(heading).toHaveText('The long harbour report');
  // Page down until the reader is at its end (each press waits for the scroll to land)…
  const atEnd = () =>
    reader.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 4);
  for (let i = 0; i < 30 && !(await atEnd()); i += 1) {
    const before = await reader.evaluate((el) => el.scrollTop);
    await page.keyboard.press(' ');
    await expect.poll(() => reader.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
  }
  await expect(heading).toHaveText('The long harbour report');
  // …then one more press moves on.
  await page.keyboard.press(' ');
  // …to the next unread article.
  await expect(heading).toHaveText('A short note');

  // v opens the original in a new window (the OS browser, in the desktop app).
  // (The test answers for the invented site, so no request leaves the machine.)
  await page
    .context()
    .route('http://example.invalid/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Original</title>' }),
    );
  const popup = page.context().waitForEvent('page');
  await page.keyboard.press('v');
  const original = await popup;
  await original.waitForLoadState();
  expect(original.url()).toBe('http://example.invalid/short');
  await original.close();

  // Shift+A marks everything in this view read.
  await expect(items.filter({ has: page.locator('[data-unread="true"]') })).not.toHaveCount(0);
  await page.keyboard.press('Shift+A');
  await expect(articleList(page).locator('[data-unread="true"]')).toHaveCount(0);

  // r refreshes: a story published since arrives without touching the mouse.
  await putFeed(
    feeds.url,
    'keyboard-long.xml',
    longFeed([{ id: 'fresh', title: 'A fresh story from the harbour' }]),
  );
  await page.keyboard.press('r');
  await expect(articleList(page).getByText('A fresh story from the harbour')).toBeVisible();

  // g then b / s / a jump between smart views.
  await page.keyboard.press('b');
  const current = (name: string) => sources(page).getByRole('button', { name, exact: true });
  await page.keyboard.press('g');
  await page.keyboard.press('b');
  await expect(current('Bookmarks')).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(current('Saved')).toHaveAttribute('aria-current', 'true');
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(current('All articles')).toHaveAttribute('aria-current', 'true');
});
