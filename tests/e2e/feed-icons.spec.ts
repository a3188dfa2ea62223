import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { openApp, putFeed, sources, subscribe } from './support/app';

/** An RSS feed whose site is a fixture page without icon links, with or without its own icon. */
function feedXml(title: string, site: string, image?: string): string {
  const icon = image
    ? `<image><url>${image}</url><title>${title}</title><link>${site}</link></image>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
    <title>${title}</title><link>${site}</link><description>d</description>${icon}
    <item><title>${title} story</title><guid isPermaLink="false">${title}-1</guid>
    <pubDate>Wed, 03 Sep 2025 09:30:00 GMT</pubDate><description>Body.</description></item>
    </channel></rss>`;
}

const feedButton = (page: Page, title: string) =>
  sources(page).getByRole('button', { name: new RegExp(`^${title}`) });

async function expectIcons(page: Page): Promise<void> {
  const icon = feedButton(page, 'Orange Wire').locator('img');
  await expect(icon).toHaveAttribute('alt', '');
  await expect(icon).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect
    .poll(() => icon.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
    .toBe(32);
  await expect(icon).toHaveJSProperty('width', 16);

  const quiet = feedButton(page, 'quiet Gazette');
  await expect(quiet.locator('img')).toHaveCount(0);
  await expect(quiet.locator('.feed-icon-letter')).toHaveAttribute('data-letter', 'Q');
  await expect(quiet.locator('.feed-icon-letter')).toBeVisible();
  // Both are decorative: each button is still named by its feed's title.
  await expect(feedButton(page, 'Orange Wire')).toHaveAccessibleName(/^Orange Wire 1 unread$/);
  await expect(quiet).toHaveAccessibleName(/^quiet Gazette 1 unread$/);
}

test('each feed shows its icon or a letter, and still does offline after a reload', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  const site = `${feeds.url}/fixtures/pages/discovery/no-links.html`;
  const iconUrl = `${feeds.url}/fixtures/feeds/icons/feed-icon.png`;
  await subscribe(
    page,
    await putFeed(feeds.url, 'orange.xml', feedXml('Orange Wire', site, iconUrl)),
  );
  await subscribe(page, await putFeed(feeds.url, 'quiet.xml', feedXml('quiet Gazette', site)));

  await expectIcons(page);
  const asked = (path: string) => feeds.requests.filter((r) => r.path === path).length;
  expect(asked('/fixtures/feeds/icons/feed-icon.png')).toBe(1);
  // Without an icon of its own, the site's page and its favicon were tried, once.
  await expect.poll(() => asked('/favicon.ico')).toBe(1);
  expect(asked('/fixtures/pages/discovery/no-links.html')).toBe(1);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    mkdirSync('test-results/screenshots', { recursive: true });
    await sources(page).screenshot({
      path: `test-results/screenshots/feed-icons-${colorScheme}.png`,
    });
  }

  await feeds.close();
  await page.reload();
  await expectIcons(page);
});
