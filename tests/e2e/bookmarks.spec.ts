import { readFileSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, subscribe, subscribeToSample } from './support/app';

const FIRST = 'First sample story';
const SECOND = 'Second sample story';
const THIRD = 'Third sample story & an ampersand';

const reader = (page: Page) => page.getByRole('article');
const bookmarkButton = (page: Page) =>
  reader(page).getByRole('button', { name: 'Bookmark', exact: true });
const tagField = (page: Page) => reader(page).getByRole('combobox', { name: 'Add tag' });
const chips = (page: Page) => reader(page).getByRole('list', { name: 'Article tags' });
const tagsGroup = (page: Page) => sources(page).getByRole('list', { name: 'Tags' });

async function open(page: Page, title: string): Promise<void> {
  await articleList(page)
    .getByRole('button', { name: new RegExp(title) })
    .click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title);
}

async function addTag(page: Page, tag: string): Promise<void> {
  await tagField(page).fill(tag);
  await tagField(page).press('Enter');
  await expect(
    chips(page).getByText(tag.trim().replace(/\s+/g, ' '), { exact: true }),
  ).toBeVisible();
}

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A tag in the sidebar, named by its name and count ("reading 2 articles"). */
const tagButton = (page: Page, tag: string) =>
  tagsGroup(page).getByRole('button', { name: new RegExp(`^${escape(tag)} \\d+ articles?$`) });

/** The list shows exactly these articles, in this order (waiting for the view to settle). */
async function expectTitles(page: Page, titles: string[]): Promise<void> {
  await expect(articleList(page).getByRole('listitem')).toHaveText(
    titles.map((title) => new RegExp(`^${escape(title)}`)),
  );
}

