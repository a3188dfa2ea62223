import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, openApp, putFeed, sources, subscribe } from './support/app';

/*
 * One wire story through three papers, the way papers rework wire copy: the agency's feed runs
 * the seed article whole; the Herald gives it its own headline and standfirst and trims the
 * bottom; the Gazette trims further and adds its own boilerplate. Each paper also runs a story
 * of its own, which must stay a row of its own.
 */
const SEED = readFileSync(
  join(__dirname, '..', '..', 'resources', 'starter', 'seed-article.txt'),
  'utf8',
);
const blocks = SEED.split(/\n\s*\n/).map((block) => block.trim());
// The body starts after the byline block ("By AP / Published : …").
const PARAGRAPHS = blocks.slice(blocks.findIndex((block) => block.includes('Published')) + 1);
const WIRE_TITLE =
  'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump';
const HERALD_TITLE = 'Lee picks Tokyo before Washington in bid to mend Japan ties';
const GAZETTE_TITLE = 'Korea’s new president courts Ishiba ahead of Trump summit';

const HOUR = 3600 * 1000;
const at = (msAgo: number): string => new Date(Date.now() - msAgo).toUTCString();
const html = (paragraphs: string[]) => paragraphs.map((text) => `<p>${text}</p>`).join('');

interface Item {
  id: string;
  title: string;
  body: string;
  link: string;
  hoursAgo: number;
}

function rssWithContent(title: string, items: Item[]): string {
  const entries = items
    .map(
      (item) => `<item><title>${item.title}</title><guid isPermaLink="false">${item.id}</guid>
        <link>${item.link}</link><pubDate>${at(item.hoursAgo * HOUR)}</pubDate>
        <description><![CDATA[${item.body}]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${title}</title>
    <link>http://example.invalid/</link><description>d</description>${entries}</channel></rss>`;
}

const FEEDS: { name: string; items: Item[] }[] = [
  {
    name: 'Wire Service',
    items: [
      {
        id: 'wire-lee',
        title: WIRE_TITLE,
        body: html(PARAGRAPHS),
        link: 'https://wire.example/world/lee-tokyo-ishiba?utm_source=rss',
        hoursAgo: 3,
      },
      {
        id: 'wire-rates',
        title: 'Central bank holds interest rates steady as inflation cools',
        body: html([
          'The central bank left its benchmark interest rate unchanged on Thursday, saying inflation had eased for a third month but that it wanted more evidence before cutting borrowing costs.',
        ]),
        link: 'https://wire.example/business/rates',
        hoursAgo: 5,
      },
    ],
  },
  {
    name: 'Morning Herald',
    items: [
      {
        id: 'herald-lee',
        title: HERALD_TITLE,
        body: html([
          'Seoul’s leader makes an unusual first stop on his way to the White House.',
          ...PARAGRAPHS.slice(0, 8),
          'Reporting by the Morning Herald foreign desk and wire services.',
        ]),
        link: 'https://herald.example/2025/08/23/lee-tokyo',
        hoursAgo: 2,
      },
      {
        id: 'herald-bridge',
        title: 'Harbour bridge closes for a weekend of resurfacing works',
        body: html([
          'The harbour bridge will close to traffic from Friday night until Monday morning while crews resurface the deck, the city’s transport department said, advising drivers to use the tunnel.',
        ]),
        link: 'https://herald.example/local/bridge',
        hoursAgo: 6,
      },
    ],
  },
  {
    name: 'Evening Gazette',
    items: [
      {
        id: 'gazette-lee',
        title: GAZETTE_TITLE,
        body: html([
          ...PARAGRAPHS.slice(0, 6),
          'Subscribe to the Evening Gazette newsletter for the day’s world news in your inbox.',
        ]),
        link: 'https://gazette.example/news/world/korea-japan-summit',
        hoursAgo: 1,
      },
      {
        id: 'gazette-cricket',
        title: 'County side clinches title on the final day of the season',
        body: html([
          'A last-wicket stand of 58 carried the county to the championship on the final afternoon of the season, ending a wait of more than two decades for a title.',
        ]),
        link: 'https://gazette.example/sport/cricket',
        hoursAgo: 7,
      },
    ],
  },
];

async function subscribeToPapers(page: Page, feedsUrl: string): Promise<void> {
  for (const feed of FEEDS) {
    const url = await putFeed(
      feedsUrl,
      `${feed.name.replace(/\s/g, '-')}.xml`,
      rssWithContent(feed.name, feed.items),
    );
    await subscribe(page, url);
    await expect(articleList(page).getByRole('listitem')).toHaveCount(feed.items.length);
  }
}

const feedButton = (page: Page, name: string) =>
  sources(page).getByRole('button', { name: new RegExp(`^${name}( \\d+ unread)?$`) });
const view = (page: Page, name: string) => sources(page).getByRole('button', { name, exact: true });
const storyRow = (page: Page, sourcesLabel: string) =>
  articleList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: sourcesLabel, exact: true }) });

