import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { articleList, openApp, sources } from './support/app';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * Links and files the system hands the app, through the browser host's `--open` (the desktop
 * app's open-url, open-file and command line end in the same queue). Each test starts its own
 * host, since what it opens is given when the host starts.
 */
let host: RunningHost | undefined;
/** The folder of the file a test opened, if it made one. */
let openedDir: string | undefined;

/** No serious or critical accessibility violation in what is on screen. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}

test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  // After the host has exited: it read the opened file from this folder.
  if (openedDir) rmSync(openedDir, { recursive: true, force: true });
  openedDir = undefined;
});

test('a feed: link opens Add feed with the address filled in; one click subscribes', async ({
  page,
  feeds,
}) => {
  const feedUrl = `${feeds.url}/fixtures/feeds/sample-rss.xml`;
  host = await startBrowserHost({}, ['--open', `feed:${feedUrl}`]);
  await openApp(page, host.url);

  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Feed or site URL' })).toHaveValue(feedUrl);
  await expect(dialog).toContainText('A link asked Broadsheet to add this feed.');
  // Nothing is subscribed before the reader says so.
  const source = sources(page).getByRole('button', { name: /^Sample RSS Feed/ });
  await expect(source).toHaveCount(0);
  await expectAccessible(page);

  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();
  await expect(source).toBeVisible();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);
});

test('an opened .opml file starts the import and shows its report', async ({ page, feeds }) => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-opml-'));
  openedDir = dir;
  const path = join(dir, 'From the desktop.opml');
  writeFileSync(
    path,
    `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="Wire" title="Wire">
        <outline type="rss" text="Sample" xmlUrl="${feeds.url}/fixtures/feeds/sample-rss.xml"/>
      </outline>
      <outline type="rss" text="FTP feed" xmlUrl="ftp://example.com/feed.xml"/>
    </body></opml>`,
  );
  host = await startBrowserHost({}, ['--open', path]);
  await openApp(page, host.url);

  const report = page.getByRole('dialog', { name: 'Import' });
  await expect(report.getByRole('status')).toContainText('Added 1 feed in 1 new folder');
  await expect(report.getByRole('list', { name: 'Not imported' })).toContainText('FTP feed');
  await report.getByRole('button', { name: 'Done' }).click();
  await expect(sources(page).getByRole('list', { name: 'Wire' })).toBeVisible();
});

test('a refused link is explained, and nothing is added', async ({ page }) => {
  host = await startBrowserHost({}, [
    '--open',
    'feed:javascript:alert(document.domain)',
    '--open',
    'broadsheet://subscribe?url=file%3A%2F%2F%2Fetc%2Fpasswd',
  ]);
  await openApp(page, host.url);

  const alert = page.getByRole('alertdialog', { name: 'These links could not be opened' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('A feed: link must hold a web address (http or https).');
  await expect(alert).toContainText('feed:javascript:alert(document.domain)');
  await expect(alert).toContainText('The link does not hold a web address (http or https).');
  await expect(page.getByRole('dialog', { name: 'Add a feed' })).toBeHidden();
  await expectAccessible(page);
  await alert.getByRole('button', { name: 'OK' }).click();
  await expect(alert).toBeHidden();
});
