import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, subscribe } from './support/app';

const filler = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `&lt;p&gt;Paragraph ${i + 1} is about the tides and the ferry timetable.&lt;/p&gt;`,
  ).join('');

/** One long article: "Élysée" written four ways, and "lighthouse" only near the end. */
const BODY =
  '&lt;p&gt;The &lt;b&gt;Élysée&lt;/b&gt; Palace spoke first.&lt;/p&gt;' +
  filler(30) +
  '&lt;p&gt;Later the elysee said more; ELYSÉE staff agreed.&lt;/p&gt;' +
  filler(30) +
  '&lt;p&gt;An Elysee aide and the old lighthouse keeper met at dawn.&lt;/p&gt;' +
  filler(5);

async function openLongArticle(page: Page, host: string, feeds: string) {
  await openApp(page, host);
  const url = await putFeed(
    feeds,
    'find.xml',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>The Coast</title>
    <link>http://example.invalid/</link><description>d</description>
    <item><title>Harbour news of the week</title><guid isPermaLink="false">long-1</guid>
    <link>http://example.invalid/long-1</link><pubDate>Wed, 03 Sep 2025 09:30:00 GMT</pubDate>
    <description>${BODY}</description></item></channel></rss>`,
  );
  await subscribe(page, url);
}

/** The passages the CSS Custom Highlight API marks under `name`. */
const highlighted = (page: Page, name: string) =>
  page.evaluate((key) => [...(CSS.highlights.get(key) ?? [])].map(String), name);

/** Whether the current match is inside the reader pane's visible box. */
const currentInView = (page: Page) =>
  page.evaluate(() => {
    const range = [...CSS.highlights.get('find-current')!][0] as Range;
    const rect = range.getBoundingClientRect();
    const box = document.querySelector('.reader-pane')!.getBoundingClientRect();
    return rect.top >= box.top && rect.bottom <= box.bottom;
  });

test('Ctrl+F finds in the article: count, next and previous, folded like search, Escape closes', async ({
  page,
  host,
  feeds,
}) => {
  await openLongArticle(page, host.url, feeds.url);
  await articleList(page)
    .getByRole('button', { name: /Harbour news of the week/ })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    'Harbour news of the week',
  );

  await page.keyboard.press('Control+f');
  const bar = page.getByRole('search', { name: 'Find in article' });
  const box = bar.getByRole('searchbox', { name: 'Find in article' });
  const status = bar.getByRole('status');
  await expect(box).toBeFocused();
  await expect(page.getByRole('button', { name: 'Find', exact: true })).toHaveAttribute(
    'aria-expanded',
    'true',
  );

  await box.fill('elysee');
  await expect(status).toHaveText('1 of 4');
  expect(await highlighted(page, 'find-match')).toEqual(['Élysée', 'elysee', 'ELYSÉE', 'Elysee']);
  expect(await highlighted(page, 'find-current')).toEqual(['Élysée']);
  // Marked without touching the article's DOM.
  await expect(page.locator('.reader-content mark')).toHaveCount(0);

  await box.press('Enter');
  await expect(status).toHaveText('2 of 4');
  expect(await highlighted(page, 'find-current')).toEqual(['elysee']);
  expect(await currentInView(page)).toBe(true);
  await box.press('Shift+Enter');
  await expect(status).toHaveText('1 of 4');
  await bar.getByRole('button', { name: 'Previous' }).click();
  await expect(status).toHaveText('4 of 4');
  expect(await highlighted(page, 'find-current')).toEqual(['Elysee']);
  expect(await currentInView(page)).toBe(true);
  await bar.getByRole('button', { name: 'Next' }).click();
  await expect(status).toHaveText('1 of 4');

  // A phrase across an element boundary; then nothing found.
  await box.fill('élysée palace');
  await expect(status).toHaveText('1 of 1');
  expect(await highlighted(page, 'find-current')).toEqual(['Élysée Palace']);
  await box.fill('zeppelin');
  await expect(status).toHaveText('No matches');
  await expect(bar.getByRole('button', { name: 'Next' })).toBeDisabled();

  // Escape closes the bar, takes the marks away and returns to the Find button.
  await box.press('Escape');
  await expect(bar).toHaveCount(0);
  expect(await highlighted(page, 'find-match')).toEqual([]);
  await expect(page.getByRole('button', { name: 'Find', exact: true })).toBeFocused();
  // The reader's pane stays (Escape did not go "back").
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();

  // The toolbar button opens it again, with the last query.
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('zeppelin');
});

test('opening a search result shows the first match of the query in the article', async ({
  page,
  host,
  feeds,
}) => {
  await openLongArticle(page, host.url, feeds.url);
  // Read before, and left a third of the way down: the search match wins over that place.
  await articleList(page)
    .getByRole('button', { name: /Harbour news of the week/ })
    .click();
  const pane = page.locator('.reader-pane');
  await expect(pane.getByRole('heading', { level: 1 })).toBeVisible();
  await pane.evaluate((el) => (el.scrollTop = (el.scrollHeight - el.clientHeight) / 3));
  await page.waitForTimeout(600);
  await page.getByRole('button', { name: 'Saved' }).click();

  await page.getByRole('searchbox', { name: 'Search articles' }).fill('lighthouse');
  const results = page.getByRole('list', { name: 'Search results' });
  await results.getByRole('button', { name: /Harbour news of the week/ }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    'Harbour news of the week',
  );
  await expect.poll(() => highlighted(page, 'find-current')).toEqual(['lighthouse']);
  await expect.poll(() => currentInView(page)).toBe(true);
});