test('three papers running one wire story show it once, and reading it clears all three counts', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeToPapers(page, feeds.url);
  for (const feed of FEEDS)
    await expect(feedButton(page, feed.name)).toHaveAccessibleName(`${feed.name} 2 unread`);

  for (const name of ['Unread', 'All articles']) {
    await view(page, name).click();
    const list = articleList(page);
    // The story once, beside each paper's own story.
    await expect(list.getByRole('button', { name: 'Also in 2 sources', exact: true })).toHaveCount(
      1,
    );
    for (const title of [HERALD_TITLE, GAZETTE_TITLE]) {
      await expect(list.getByRole('button', { name: new RegExp(`^${title}`) })).toHaveCount(0);
    }
    for (const title of ['Central bank holds', 'Harbour bridge closes', 'County side clinches']) {
      await expect(list.getByRole('button', { name: new RegExp(`^${title}`) })).toHaveCount(1);
    }
  }

  // The row is the fullest version, the wire's; the others are one click away.
  const story = storyRow(page, 'Also in 2 sources');
  await expect(
    story.getByRole('button', { name: new RegExp(`^${WIRE_TITLE} Wire Service`) }),
  ).toBeVisible();
  const toggle = story.getByRole('button', { name: 'Also in 2 sources' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const others = story.getByRole('list', { name: /^Other sources of/ });
  await expect(others.getByRole('button')).toHaveCount(2);
  await expect(
    others.getByRole('button', { name: new RegExp(`^Morning Herald ${HERALD_TITLE}`) }),
  ).toBeVisible();
  await expect(
    others.getByRole('button', { name: new RegExp(`^Evening Gazette ${GAZETTE_TITLE}`) }),
  ).toBeVisible();

  // Opening the row reads the story: every paper's copy goes read.
  await story.getByRole('button', { name: new RegExp(`^${WIRE_TITLE}`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: WIRE_TITLE })).toBeVisible();
  for (const feed of FEEDS)
    await expect(feedButton(page, feed.name)).toHaveAccessibleName(`${feed.name} 1 unread`);
  await view(page, 'Unread').click();
  // Each paper's own story and the starter article (Saved) are left.
  await expect(articleList(page).getByRole('listitem')).toHaveCount(4);
  await expect(articleList(page).getByRole('button', { name: /^Also in/ })).toHaveCount(0);

  // Under its own paper each copy is still there, read, and says where else it ran.
  await feedButton(page, 'Evening Gazette').click();
  const gazette = storyRow(page, 'Also in 2 sources');
  await expect(
    gazette.getByRole('button', { name: new RegExp(`^${GAZETTE_TITLE}`) }),
  ).not.toHaveAttribute('data-unread');
});

test('a copy split from its story becomes a row of its own and stays out', async ({
  page,
  host,
  feeds,
}) => {
  await openApp(page, host.url);
  await subscribeToPapers(page, feeds.url);
  await view(page, 'All articles').click();

  const story = storyRow(page, 'Also in 2 sources');
  await story.getByRole('button', { name: 'Also in 2 sources' }).click();
  await story
    .getByRole('button', { name: new RegExp(`^Evening Gazette ${GAZETTE_TITLE}`) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: GAZETTE_TITLE })).toBeVisible();
  await expect(page.getByText('The same story is also in 2 other sources.')).toBeVisible();
  await page.getByRole('button', { name: 'Split from story' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Split from its story' })).toBeVisible();

  const list = articleList(page);
  await expect(list.getByRole('button', { name: 'Also in 1 source', exact: true })).toHaveCount(1);
  await expect(list.getByRole('button', { name: new RegExp(`^${GAZETTE_TITLE}`) })).toHaveCount(1);

  // The split is kept: after a reload it is still a row of its own.
  await page.reload();
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);
  await view(page, 'All articles').click();
  await expect(list.getByRole('button', { name: 'Also in 1 source', exact: true })).toHaveCount(1);
  await expect(list.getByRole('button', { name: new RegExp(`^${GAZETTE_TITLE}`) })).toHaveCount(1);
});

/** No serious or critical accessibility violation on screen; saved for review. */
async function checkAndShoot(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(100);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${screen}.png` });
  expect(bad, screen).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`stories screens in ${colorScheme} theme`, async ({ page, host, feeds }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1360, height: 860 });
    await openApp(page, host.url);
    await subscribeToPapers(page, feeds.url);
    await view(page, 'All articles').click();
    const story = storyRow(page, 'Also in 2 sources');
    await story.getByRole('button', { name: 'Also in 2 sources' }).click();
    await story.getByRole('button', { name: /^Evening Gazette/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: GAZETTE_TITLE })).toBeVisible();
    await checkAndShoot(page, `stories-copy-open-${colorScheme}`);
    await page.getByRole('button', { name: 'Split from story' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Split from its story' }),
    ).toBeVisible();
    await checkAndShoot(page, `stories-split-${colorScheme}`);
  });
}
