/**
 * Issue 17, item 4: a feed's "Notify me of new articles" makes one notification per refresh in
 * the browser host (Web Notifications, permission granted), none for a new feed's first sync,
 * and a click on it opens the article. The page's Notification is wrapped by an init script
 * that records every notification made and still makes the real one.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, importOpml, openApp, putFeed, rss, sources } from './support/app';

interface Recorded {
  title: string;
  body: string;
}

declare global {
  interface Window {
    __notifications: (Recorded & { instance: Notification })[];
  }
}

const HOUR = 3600 * 1000;
const at = (hoursAgo: number): string => new Date(Date.now() - hoursAgo * HOUR).toUTCString();

const shown = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() => window.__notifications.map(({ title, body }) => ({ title, body })));

async function refresh(page: Page, articles: number): Promise<void> {
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(articles);
}

test('one notification per refresh of a notify feed, none on its first sync; a click opens the article', async ({
  page,
  context,
  host,
  feeds,
}) => {
  // Two refreshes, each waited out past its settle time.
  test.setTimeout(60_000);
  await context.grantPermissions(['notifications'], { origin: new URL(host.url).origin });
  await page.addInitScript(() => {
    const Real = window.Notification;
    window.__notifications = [];
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        window.__notifications.push({ title, body: options?.body ?? '', instance: this });
      }
    }
    window.Notification = Recording;
  });

  // A feed the reader subscribes to (by OPML) before it answers: nothing is stored yet.
  const name = 'notify-desk';
  const url = `${feeds.url}/mutable/${name}`;
  await openApp(page, host.url);
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
    <outline type="rss" text="Notify Desk" xmlUrl="${url}"/></body></opml>`;
  const report = await importOpml(page, 'mine.opml', opml);
  await expect(report.getByRole('status')).toContainText('Added 1 feed');
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(sources(page).getByRole('img', { name: /Error: .*404/ })).toBeVisible();

  // "Notify me of new articles" on.
  await sources(page).getByRole('button', { name: 'Options for Notify Desk' }).click();
  const options = page.getByRole('dialog', { name: 'Feed options' });
  await options.getByRole('checkbox', { name: 'Notify me of new articles' }).check();
  // Permission is granted: no word about blocked notifications (the alert there is the 404).
  await expect(options.getByRole('alert').filter({ hasText: /notifications/ })).toHaveCount(0);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect(options).toBeHidden();

  // Its first sync: three articles, and no notification.
  const first = [1, 2, 3].map((n) => ({ id: `a${n}`, title: `Old story ${n}`, date: at(10 + n) }));
  await putFeed(feeds.url, name, rss('Notify Desk', first));
  await refresh(page, 4); // with the starter article
  await page.waitForTimeout(4_000); // past the round's settle time
  expect(await shown(page)).toEqual([]);

  // The next refresh brings three new ones: one notification names them.
  const next = [1, 2, 3].map((n) => ({ id: `b${n}`, title: `New story ${n}`, date: at(n) }));
  await putFeed(feeds.url, name, rss('Notify Desk', [...next, ...first]));
  await refresh(page, 7);
  await expect.poll(() => shown(page), { timeout: 15_000 }).toHaveLength(1);
  expect(await shown(page)).toEqual([
    {
      title: '3 new articles from Notify Desk',
      body: 'New story 1\nNew story 2\nNew story 3',
    },
  ]);

  // A click opens the newest.
  await page.evaluate(() => window.__notifications[0]!.instance.dispatchEvent(new Event('click')));
  await expect(
    page.getByRole('article').getByRole('heading', { level: 1, name: 'New story 1' }),
  ).toBeVisible();

  // Nothing more came of it: no burst.
  await page.waitForTimeout(4_000);
  expect(await shown(page)).toHaveLength(1);
});
