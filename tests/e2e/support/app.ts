import { expect, type Locator, type Page } from '@playwright/test';

/** Subscribes through the Add feed dialog, as a person would, and waits for it to close. */
export async function subscribe(page: Page, url: string): Promise<void> {
  await page.getByRole('button', { name: 'Add feed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await dialog.getByRole('textbox', { name: 'Feed or site URL' }).fill(url);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();
}

/** Subscribes to the fixture server's three-story sample feed and waits for its stories. */
export async function subscribeToSample(page: Page, feedsUrl: string): Promise<void> {
  await subscribe(page, `${feedsUrl}/fixtures/feeds/sample-rss.xml`);
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
}

/** Imports an OPML document through the toolbar's file input; returns the Import report dialog. */
export async function importOpml(page: Page, fileName: string, opml: string): Promise<Locator> {
  await page.getByLabel('Files to import (OPML, text, Markdown, HTML)').setInputFiles({
    name: fileName,
    mimeType: 'text/x-opml',
    buffer: Buffer.from(opml),
  });
  return page.getByRole('dialog', { name: 'Import' });
}

export function articleList(page: Page) {
  return page.getByRole('list', { name: 'Articles' });
}

export function sources(page: Page) {
  return page.getByRole('navigation', { name: 'Sources' });
}

/** Puts a feed document on the fixture server's mutable store, so a test can change it later. */
export async function putFeed(baseUrl: string, name: string, xml: string): Promise<string> {
  const response = await fetch(`${baseUrl}/mutable/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/rss+xml' },
    body: xml,
  });
  if (!response.ok) throw new Error(`PUT failed: ${response.status}`);
  return `${baseUrl}/mutable/${name}`;
}

export function rss(title: string, items: { id: string; title: string; date?: string }[]): string {
  const entries = items
    .map(
      (item) => `<item><title>${item.title}</title><guid isPermaLink="false">${item.id}</guid>
        <link>http://example.invalid/${item.id}</link>
        <pubDate>${item.date ?? 'Wed, 03 Sep 2025 09:30:00 GMT'}</pubDate>
        <description>&lt;p&gt;Body of ${item.title}.&lt;/p&gt;</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title>
    <link>http://example.invalid/</link><description>d</description>${entries}</channel></rss>`;
}

export const STARTER_TITLE =
  'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump';

/**
 * Opens the app and waits until first-run setup is done (on a new library it adds the starter
 * article to Saved), so what the test sees next does not change under it.
 */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // On a new library setup waits for the starter's extraction, the first job of a cold
  // extraction worker (jsdom loads in it). Alone that is a second or two; beside an opened
  // file's import, with the other test worker busy, CI once saw it pass 10 s.
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1, { timeout: 30_000 });
}
