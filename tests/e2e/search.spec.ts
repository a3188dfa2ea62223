import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openApp, sources, subscribe } from './support/app';
import { seedLibrary, writeArticleBehindApp } from './support/seed-library';

const searchbox = (page: Page) => page.getByRole('searchbox', { name: 'Search articles' });
const results = (page: Page) => page.getByRole('list', { name: 'Search results' });
const resultTitles = (page: Page) => results(page).locator('.article-row-title');
const count = (page: Page) =>
  page.getByRole('region', { name: 'Search results' }).getByRole('status').first();
const readerTitle = (page: Page) => page.getByRole('article').getByRole('heading', { level: 1 });

/** Opens the app and subscribes to the named feeds of tests/fixtures/feeds/search/. */
async function openWithFeeds(page: Page, app: string, fixtures: string, ...names: string[]) {
  await openApp(page, app);
  for (const name of names) await subscribe(page, `${fixtures}/fixtures/feeds/search/${name}.xml`);
}

test('finds articles in nine languages as you type, with the words marked', async ({
  page,
  host,
  feeds,
}) => {
  await openWithFeeds(page, host.url, feeds.url, 'asia', 'europe', 'english');

  const cases: [query: string, title: string][] = [
    ['이재명', '대통령 기자회견'],
    ['石破', '首相の記者会見'],
    ['总统', '白宫讲话'],
    ['กรุงเทพ', 'ข่าวเศรษฐกิจ'],
    ['Москве', 'Заявление президента'],
    ['Αθήνα', 'Ομιλία του πρωθυπουργού'],
    ['القاهرة', 'خطة اقتصادية جديدة'],
    ['בירושלים', 'נאום ראש הממשלה'],
    // Only in the body, never in the title.
    ['zeppelin', 'Harbour council approves the budget'],
  ];
  for (const [query, title] of cases) {
    await searchbox(page).fill(query);
    await expect(resultTitles(page)).toHaveText([title]);
    await expect(count(page)).toHaveText('1 result');
    const marks = results(page).locator('.search-snippet mark');
    await expect(marks.first()).toBeVisible();
    expect((await marks.allTextContents()).join('').toLowerCase()).toContain(
      query.toLowerCase().slice(0, 2),
    );
  }
  // The whole word marked, in the snippet around it.
  await searchbox(page).fill('zeppelin');
  await expect(results(page).locator('.search-snippet mark')).toHaveText(['zeppelin']);

  // Typed key by key, nothing is lost to a late answer; the list shows the last query's result.
  await searchbox(page).fill('');
  await expect(page.getByRole('list', { name: 'Articles' })).toBeVisible();
  await searchbox(page).pressSequentially('lighthouse keeper', { delay: 15 });
  await expect(searchbox(page)).toHaveValue('lighthouse keeper');
  await expect(resultTitles(page)).toHaveText(['Lighthouse keeper retires after forty years']);

  // Escape clears the box and brings the list back.
  await searchbox(page).press('Escape');
  await expect(searchbox(page)).toHaveValue('');
  await expect(page.getByRole('list', { name: 'Articles' })).toBeVisible();
});

test('operators: a phrase, an exclusion, is:bookmarked, and a malformed query’s note', async ({
  page,
  host,
  feeds,
}) => {
  await openWithFeeds(page, host.url, feeds.url, 'english');

  // The starter article (in Saved) speaks of a prime minister too: feed: keeps to this feed.
  await searchbox(page).fill('prime minister feed:harbour');
  await expect(resultTitles(page)).toHaveCount(2);
  await expect(results(page)).toContainText('Prime minister visits the coast');
  await expect(results(page)).toContainText('Fisheries minister in prime form');
  await searchbox(page).fill('"prime minister" feed:harbour');
  await expect(resultTitles(page)).toHaveText(['Prime minister visits the coast']);

  await searchbox(page).fill('lighthouse');
  await expect(resultTitles(page)).toHaveCount(2);
  await searchbox(page).fill('lighthouse -storm');
  await expect(resultTitles(page)).toHaveText(['Lighthouse keeper retires after forty years']);
  await expect(count(page)).toHaveText('1 result');

  // Bookmark one from the results, then find it by its flag.
  await searchbox(page).fill('quotas');
  await results(page)
    .getByRole('button', { name: /Fisheries minister in prime form/ })
    .click();
  await expect(readerTitle(page)).toHaveText('Fisheries minister in prime form');
  await page.getByRole('button', { name: 'Bookmark', exact: true }).click();
  await expect(
    page.getByRole('button', { name: 'Bookmark', exact: true, pressed: true }),
  ).toBeVisible();
  await searchbox(page).fill('is:bookmarked');
  await expect(resultTitles(page)).toHaveText(['Fisheries minister in prime form']);
  await searchbox(page).fill('quotas -is:bookmarked');
  await expect(resultTitles(page)).toHaveText(['Prime minister visits the coast']);

  // Malformed input still searches, and says what it ignored.
  await searchbox(page).fill('"lighthouse keeper');
  await expect(page.getByRole('list', { name: 'About this search' })).toContainText(
    'Ignored a quote with no closing quote',
  );
  await expect(resultTitles(page)).toHaveText(['Lighthouse keeper retires after forty years']);
  await searchbox(page).fill('lighthouse before:tomorrowish');
  await expect(page.getByRole('list', { name: 'About this search' })).toContainText(
    'Ignored before:tomorrowish',
  );
  await expect(resultTitles(page)).toHaveCount(2);
});

