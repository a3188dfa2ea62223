import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { putFeed } from './support/app';
import { chooseLanguageBeforeLoad, expectWhollyLocalized, pseudo } from './support/locale';

/**
 * Issue 19: a pass over every main screen in the pseudo-locale (accented, 40 % longer, in
 * brackets). Whatever shows unbracketed escaped the catalogue; whatever is cut off would be cut
 * in a longer language. The reader's own content here is Korean, so any plain ASCII word left
 * on screen is ours.
 */

const FEED = '서울 통신';
const sources = (page: Page) =>
  page.getByRole('navigation', { name: pseudo('sources.sidebar.label') });
const articleList = (page: Page) => page.getByRole('list', { name: pseudo('articles.list.label') });
const stories = Array.from({ length: 6 }, (_, n) => ({
  id: `ko-${n}`,
  title: `서울 소식 ${n + 1}: 한일 정상회담 준비`,
  date: new Date(Date.now() - (n + 1) * 3600e3).toUTCString(),
}));

/** The fixture feed, Korean through and through (the shared rss() helper writes English bodies). */
const koreanFeed = () => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
  <title>${FEED}</title><link>http://example.invalid/</link><description>서울 뉴스</description>
  ${stories
    .map(
      (story) => `<item><title>${story.title}</title><guid isPermaLink="false">${story.id}</guid>
    <link>http://example.invalid/${story.id}</link><pubDate>${story.date}</pubDate>
    <description>&lt;p&gt;이재명 대통령은 토요일 도쿄에서 이시바 총리와 회담했다.&lt;/p&gt;</description></item>`,
    )
    .join('')}</channel></rss>`;

test('every main screen speaks the pseudo-locale, with nothing cut off', async ({
  page,
  host,
  feeds,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 860 });
  await chooseLanguageBeforeLoad(page, 'en-XA');
  await page.goto(host.url);
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');

  // First run: the welcome.
  await expectWhollyLocalized(page, 'the welcome');

  // Subscribing, through the pseudo-locale's own names.
  const url = await putFeed(feeds.url, 'seoul.xml', koreanFeed());
  await page.getByRole('button', { name: pseudo('subscriptions.add.button'), exact: true }).click();
  const add = page.getByRole('dialog', { name: pseudo('subscriptions.add.title') });
  await expectWhollyLocalized(page, 'Add feed');
  await add.getByRole('textbox', { name: pseudo('subscriptions.add.urlLabel') }).fill(url);
  await add.getByRole('button', { name: pseudo('subscriptions.add.subscribe') }).click();
  await expect(add).toBeHidden();

  // The main screen: sources, the list, an article open.
  await sources(page)
    .getByRole('button', { name: new RegExp(`^${FEED}`) })
    .click();
  await articleList(page)
    .getByRole('button', { name: new RegExp(`^${stories[0]!.title}`) })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(
    stories[0]!.title,
  );
  await expectWhollyLocalized(page, 'the main screen');

  // Keyboard help.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: pseudo('shortcuts.dialog.title') });
  await expect(help).toBeVisible();
  await expectWhollyLocalized(page, 'keyboard shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // Settings, every section scrolled through.
  await sources(page)
    .getByRole('button', { name: pseudo('settings.dialog.open') })
    .click();
  const settings = page.getByRole('dialog', { name: pseudo('settings.dialog.title') });
  await expect(settings).toBeVisible();
  for (const heading of await settings.getByRole('heading', { level: 3 }).all()) {
    await heading.scrollIntoViewIfNeeded();
    await expectWhollyLocalized(page, `Settings › ${await heading.textContent()}`);
  }
  await settings.getByRole('button', { name: pseudo('settings.dialog.done') }).click();

  // Search results.
  await page.getByRole('searchbox', { name: pseudo('search.box.label') }).fill('서울');
  await expect(
    page.getByRole('region', { name: /.+/ }).getByRole('listitem').first(),
  ).toBeVisible();
  await expectWhollyLocalized(page, 'search results');
  await page.getByRole('searchbox', { name: pseudo('search.box.label') }).fill('');
});