test('tags with autocomplete, a note, tag views, rename, remove, and Bookmarks order', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeToSample(page, feeds.url);

  // Bookmark, tag (normalized) and note the second story.
  await open(page, SECOND);
  await bookmarkButton(page).click();
  await expect(bookmarkButton(page)).toHaveAttribute('aria-pressed', 'true');
  await addTag(page, '  Climate   policy ');
  await addTag(page, 'reading');
  const note = reader(page).getByRole('textbox', { name: 'Note' });
  await note.fill('Check the figures against the report.');
  await expect(reader(page).getByText('Saved', { exact: true })).toBeVisible();

  // Tagging the first story from a suggestion bookmarks it.
  await open(page, FIRST);
  await expect(bookmarkButton(page)).toHaveAttribute('aria-pressed', 'false');
  await expect(reader(page).getByRole('textbox', { name: 'Note' })).toHaveCount(0);
  await tagField(page).fill('cl');
  const suggestions = reader(page).getByRole('listbox', { name: 'Tag suggestions' });
  await expect(suggestions.getByRole('option')).toHaveText(['Climate policy']);
  await expect(tagField(page)).toHaveAttribute('aria-expanded', 'true');
  await tagField(page).press('ArrowDown');
  await expect(suggestions.getByRole('option', { name: 'Climate policy' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await tagField(page).press('Enter');
  await expect(chips(page).getByRole('listitem')).toHaveText([/Climate policy/]);
  await expect(tagField(page)).toHaveValue('');
  await expect(bookmarkButton(page)).toHaveAttribute('aria-pressed', 'true');
  // The same tag in another case is not added twice.
  await tagField(page).fill('CLIMATE POLICY');
  await tagField(page).press('Escape');
  await tagField(page).press('Enter');
  await expect(chips(page).getByRole('listitem')).toHaveCount(1);

  // The third is bookmarked last, so Bookmarks lists it first, whatever the publication dates.
  await open(page, THIRD);
  await bookmarkButton(page).click();
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
  await expectTitles(page, [THIRD, FIRST, SECOND]);

  // The sidebar's Tags group, by name with counts; choosing a tag lists its articles.
  await expect(tagsGroup(page).getByRole('listitem')).toHaveText([
    /Climate policy\s*2/,
    /reading\s*1/,
  ]);
  await tagButton(page, 'Climate policy').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Tag: Climate policy' })).toBeVisible();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
  await expectTitles(page, [FIRST, SECOND]);

  // Renaming into a tag that exists (typed in another case) merges the two.
  await tagsGroup(page).getByRole('button', { name: 'Rename tag Climate policy' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename tag “Climate policy”' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('READING');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(dialog).toBeHidden();
  await expect(tagsGroup(page).getByRole('listitem')).toHaveCount(1);
  await expect(tagButton(page, 'reading')).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('heading', { level: 2, name: 'Tag: reading' })).toBeVisible();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);

  // Removing the tag from one article takes it out of the tag's view; it stays bookmarked.
  await open(page, SECOND);
  await expect(chips(page).getByRole('listitem')).toHaveText([/reading/]);
  await reader(page).getByRole('button', { name: 'Remove tag reading' }).click();
  await expect(chips(page)).toHaveCount(0);
  await expect(tagField(page)).toBeFocused();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(1);
  await expect(bookmarkButton(page)).toHaveAttribute('aria-pressed', 'true');

  // The note survives a reload; removing the bookmark takes the note along, with an undo.
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await open(page, SECOND);
  await expect(reader(page).getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Check the figures against the report.',
  );
  await bookmarkButton(page).click();
  await expect(reader(page).getByRole('textbox', { name: 'Note' })).toHaveCount(0);
  await expect(
    reader(page).getByRole('status').filter({ hasText: 'Bookmark removed' }),
  ).toContainText('with its note');
  await reader(page).getByRole('button', { name: 'Undo' }).click();
  await expect(bookmarkButton(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(reader(page).getByRole('textbox', { name: 'Note' })).toHaveValue(
    'Check the figures against the report.',
  );

  // Deleting a tag removes it everywhere; the articles stay bookmarked.
  await tagsGroup(page).getByRole('button', { name: 'Rename tag reading' }).click();
  const renameReading = page.getByRole('dialog', { name: 'Rename tag “reading”' });
  await renameReading.getByRole('button', { name: 'Delete tag…' }).click();
  await renameReading.getByRole('button', { name: 'Delete tag', exact: true }).click();
  await expect(renameReading).toBeHidden();
  await expect(tagsGroup(page)).toHaveCount(0);
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
});

test('exports HTML, JSON and Markdown, and imports the JSON into a fresh library', async ({
  page,
  host,
  feeds,
  browser,
}) => {
  await openApp(page, host.url);
  await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
  await open(page, FIRST);
  await addTag(page, 'Q&A "live"');
  await reader(page).getByRole('textbox', { name: 'Note' }).fill('<b>not bold</b> & more');
  await reader(page).getByRole('textbox', { name: 'Note' }).blur();
  await expect(reader(page).getByText('Saved', { exact: true })).toBeVisible();
  await open(page, THIRD);
  await bookmarkButton(page).click();
  await expect(bookmarkButton(page)).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const save = async (label: string): Promise<{ name: string; text: string }> => {
    const downloading = page.waitForEvent('download');
    await settings.getByRole('button', { name: label }).click();
    const download = await downloading;
    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };

  const html = await save('Export bookmarks as HTML');
  expect(html.name).toMatch(/^broadsheet-bookmarks-\d{4}-\d{2}-\d{2}\.html$/);
  await expect(settings.getByRole('status').filter({ hasText: 'Exported' })).toHaveText(
    'Exported 2 bookmarks as HTML.',
  );
  const lines = html.text.split('\n');
  expect(lines[0]).toBe('<!DOCTYPE NETSCAPE-Bookmark-file-1>');
  const links = lines.filter((line) => line.trim().startsWith('<DT><A '));
  expect(links).toHaveLength(2);
  expect(links[0]).toMatch(
    /^\s*<DT><A HREF="http:\/\/example\.invalid\/news\/third-sample-story" ADD_DATE="\d+" LAST_MODIFIED="\d+">Third sample story &amp; an ampersand<\/A>$/,
  );
  expect(links[1]).toContain('TAGS="Q&amp;A &quot;live&quot;">First sample story</A>');
  expect(html.text).toContain('<DD>&lt;b&gt;not bold&lt;/b&gt; &amp; more');

  const json = await save('Export bookmarks as JSON');
  expect(json.name).toMatch(/\.json$/);
  const file = JSON.parse(json.text) as {
    format: string;
    version: number;
    bookmarks: { title: string; url: string; tags: string[]; note: string; source: string }[];
  };
  expect(file.format).toBe('broadsheet-bookmarks');
  expect(file.version).toBe(2);
  expect(file.bookmarks.map((b) => [b.title, b.tags, b.note, b.source])).toEqual([
    [THIRD, [], '', 'Sample RSS Feed'],
    [FIRST, ['Q&A "live"'], '<b>not bold</b> & more', 'Sample RSS Feed'],
  ]);

  const markdown = await save('Export bookmarks as Markdown');
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.text).toContain(
    '- [First sample story](http://example.invalid/news/first-sample-story) — Sample RSS Feed · 2025-09-03',
  );
  expect(markdown.text).toContain('  Tags: Q&amp;A "live"');
  expect(markdown.text).toContain('  > &lt;b>not bold&lt;/b> & more');

  // Into a fresh library (a new browser context has its own IndexedDB).
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await openApp(fresh, host.url);
  await fresh.getByRole('button', { name: 'Settings' }).click();
  const freshSettings = fresh.getByRole('dialog', { name: 'Settings' });
  const importInput = freshSettings.getByLabel('Bookmarks file to import');
  const status = freshSettings.getByRole('status').filter({ hasText: /import/i });

  // A bad file first: a clear reason, and nothing changes.
  await importInput.setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ formatName: 'dexie', data: {} })),
  });
  await expect(status).toHaveText(
    'Could not import “backup.json”: This is not a Broadsheet bookmarks file (it should say "format": "broadsheet-bookmarks").',
  );
  await importInput.setInputFiles({
    name: json.name,
    mimeType: 'application/json',
    buffer: Buffer.from(json.text),
  });
  await expect(status).toHaveText('Imported 2 bookmarks (2 new).');
  await freshSettings.getByRole('button', { name: 'Done' }).click();
  await sources(fresh).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(fresh).getByRole('listitem')).toHaveCount(2);
  await expectTitles(fresh, [THIRD, FIRST]);
  await expect(tagButton(fresh, 'Q&A "live"')).toBeVisible();
  await open(fresh, FIRST);
  await expect(reader(fresh).getByRole('textbox', { name: 'Note' })).toHaveValue(
    '<b>not bold</b> & more',
  );
  await expect(bookmarkButton(fresh)).toHaveAttribute('aria-pressed', 'true');
  await context.close();
});

