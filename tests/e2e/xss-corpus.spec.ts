import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { articleList, putFeed, subscribe } from './support/app';

interface Vector {
  name: string;
  html: string;
}

const vectors = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'xss', 'vectors.json'), 'utf8'),
) as Vector[];
const PER_ITEM = 12;

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

test(`${vectors.length} XSS vectors delivered by a feed run nothing and keep the text`, async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(120_000);
  const batches: Vector[][] = [];
  for (let i = 0; i < vectors.length; i += PER_ITEM) batches.push(vectors.slice(i, i + PER_ITEM));
  const items = batches
    .map(
      (
        batch,
        index,
      ) => `<item><title>Batch ${index + 1}</title><guid isPermaLink="false">b${index}</guid>
      <pubDate>${new Date(Date.UTC(2025, 0, 1 + index)).toUTCString()}</pubDate>
      <description>${xmlEscape(batch.map((v) => v.html).join('\n'))}</description></item>`,
    )
    .join('\n');
  const url = await putFeed(
    feeds.url,
    'xss',
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>XSS Wire</title>
    <link>http://example.invalid/</link><description>x</description>${items}</channel></rss>`,
  );

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const foreign: string[] = [];
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(host.origin) && !/^(data|blob):/.test(target)) foreign.push(target);
  });

  await page.goto(host.url);
  await subscribe(page, url);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(batches.length);

  for (const [index, batch] of batches.entries()) {
    await articleList(page)
      .getByRole('button', { name: new RegExp(`^Batch ${index + 1}\\b`) })
      .click();
    const article = page.getByRole('article');
    await expect(article.getByRole('heading', { level: 1 })).toHaveText(`Batch ${index + 1}`);
    // The markers around each vector survive, as text (a <plaintext> vector turns the rest of
    // its batch into visible text, which is safe and still shows the words).
    const text = (await article.textContent()) ?? '';
    for (const vector of batch) {
      const n = vectors.indexOf(vector) + 1;
      expect(text, vector.name).toContain(`BEFORE-${n}`);
      expect(text, vector.name).toContain(`AFTER-${n}`);
    }
    // Give handlers (onload, onerror, ontoggle, animations) a moment to fire if they survived.
    await page.waitForTimeout(150);
    await expect(
      article.locator('script, iframe, object, embed, form, style, base, meta, svg, math'),
    ).toHaveCount(0);
  }

  expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
});