test('sorting by date reorders; j/k and Enter walk the results', async ({ page, host, feeds }) => {
  await openWithFeeds(page, host.url, feeds.url, 'english');

  await page.keyboard.press('/');
  await expect(searchbox(page)).toBeFocused();
  await page.keyboard.type('lighthouse');
  const byRelevance = [
    'Lighthouse keeper retires after forty years',
    'Storm closes the harbour road',
  ];
  await expect(resultTitles(page)).toHaveText(byRelevance);
  const sort = page.getByRole('group', { name: 'Sort results' });
  await expect(sort.getByRole('button', { name: 'Relevance' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await sort.getByRole('button', { name: 'Date' }).click();
  await expect(sort.getByRole('button', { name: 'Date' })).toHaveAttribute('aria-pressed', 'true');
  await expect(resultTitles(page)).toHaveText([...byRelevance].reverse());
  await sort.getByRole('button', { name: 'Relevance' }).click();
  await expect(resultTitles(page)).toHaveText(byRelevance);

  // Enter in the box opens the first result; j and k move through the results.
  await searchbox(page).press('Enter');
  await expect(readerTitle(page)).toHaveText(byRelevance[0]!);
  await results(page).getByRole('button').first().focus();
  await page.keyboard.press('j');
  await expect(readerTitle(page)).toHaveText(byRelevance[1]!);
  await page.keyboard.press('k');
  await expect(readerTitle(page)).toHaveText(byRelevance[0]!);
});

test('Enter keeps what typing found: a prefix of a longer word still finds it', async ({
  page,
  host,
  feeds,
}) => {
  await openWithFeeds(page, host.url, feeds.url, 'english');

  // "quot" is no word of its own, only the beginning of "quotas".
  await searchbox(page).fill('quot');
  await expect(results(page)).toContainText('Fisheries minister in prime form');
  // The index may still be taking in the feed's articles while we type, and every article it
  // takes in changes the ranking: wait until typing's answer has held for 1.5 s, so Enter is
  // compared with a settled answer rather than one half-way through indexing.
  let typed: string[] = [];
  let heldSince = Date.now();
  await expect
    .poll(
      async () => {
        const now = await resultTitles(page).allTextContents();
        if (JSON.stringify(now) !== JSON.stringify(typed)) heldSince = Date.now();
        typed = now;
        return Date.now() - heldSince;
      },
      { intervals: [250], timeout: 20_000 },
    )
    .toBeGreaterThan(1_500);
  const typedCount = await count(page).textContent();
  await searchbox(page).press('Enter');
  await expect(readerTitle(page)).toHaveText(typed[0]!);
  // Enter once asked again with "quot" as a whole word; give such an answer time to land.
  await page.waitForTimeout(1000);
  // The same articles, in whatever order: opening the first fetches its whole text, and the
  // index taking that in may rank the two differently.
  await expect
    .poll(async () => (await resultTitles(page).allTextContents()).sort())
    .toEqual([...typed].sort());
  await expect(count(page)).toHaveText(typedCount!);
});

test('a saved search survives a reload and runs from the sidebar', async ({
  page,
  host,
  feeds,
}) => {
  await openWithFeeds(page, host.url, feeds.url, 'english');

  await searchbox(page).fill('quotas');
  await expect(resultTitles(page)).toHaveCount(2);
  await page.getByRole('button', { name: 'Save search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this search' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('quotas');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Fishing quotas');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const saved = sources(page).getByRole('list', { name: 'Saved searches' });
  await expect(saved.getByRole('button', { name: 'Fishing quotas', exact: true })).toHaveAttribute(
    'aria-current',
    'true',
  );
  // The saved search is the one current source: the feed shown before it is not.
  await expect(sources(page).locator('[aria-current="true"]')).toHaveCount(1);

  await page.reload();
  await expect(searchbox(page)).toHaveValue('');
  await saved.getByRole('button', { name: 'Fishing quotas', exact: true }).click();
  await expect(searchbox(page)).toHaveValue('quotas');
  await expect(resultTitles(page)).toHaveCount(2);

  // Choosing a source leaves the search; renaming and removing work from the sidebar.
  await sources(page).getByRole('button', { name: 'All articles' }).click();
  await expect(searchbox(page)).toHaveValue('');
  await expect(sources(page).getByRole('button', { name: 'All articles' })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await saved.getByRole('button', { name: 'Rename saved search Fishing quotas' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename saved search' });
  await rename.getByRole('textbox', { name: 'Name' }).fill('Quotas');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(saved.getByRole('button', { name: 'Quotas', exact: true })).toBeVisible();
  await saved.getByRole('button', { name: 'Remove saved search Quotas' }).click();
  await expect(saved).toHaveCount(0);
});

test('Rebuild search index in Settings shows the result, and search still works', async ({
  page,
  host,
  feeds,
}) => {
  await openWithFeeds(page, host.url, feeds.url, 'english');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.getByRole('region', { name: 'Search index' });
  await section.getByRole('button', { name: 'Rebuild search index' }).click();
  // Five feed articles and the starter article.
  await expect(section.getByRole('status').first()).toHaveText(
    'Search index rebuilt: 6 articles indexed.',
  );
  await expect(section).toContainText('6 articles indexed');
  await settings.getByRole('button', { name: 'Done' }).click();
  await searchbox(page).fill('zeppelin');
  await expect(resultTitles(page)).toHaveText(['Harbour council approves the budget']);
});

test('crash between an article write and its index update: the next start repairs it', async ({
  page,
  context,
  host,
  feeds,
}) => {
  await openWithFeeds(page, host.url, feeds.url, 'english');
  await searchbox(page).fill('zeppelin');
  await expect(resultTitles(page)).toHaveCount(1);

  // Written straight into IndexedDB, past the app's database layer: exactly what a crash
  // between the write and the index update leaves behind.
  await writeArticleBehindApp(page, {
    like: 'Prime minister visits the coast',
    guid: 'crash',
    set: {
      title: 'Airship lands behind the index',
      summary: undefined,
      contentHtml: '<p>A dirigible touched down on the quay overnight.</p>',
      offline: 'complete',
      fullText: 'done',
    },
  });
  await page.close();

  const again = await context.newPage();
  await openApp(again, host.url);
  await searchbox(again).fill('dirigible');
  await expect(resultTitles(again)).toHaveText(['Airship lands behind the index']);
});

test('a page closed right after a sync stored articles: the next start indexes them', async ({
  page,
  context,
  host,
  feeds,
}) => {
  // The search worker cannot start in this first page, so no index update can follow the
  // sync's write — as if the page died between the two.
  await context.route(/search\.worker.*\.js/, (route) => route.abort());
  await openWithFeeds(page, host.url, feeds.url, 'europe');
  await expect(page.getByRole('list', { name: 'Articles' }).getByRole('listitem')).toHaveCount(4);
  // Without a worker the search says it could not run, rather than searching forever.
  await searchbox(page).fill('Москве');
  await expect(page.getByRole('alert')).toContainText('The search could not run');
  await page.close();
  await context.unrouteAll();

  const again = await context.newPage();
  await openApp(again, host.url);
  await searchbox(again).fill('Москве');
  await expect(resultTitles(again)).toHaveText(['Заявление президента']);
  await searchbox(again).fill('בירושלים');
  await expect(resultTitles(again)).toHaveText(['נאום ראש הממשלה']);
});

test('an index catching up shows its progress, then every result, a page at a time', async ({
  page,
  host,
}) => {
  await openApp(page, host.url);
  // 3,000 articles written behind the index's back; the next start must index them all.
  await seedLibrary(page, { feeds: 3, articles: 3000, prefix: 'big' });
  await page.reload();
  await searchbox(page).fill('council');
  // Until the start-up check has caught up, the pane says so instead of showing "No results".
  await expect(
    page
      .getByRole('region', { name: 'Search results' })
      .getByRole('status')
      .filter({ hasText: /search index/ }),
  ).toBeVisible();
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/search-index-catching-up.png' });
  await expect(count(page)).toHaveText('3,000 results', { timeout: 20_000 });
  await expect(page.getByText(/search index…/)).toHaveCount(0);
  await expect(results(page).getByRole('listitem')).toHaveCount(50);
  await expect(results(page).getByRole('listitem').first()).toHaveAttribute('aria-setsize', '3000');
  await page.getByRole('button', { name: 'Show more results' }).click();
  await expect(results(page).getByRole('listitem')).toHaveCount(100);
});