test('an import skips the bookmarks it cannot read, names them, and takes the rest', async ({
  page,
  host,
  feeds,
}) => {
  const bookmark = (url: string | null, title: string) => ({
    url,
    title,
    bookmarkedAt: '2026-11-20T10:00:00.000Z',
  });
  const file = {
    format: 'broadsheet-bookmarks',
    version: 1,
    bookmarks: [
      bookmark(`${feeds.url}/no-such-page`, 'A page worth keeping'),
      bookmark('javascript:alert(document.domain)', 'Click me'),
      bookmark(`data:text/html,<script>alert(1)</script>`, 'Data page'),
      { title: 'No date', url: null },
    ],
  };
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Bookmarks file to import').setInputFiles({
    name: 'bookmarks.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(settings.getByRole('status').filter({ hasText: /import/i })).toHaveText(
    'Imported 1 bookmark (1 new). Skipped 3 that could not be read: bookmark 2 has a javascript: URL; bookmark 3 has a data: URL; bookmark 4 has no “bookmarkedAt”.',
  );
  await settings.getByRole('button', { name: 'Done' }).click();
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expectTitles(page, ['A page worth keeping']);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`bookmarks screens in ${colorScheme} theme`, async ({ page, host, feeds }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1360, height: 860 });
    await openApp(page, host.url);
    await subscribe(page, `${feeds.url}/fixtures/feeds/sample-rss.xml`);
    await open(page, SECOND);
    await addTag(page, 'climate');
    await addTag(page, 'to follow up');
    await reader(page)
      .getByRole('textbox', { name: 'Note' })
      .fill('Compare with the September figures.\nAsk the desk about the second source.');
    await open(page, FIRST);
    await addTag(page, 'economy');
    await tagButton(page, 'climate').click();
    await open(page, SECOND);
    await tagField(page).fill('c');
    await expect(reader(page).getByRole('listbox', { name: 'Tag suggestions' })).toBeVisible();
    mkdirSync('test-results/screenshots', { recursive: true });
    const shoot = async (screen: string) => {
      // Let live queries and transitions settle before measuring contrast.
      await page.waitForTimeout(100);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await page.screenshot({ path: `test-results/screenshots/${screen}-${colorScheme}.png` });
      expect(bad, screen).toEqual([]);
    };
    await shoot('bookmarks');

    await tagButton(page, 'economy').hover();
    await page.getByRole('button', { name: 'Rename tag economy' }).click();
    await expect(page.getByRole('dialog', { name: 'Rename tag “economy”' })).toBeVisible();
    await page.getByRole('button', { name: 'Delete tag…' }).click();
    await shoot('bookmarks-tag-dialog');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await bookmarkButton(page).click();
    await expect(reader(page).getByRole('button', { name: 'Undo' })).toBeVisible();
    await shoot('bookmarks-undo');

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('button', { name: 'Export bookmarks as JSON' }).click();
    await expect(settings.getByText('Exported 1 bookmark as JSON.')).toBeVisible();
    await settings.getByRole('heading', { name: 'Bookmarks' }).scrollIntoViewIfNeeded();
    await shoot('bookmarks-settings');
  });
}
