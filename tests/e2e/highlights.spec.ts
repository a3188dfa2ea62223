import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, subscribeToSample } from './support/app';

const SECOND = 'Second sample story';
const FIRST = 'First sample story';

const reader = (page: Page) => page.getByRole('article');
const highlightButton = (page: Page) =>
  reader(page).getByRole('button', { name: 'Highlight', exact: true });
const marks = (page: Page) => reader(page).locator('mark.highlight-mark');

async function open(page: Page, title: string): Promise<void> {
  await articleList(page)
    .getByRole('button', { name: new RegExp(title) })
    .click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title);
}

/** Selects, as a reader dragging the mouse would, from `from` to the end of `to` in the text. */
async function select(page: Page, from: string, to: string): Promise<void> {
  await page.evaluate(
    ([from, to]) => {
      const root = document.querySelector('.reader-content')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (
        let node = walker.nextNode() as Text | null;
        node;
        node = walker.nextNode() as Text | null
      ) {
        const a = node.data.indexOf(from!);
        if (a !== -1) range.setStart(node, a);
        const b = node.data.indexOf(to!);
        if (b !== -1) range.setEnd(node, b + to!.length);
      }
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [from, to],
  );
}

async function theme(page: Page, name: 'Light' | 'Dark' | 'Sepia'): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Theme' }).selectOption(name);
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', name.toLowerCase());
}

test('highlight, reload, note, the Highlights view, search, every theme, and export', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeToSample(page, feeds.url);
  await open(page, SECOND);
  await expect(highlightButton(page)).toBeDisabled();

  // A passage across two paragraphs, with the `h` key.
  await select(page, 'story, in CDATA', 'It has two');
  await expect(highlightButton(page)).toBeEnabled();
  await page.keyboard.press('h');
  await expect(marks(page)).toHaveText(['story, in CDATA.', 'It has two']);
  // Highlighting bookmarked the article.
  await expect(reader(page).getByRole('button', { name: 'Bookmark', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // A second one with the button.
  await select(page, 'The ', 'second');
  await highlightButton(page).click();
  await expect(marks(page)).toHaveText(['The ', 'second', 'story, in CDATA.', 'It has two']);

  const list = reader(page).getByRole('region', { name: 'Highlights' });
  await expect(list.locator('blockquote')).toHaveText([
    'story, in CDATA. It has two',
    'The second',
  ]);
  const note = list.getByRole('textbox', { name: 'Comment on this highlight' }).first();
  await note.fill('Remember the walrus clause');
  await note.blur();

  // Search finds the note's words (before the reload: like an article's own note, a note edit
  // lost between its save and the index is found by the deep check, not the quick one).
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('walrus ');
  await expect(
    page
      .getByRole('list', { name: 'Search results' })
      .getByRole('button', { name: new RegExp(SECOND) }),
  ).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search articles' }).fill('');

  // Reload: the marks come back from the stored selectors, not from stored HTML.
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await open(page, SECOND);
  await expect(marks(page)).toHaveText(['The ', 'second', 'story, in CDATA.', 'It has two']);
  await expect(
    reader(page).getByRole('textbox', { name: 'Comment on this highlight' }).first(),
  ).toHaveValue('Remember the walrus clause');
  const stored = await page.evaluate(() => document.querySelector('.reader-content')!.innerHTML);
  expect(stored).toContain('<mark');

  // The Highlights view: newest first, across articles; opening one opens its article.
  await open(page, FIRST);
  await sources(page).getByRole('button', { name: 'Highlights' }).click();
  const view = page.getByRole('list', { name: 'All highlights' });
  await expect(view.getByRole('listitem')).toHaveCount(2);
  await expect(view.getByRole('listitem').first()).toContainText('The second');
  await expect(view.getByRole('listitem').nth(1)).toContainText('Remember the walrus clause');
  await page.screenshot({ path: '/tmp/h18-highlights-view.png' });
  await view.getByRole('button', { name: /story, in CDATA/ }).click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(SECOND);
  await expect(marks(page)).toHaveCount(4);

  // Marks in each theme (looked at by hand: they must read well in all three).
  for (const name of ['Light', 'Dark', 'Sepia'] as const) {
    await theme(page, name);
    await expect(marks(page)).toHaveCount(4);
    await reader(page).screenshot({ path: `/tmp/h18-highlights-${name.toLowerCase()}.png` });
    // The marked text keeps its contrast, and the highlight controls have names.
    const results = await new AxeBuilder({ page }).include('.reader-pane').analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, name).toEqual([]);
  }

  // Delete one: it leaves the article and the view.
  await reader(page)
    .getByRole('button', { name: /Delete highlight “The second/ })
    .click();
  await expect(marks(page)).toHaveText(['story, in CDATA.', 'It has two']);

  // Export: Markdown files in a zip (one per article, with front matter and quotes) and JSON.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const save = async (label: string): Promise<string> => {
    const downloading = page.waitForEvent('download');
    await settings.getByRole('button', { name: label }).click();
    const download = await downloading;
    const path = test.info().outputPath(download.suggestedFilename());
    await download.saveAs(path);
    return path;
  };
  const zip = await save('Export bookmarks and highlights as Markdown files (.zip)');
  expect(zip).toMatch(/broadsheet-bookmarks-\d{4}-\d{2}-\d{2}\.zip$/);
  const out = test.info().outputPath('unzipped');
  mkdirSync(out, { recursive: true });
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8', env })).toMatch(/No errors/);
  execFileSync('unzip', ['-q', zip, '-d', out], { env });
  const md = readFileSync(join(out, `${SECOND}.md`), 'utf8');
  expect(md).toMatch(/^---\ntitle: "Second sample story"\nsource: "Sample RSS Feed"\n/);
  expect(md).toContain('url: "http://example.invalid/news/second-sample-story"');
  expect(md).toContain('## Highlights');
  expect(md).toMatch(/> story, in CDATA\\?\. It has two\n\nRemember the walrus clause\n/);

  const json = JSON.parse(readFileSync(await save('Export bookmarks as JSON'), 'utf8')) as {
    version: number;
    bookmarks: { title: string; highlights: { quote: string; note: string }[] }[];
  };
  expect(json.version).toBe(2);
  expect(
    json.bookmarks.find((b) => b.title === SECOND)?.highlights.map((h) => [h.quote, h.note]),
  ).toEqual([['story, in CDATA. It has two', 'Remember the walrus clause']]);
});
