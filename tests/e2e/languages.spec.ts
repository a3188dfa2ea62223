import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { chooseLanguageBeforeLoad, say } from './support/locale';

/** Issue 19: the main screens in Arabic, Japanese and German; local dates and counts. */

const SAMPLE = '/fixtures/feeds/sample-rss.xml';

async function openIn(page: Page, url: string, locale: string): Promise<void> {
  await chooseLanguageBeforeLoad(page, locale);
  await page.goto(url);
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

async function subscribeSample(page: Page, locale: string, feedsUrl: string): Promise<void> {
  await page
    .getByRole('button', { name: say(locale, 'subscriptions.add.button'), exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: say(locale, 'subscriptions.add.title') });
  await dialog
    .getByRole('textbox', { name: say(locale, 'subscriptions.add.urlLabel') })
    .fill(`${feedsUrl}${SAMPLE}`);
  await dialog.getByRole('button', { name: say(locale, 'subscriptions.add.subscribe') }).click();
  await expect(dialog).toBeHidden();
}

const articles = (page: Page, locale: string) =>
  page.getByRole('list', { name: say(locale, 'articles.list.label') });

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const locale of ['ar', 'ja', 'de'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the main screens in ${locale}, ${colorScheme}`, async ({ page, host, feeds }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 1360, height: 860 });
      await openIn(page, host.url, locale);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await shot(page, `lang-${locale}-welcome-${colorScheme}`);

      await subscribeSample(page, locale, feeds.url);
      await articles(page, locale).getByRole('button').first().click();
      await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
      await shot(page, `lang-${locale}-main-${colorScheme}`);
      // axe in the right-to-left and the CJK interface (issue 19), in both themes.
      if (locale !== 'de') expect(await seriousViolations(page), 'main screen').toEqual([]);

      await page
        .getByRole('navigation', { name: say(locale, 'sources.sidebar.label') })
        .getByRole('button', { name: say(locale, 'settings.dialog.open') })
        .click();
      const settings = page.getByRole('dialog', { name: say(locale, 'settings.dialog.title') });
      await expect(settings).toBeVisible();
      await shot(page, `lang-${locale}-settings-${colorScheme}`);
      if (locale !== 'de') expect(await seriousViolations(page), 'Settings').toEqual([]);
      await settings.getByRole('button', { name: say(locale, 'settings.dialog.done') }).click();

      await page.keyboard.press('?');
      const help = page.getByRole('dialog', { name: say(locale, 'shortcuts.dialog.title') });
      await expect(help).toBeVisible();
      await shot(page, `lang-${locale}-shortcuts-${colorScheme}`);
      if (locale !== 'de') expect(await seriousViolations(page), 'shortcuts').toEqual([]);
    });
  }
}

for (const locale of ['ko', 'ja'] as const) {
  test(`dates and counts are written as ${locale} writes them`, async ({ page, host, feeds }) => {
    await openIn(page, host.url, locale);
    await subscribeSample(page, locale, feeds.url);
    // However many the view holds (the sample's three, and the starter article when there is
    // one), the count says it as the language counts.
    const first = articles(page, locale).getByRole('listitem').first();
    await expect(first).toHaveAttribute('aria-setsize', /^\d+$/);
    const size = Number(await first.getAttribute('aria-setsize'));
    await expect(page.locator('.article-list-count')).toHaveText(
      say(locale, 'articles.list.count', { count: size }),
    );
    await articles(page, locale).getByRole('button').first().click();
    const time = page.getByRole('article').locator('time').first();
    const when = await time.getAttribute('datetime');
    const local = await page.evaluate(
      ([at, lang]) => {
        const date = new Date(at!);
        return {
          full: new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(
            date,
          ),
          relative: new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(
            -Math.round((Date.now() - date.getTime()) / (365 * 24 * 3600e3)),
            'year',
          ),
        };
      },
      [when, locale] as const,
    );
    await expect(time).toHaveText(local.full);
    // The row says how long ago in the same language ("작년", "昨年"…).
    await expect(articles(page, locale).getByRole('button').first()).toContainText(local.relative);
  });
}

test("an OPML list's problems read in the interface's language", async ({ page, host }) => {
  await openIn(page, host.url, 'de');
  const opml = `<?xml version="1.0"?><opml version="2.0"><body>
    <outline type="rss" text="Broken entry"/>
    <outline type="rss" text="FTP feed" xmlUrl="ftp://example.invalid/feed"/>
  </body></opml>`;
  await page.getByLabel(say('de', 'import.fileInput')).setInputFiles({
    name: 'mine.opml',
    mimeType: 'text/x-opml',
    buffer: Buffer.from(opml),
  });
  const report = page.getByRole('dialog', { name: say('de', 'import.title') });
  const problems = report.getByRole('list', { name: say('de', 'import.report.problemsList') });
  await expect(problems.getByRole('listitem')).toHaveCount(2);
  // Main's reasons, said from their message ids in German, not main's English.
  await expect(problems.getByRole('listitem').first()).toContainText(
    say('de', 'main.opml.noXmlUrl'),
  );
  await expect(problems.getByRole('listitem').nth(1)).toContainText(
    say('de', 'main.opml.notWebAddress', { url: 'ftp://example.invalid/feed' }),
  );
  await expect(report).not.toContainText('address');
});
