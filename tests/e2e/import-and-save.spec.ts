import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { articleList, openApp, sources, STARTER_TITLE } from './support/app';

const SEED = join(__dirname, '..', '..', '..', 'shared', 'seed', 'seed-article.txt');
const TITLE = 'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump';

test('importing the seed article keeps it whole under Saved, without page junk', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByLabel('Files to import (OPML, text, Markdown, HTML)').setInputFiles({
    name: 'seed-article.txt',
    mimeType: 'text/plain',
    buffer: readFileSync(SEED),
  });
  const report = page.getByRole('dialog', { name: 'Import' });
  await expect(report.getByRole('status')).toHaveText('Saved 1 article.');
  await report.getByRole('button', { name: 'Done' }).click();

  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await articleList(page)
    .getByRole('button', { name: new RegExp(TITLE) })
    .click();
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(article).toContainText('World');
  await expect(article).toContainText('By AP');
  const paragraphs = article.locator('.reader-content p');
  await expect(paragraphs).toHaveCount(11);
  await expect(paragraphs.first()).toContainText(
    'South Korean President Lee Jae Myung on Saturday',
  );
  await expect(paragraphs.last()).toContainText(
    'expressed “remorse” over Japan’s wartime aggression',
  );
  await expect(article).not.toContainText('Clicky');
  await expect(article).toContainText('Available offline');
});

test('a file Broadsheet cannot read is reported by name and reason', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByLabel('Files to import (OPML, text, Markdown, HTML)').setInputFiles({
    name: 'report.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n'),
  });
  const report = page.getByRole('dialog', { name: 'Import' });
  await expect(report.getByRole('status')).toHaveText('Nothing was imported.');
  await expect(report.getByRole('list', { name: 'Not imported' })).toContainText(
    'report.pdf: Broadsheet can import .txt, .md and .html files',
  );
});

test('Save URL keeps a web page under Saved', async ({ page, host, feeds }) => {
  await openApp(page, host.url);
  await page.getByRole('button', { name: 'Save URL' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save a web page' });
  await dialog
    .getByRole('textbox', { name: 'Page URL' })
    .fill(`${feeds.url}/fixtures/pages/articles/korean-ko.html`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  // The page, next to the starter article.
  await expect(articleList(page).getByRole('listitem')).toHaveCount(2);
  await articleList(page).getByRole('button').filter({ hasNotText: STARTER_TITLE }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveAttribute(
    'lang',
    'ko',
  );
});

test('dropping a Markdown file on the window saves it', async ({ page, host }) => {
  await page.goto(host.url);
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    const text =
      '---\ntitle: Notes from the harbour\nauthor: R. Vale\n---\n\nThe ferries ran late again.\n';
    data.items.add(new File([text], 'harbour.md', { type: 'text/markdown' }));
    return data;
  });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  const report = page.getByRole('dialog', { name: 'Import' });
  await expect(report.getByRole('list', { name: 'Saved articles' })).toHaveText(
    'Notes from the harbour',
  );
  await report.getByRole('button', { name: 'Done' }).click();
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await articleList(page)
    .getByRole('button', { name: /Notes from the harbour/ })
    .click();
  await expect(page.getByRole('article')).toContainText('By R. Vale');
  await expect(page.getByRole('article')).toContainText('The ferries ran late again.');
});
