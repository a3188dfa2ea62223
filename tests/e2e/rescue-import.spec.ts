import { expect, test } from './support/fixtures';
import { articleList, sources } from './support/app';
import { makeZip } from '../fixtures/rescue/make-zip';

const INPUT = 'Files to import (OPML, text, Markdown, HTML)';

/**
 * Issue 18, item 6: each service's export, imported through the Import button, ends with its
 * articles readable offline — the pages the export lacks fetched from the fixture server, the
 * page Omnivore's archive carries taken from the file — and stays readable once the server is
 * gone.
 */
test('a rescue import of each format ends with the articles readable offline', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(120_000);
  const pageUrl = (name: string): string => `${feeds.url}/fixtures/pages/articles/${name}.html`;
  const files = [
    {
      name: 'ril_export.html',
      buffer: Buffer.from(`<!DOCTYPE html><html><head><title>Pocket Export</title></head><body>
        <h1>Unread</h1><ul>
        <li><a href="${pageUrl('news-world-summit')}" time_added="1600000000" tags="energy">Tidal pact (Pocket HTML)</a></li>
        <li><a href="javascript:alert(1)" time_added="1600000001" tags="">A trap</a></li>
        </ul><h1>Read Archive</h1><ul></ul></body></html>`),
      summary:
        'Pocket export: 1 new saved article, 0 already there, 1 not imported; 1 page to fetch for reading offline.',
    },
    {
      name: 'pocket.csv',
      buffer: Buffer.from(
        `title,url,time_added,tags,status\r\n"Tomatoes (Pocket CSV)",${pageUrl('og-only-blog')},1700000000,garden,archive\r\n`,
      ),
      summary:
        'Pocket export: 1 new saved article, 0 already there; 1 page to fetch for reading offline.',
    },
    {
      name: 'instapaper-export.csv',
      buffer: Buffer.from(
        `URL,Title,Selection,Folder,Timestamp,Tags\n${pageUrl('japanese-ja')},Jellyfish (Instapaper),,Starred,1650000000,[]\n`,
      ),
      summary:
        'Instapaper export: 1 new saved article, 0 already there; 1 page to fetch for reading offline.',
    },
    {
      name: 'readwise-reader.csv',
      buffer: Buffer.from(
        `Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen\nSeoul (Readwise Reader),${pageUrl('korean-ko')},01a,[],2024-03-10 18:26:21+00:00,0,later,False\n`,
      ),
      summary:
        'Readwise Reader export: 1 new saved article, 0 already there; 1 page to fetch for reading offline.',
    },
    {
      name: 'omnivore-export.zip',
      buffer: Buffer.from(
        makeZip({
          'metadata_0_to_2.json': JSON.stringify([
            {
              id: '1',
              slug: 'kept-page',
              title: 'Kept page (Omnivore)',
              url: 'https://gone.example/kept',
              state: 'Archived',
              labels: ['Omnivore'],
              savedAt: '2024-10-30T12:00:00Z',
              highlights: [{ quote: 'only in the archive' }],
            },
            {
              id: '2',
              slug: 'no-page',
              title: 'Solar plant (Omnivore)',
              url: pageUrl('arabic-rtl'),
              state: 'Succeeded',
              labels: [],
              savedAt: '2024-10-31T12:00:00Z',
            },
          ]),
          'content/kept-page.html': `<html><body><article><h1>Kept page</h1>${[
            'These words live only in the archive, since the site that published them is gone for good.',
            'Omnivore kept a copy of every page its readers saved, cleaned of menus and advertising, so that the text could be read later on any device.',
            'When the service closed, that copy went into the export archive, one HTML file for every saved item, named after its slug.',
            'A reader who imports the archive should find the page exactly as it was kept, without any network, because the original may have moved or vanished.',
          ]
            .map((text) => `<p>${text}</p>`)
            .join('')}</article></body></html>`,
        }),
      ),
      summary:
        'Omnivore export: 2 new saved articles, 0 already there; 1 highlight kept; 1 page to fetch for reading offline.',
    },
  ];

  await page.goto(host.url);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  for (const file of files) {
    await page.getByLabel(INPUT).setInputFiles({
      name: file.name,
      mimeType: 'application/octet-stream',
      buffer: file.buffer,
    });
    await expect(dialog.getByRole('status')).toHaveText(file.summary);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
  }

  const expected: [RegExp, string][] = [
    [/Tidal pact \(Pocket HTML\)/, 'The sea does not care about borders'],
    [/Tomatoes \(Pocket CSV\)/, 'tomatoes'],
    [/Jellyfish \(Instapaper\)/, 'クラゲ'],
    [/Seoul \(Readwise Reader\)/, ''],
    [/Kept page \(Omnivore\)/, 'These words live only in the archive'],
    [/Solar plant \(Omnivore\)/, 'محطة'],
  ];
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  const texts = new Map<string, string | null>();
  for (const [title, phrase] of expected) {
    await articleList(page).getByRole('button', { name: title }).click();
    const article = page.getByRole('article').first();
    // The reader has moved on to this article before anything of it is read.
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(title);
    // The offline pass fetches each page the export lacked, then its images.
    await expect(article).toContainText('Available offline', { timeout: 30_000 });
    if (phrase) await expect(article.locator('.reader-content')).toContainText(phrase);
    texts.set(title.source, await article.locator('.reader-content').textContent());
  }

  // The same file again adds nothing.
  await page
    .getByLabel(INPUT)
    .setInputFiles({ name: files[1]!.name, mimeType: 'text/csv', buffer: files[1]!.buffer });
  await expect(dialog.getByRole('status')).toHaveText(
    'Pocket export: 0 new saved articles, 1 already there.',
  );
  await dialog.getByRole('button', { name: 'Done' }).click();

  await feeds.close();
  await page.reload();
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  for (const [title] of expected) {
    await articleList(page).getByRole('button', { name: title }).click();
    const article = page.getByRole('article').first();
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(article).toContainText('Available offline');
    await expect
      .poll(() => article.locator('.reader-content').textContent())
      .toBe(texts.get(title.source));
  }
  // Six articles: the starter's are not under Saved.
  await expect(
    articleList(page).getByRole('button', { name: /\((Pocket|Instapaper|Readwise|Omnivore)/ }),
  ).toHaveCount(6);
});
