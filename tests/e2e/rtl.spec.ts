import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { say } from './support/locale';
import { articleList, openApp, subscribe } from './support/app';

const ar = (id: Parameters<typeof say>[1]) => say('ar', id);
const ja = (id: Parameters<typeof say>[1]) => say('ja', id);

const ARABIC_TITLE = 'افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة';

/** Chooses the interface language before the app's first script runs, as Settings keeps it. */
async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.addInitScript(
    (choice) => localStorage.setItem('broadsheet.language', choice),
    language,
  );
}

const box = async (locator: Locator) => (await locator.boundingBox())!;
const direction = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).direction);
const textAlign = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).textAlign);

/** Screenshots for a person to look at (not compared): /tmp, never the repository. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/broadsheet-rtl/${name}.png` });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a right-to-left interface mirrors the panes, its splitters and Back, while an English article reads left to right (${colorScheme})`, async ({
    page,
    host,
    feeds,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1360, height: 860 });
    // The interface in Arabic, its controls named as the Arabic catalogue names them.
    await chooseLanguage(page, 'ar');
    await openApp(page, host.url);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('button', { name: ar('subscriptions.add.button'), exact: true }).click();
    const add = page.getByRole('dialog', { name: ar('subscriptions.add.title') });
    await add
      .getByRole('textbox', { name: ar('subscriptions.add.urlLabel') })
      .fill(`${feeds.url}/fixtures/feeds/sample-rss.xml`);
    await add.getByRole('button', { name: ar('subscriptions.add.subscribe') }).click();
    await expect(add).toBeHidden();
    const sources = (page: Page) =>
      page.getByRole('navigation', { name: ar('sources.sidebar.label') });
    const articleList = (page: Page) => page.getByRole('list', { name: ar('articles.list.label') });
    await expect(articleList(page).getByRole('listitem')).toHaveCount(3);

    // Sources on the right, then the article list, then the reader on the left.
    const sourcesBox = await box(sources(page));
    const listBox = await box(articleList(page));
    const readerBox = await box(page.getByRole('region', { name: ar('reader.pane.label') }));
    expect(sourcesBox.x).toBeGreaterThanOrEqual(listBox.x + listBox.width - 1);
    expect(listBox.x).toBeGreaterThanOrEqual(readerBox.x + readerBox.width - 1);

    // The splitter beside the sources moves the way its arrow points: ArrowLeft widens them.
    const splitter = page.getByRole('separator', { name: ar('app.panes.resizeSources') });
    await expect(splitter).toHaveAttribute('aria-valuenow', '240');
    await splitter.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(splitter).toHaveAttribute('aria-valuenow', '256');
    expect(Math.round((await box(page.locator('.pane-sources'))).width)).toBe(256);
    await page.keyboard.press('Shift+ArrowRight');
    await expect(splitter).toHaveAttribute('aria-valuenow', '192');
    // A drag follows the pointer: 60 px to the left widens the sources by 60 px.
    const grip = await box(splitter);
    const [x, y] = [grip.x + grip.width / 2, grip.y + grip.height / 2];
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x - 30, y, { steps: 4 });
    await page.mouse.move(x - 60, y, { steps: 4 });
    await page.mouse.up();
    await expect(splitter).toHaveAttribute('aria-valuenow', '252');
    expect(Math.round((await box(page.locator('.pane-sources'))).width)).toBe(252);

    // An English article keeps its own direction in the Arabic interface.
    const row = articleList(page).getByRole('button', { name: /First sample story/ });
    await expect(row.locator('.article-row-title')).toHaveAttribute('lang', 'en');
    expect(await direction(row.locator('.article-row-title'))).toBe('ltr');
    await row.click();
    const reader = page.getByRole('article');
    const heading = reader.getByRole('heading', { level: 1, name: 'First sample story' });
    await expect(heading).toBeVisible();
    expect(await direction(heading)).toBe('ltr');
    expect(await direction(reader.locator('.reader-content'))).toBe('ltr');
    expect(await textAlign(reader.locator('.reader-content p').first())).toBe('start');
    // …while the reader's own controls follow the interface.
    expect(
      await direction(reader.getByRole('button', { name: ar('reader.toolbar.bookmark') })),
    ).toBe('rtl');
    const bookmark = await box(reader.getByRole('button', { name: ar('reader.toolbar.bookmark') }));
    const markRead = await box(
      reader.getByRole('button', {
        name: new RegExp(`^(${ar('reader.toolbar.markRead')}|${ar('reader.toolbar.markUnread')})$`),
      }),
    );
    expect(markRead.x).toBeLessThan(bookmark.x);
    await shot(page, `rtl-main-${colorScheme}`);

    await page.getByRole('button', { name: ar('articles.markRead.button') }).click();
    const menu = page.getByRole('menu', { name: ar('articles.markRead.menu') });
    await expect(menu).toBeVisible();
    // The menu opens under its button and stays inside the window.
    expect((await box(menu)).x).toBeGreaterThanOrEqual(0);
    await shot(page, `rtl-menu-${colorScheme}`);
    await page.keyboard.press('Escape');

    // Find in the article: its bar along the bottom of the reader, laid out right to left.
    await page.getByRole('button', { name: ar('find.button'), exact: true }).click();
    await page.getByRole('searchbox', { name: ar('find.input') }).fill('story');
    await shot(page, `rtl-find-${colorScheme}`);
    await page.keyboard.press('Escape');

    // One pane at a time: Back points right, and Alt+ArrowRight goes back.
    await page.setViewportSize({ width: 420, height: 820 });
    await expect(heading).toBeVisible();
    const back = page.getByRole('button', { name: ar('app.back.toArticles.label') });
    await expect(back).toBeVisible();
    await shot(page, `rtl-narrow-reader-${colorScheme}`);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(back).toBeVisible();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(articleList(page)).toBeVisible();
    await expect(back).toBeHidden();
    await shot(page, `rtl-narrow-articles-${colorScheme}`);
    await page.keyboard.press('Alt+ArrowRight');
    await expect(sources(page)).toBeVisible();
    await shot(page, `rtl-narrow-sources-${colorScheme}`);
  });
}

test('a closed folder’s caret points the way the sources read', async ({ page, host, feeds }) => {
  await chooseLanguage(page, 'he');
  await openApp(page, host.url);
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
    <outline text="News"><outline type="rss" text="Sample"
      xmlUrl="${feeds.url}/fixtures/feeds/sample-rss.xml"/></outline></body></opml>`;
  await page.getByLabel(say('he', 'import.fileInput')).setInputFiles({
    name: 'mine.opml',
    mimeType: 'text/x-opml',
    buffer: Buffer.from(opml),
  });
  const report = page.getByRole('dialog', { name: say('he', 'import.title') });
  await report.getByRole('button', { name: say('he', 'import.done') }).click();
  const folder = page
    .getByRole('navigation', { name: say('he', 'sources.sidebar.label') })
    .getByRole('button', { name: 'News', exact: true });
  await expect(folder).toHaveAttribute('aria-expanded', 'true');
  // In Hebrew the caret starts the row, right of the name, and a closed one points left (◂).
  const caret = folder.locator('.folder-caret');
  const turned = () => caret.evaluate((el) => getComputedStyle(el).transform);
  expect(await turned()).toBe('none');
  await folder.click();
  await expect(folder).toHaveAttribute('aria-expanded', 'false');
  expect(await turned()).toBe('matrix(-1, 0, 0, 1, 0, 0)');
  const [caretBox, nameBox] = [await box(caret), await box(folder.locator('.source-title'))];
  expect(caretBox.x).toBeGreaterThan(nameBox.x);
  await shot(page, 'rtl-folder-closed');
});

test('an Arabic article reads right to left in an English interface', async ({
  page,
  host,
  feeds,
}) => {
  await page.setViewportSize({ width: 1360, height: 860 });
  await openApp(page, host.url);
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await subscribe(page, `${feeds.url}/fixtures/feeds/arabic-rss.xml`);
  const row = articleList(page).getByRole('button', { name: new RegExp(ARABIC_TITLE) });
  const title = row.locator('.article-row-title');
  await expect(title).toHaveAttribute('lang', 'ar');
  expect(await direction(title)).toBe('rtl');
  // Right-aligned in the English list: its last line ends short of the row's left side.
  const [gapRight, gapLeft] = await title.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = [...range.getClientRects()];
    const last = lines[lines.length - 1]!;
    const own = el.getBoundingClientRect();
    return [own.right - last.right, last.left - own.left];
  });
  expect(gapRight).toBeLessThan(1);
  expect(gapLeft).toBeGreaterThan(20);

  await row.click();
  const reader = page.getByRole('article');
  const heading = reader.getByRole('heading', { level: 1, name: ARABIC_TITLE });
  await expect(heading).toHaveAttribute('lang', 'ar');
  expect(await direction(heading)).toBe('rtl');
  const content = reader.locator('.reader-content');
  await expect(content).toHaveAttribute('lang', 'ar');
  expect(await direction(content)).toBe('rtl');
  // The reader's toolbar stays English, left to right.
  expect(await direction(reader.getByRole('button', { name: 'Bookmark' }))).toBe('ltr');
  // Arabic in an Arabic face (fonts-noto-core on Linux), chosen by the article's language.
  expect(await content.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/Naskh Arabic/);
  await shot(page, 'ltr-arabic-article');

  // A search result in Arabic reads right to left too, in its feed's language.
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('محطات');
  const result = page
    .getByRole('list', { name: 'Search results' })
    .getByRole('button', { name: /الحكومة تخطط/ });
  await expect(result.locator('.article-row-title')).toHaveAttribute('lang', 'ar');
  expect(await direction(result.locator('.article-row-title'))).toBe('rtl');
  expect(await direction(result.locator('.search-snippet'))).toBe('rtl');
  await shot(page, 'ltr-arabic-search');
});

test('the interface and an article each take their own script’s fonts, in the serif or sans chosen', async ({
  page,
  host,
  feeds,
}) => {
  await chooseLanguage(page, 'ja');
  await openApp(page, host.url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  const family = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).fontFamily);
  // The interface in Japanese faces (Noto Sans CJK JP is the one Linux has).
  expect(await family(page.getByRole('navigation', { name: ja('sources.sidebar.label') }))).toMatch(
    /^"Hiragino Sans".*"Noto Sans CJK JP"/,
  );
  // An Arabic article in the Japanese interface: its title in the list in Arabic sans…
  await page.getByRole('button', { name: ja('subscriptions.add.button'), exact: true }).click();
  const add = page.getByRole('dialog', { name: ja('subscriptions.add.title') });
  await add
    .getByRole('textbox', { name: ja('subscriptions.add.urlLabel') })
    .fill(`${feeds.url}/fixtures/feeds/arabic-rss.xml`);
  await add.getByRole('button', { name: ja('subscriptions.add.subscribe') }).click();
  await expect(add).toBeHidden();
  const title = page
    .getByRole('list', { name: ja('articles.list.label') })
    .getByRole('button', { name: new RegExp(ARABIC_TITLE) })
    .locator('.article-row-title');
  expect(await family(title)).toMatch(/^"Geeza Pro".*"Noto Sans Arabic"/);
  // …and its text in the reader in Arabic serif, then in Arabic sans once Sans serif is chosen.
  await title.click();
  const content = page.getByRole('article').locator('.reader-content');
  await expect(content).toHaveAttribute('lang', 'ar');
  expect(await family(content)).toMatch(/^"Noto Naskh Arabic"/);
  await page.getByRole('button', { name: ja('settings.appearance.button') }).click();
  const appearance = page.getByRole('dialog', { name: ja('settings.appearance.title') });
  await appearance
    .getByRole('combobox', { name: ja('settings.style.font') })
    .selectOption(ja('settings.style.fontSans'));
  await appearance.getByRole('button', { name: ja('settings.appearance.done') }).click();
  await expect.poll(() => family(content)).toMatch(/^"Geeza Pro".*"Noto Sans Arabic"/);
  // The reader's own controls stay in the interface's Japanese faces.
  expect(
    await family(
      page.getByRole('article').getByRole('button', { name: ja('reader.toolbar.bookmark') }),
    ),
  ).toMatch(/^"Hiragino Sans"/);
});
