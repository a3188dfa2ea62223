import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HEADER_BYTES, readBackupHeader } from '../../src/main/backups/backup-header';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '../../src/renderer/db/versions';
import { expect, test } from './support/fixtures';
import { articleList, sources, subscribeToSample } from './support/app';
import { startBrowserHost, type RunningHost } from './support/browser-host';
import { seedLibrary } from './support/seed-library';

/** A host of its own with automatic backups on, in a fresh data folder. */
async function backupHost(): Promise<{ host: RunningHost; backupsDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-backups-'));
  const host = await startBrowserHost({
    BROADSHEET_DATA_DIR: dataDir,
    BROADSHEET_AUTO_BACKUPS: undefined,
  });
  return {
    host: {
      ...host,
      // The data folder goes with the host, once it has exited: nothing reads it after.
      stop: async () => {
        await host.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    },
    backupsDir: join(dataDir, 'backups'),
  };
}

/**
 * Opens the app on a host of its own: its first run imports the starter article through a
 * cold extraction worker, slower than on the shared, warm host `openApp` is timed for.
 */
async function openOwnHost(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await libraryReady(page);
}

const libraryReady = (page: Page) =>
  expect(page.locator('html[data-library-ready]')).toHaveCount(1, { timeout: 30_000 });

const backupFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
};

/** What main reads of a backup file's head (its own reader, as it lists backups). */
const backupHead = (path: string) => readBackupHeader(readFileSync(path).subarray(0, HEADER_BYTES));

test('an emptied library is offered its automatic backup, and restoring it brings everything back', async ({
  page,
  browser,
  feeds,
}) => {
  test.setTimeout(60_000);
  const { host, backupsDir } = await backupHost();
  try {
    await openOwnHost(page, host.url);
    await subscribeToSample(page, feeds.url);
    const title = 'Second sample story';
    await articleList(page)
      .getByRole('button', { name: new RegExp(title) })
      .click();
    const bookmark = page
      .getByRole('article')
      .getByRole('button', { name: 'Bookmark', exact: true });
    await bookmark.click();
    await expect(bookmark).toHaveAttribute('aria-pressed', 'true');

    // A day later (the backups of the first start, if any, are gone): the next start keeps one.
    for (const name of backupFiles(backupsDir)) rmSync(join(backupsDir, name));
    await page.reload();
    await expect.poll(() => backupFiles(backupsDir), { timeout: 15_000 }).toHaveLength(1);
    const [file] = backupFiles(backupsDir);
    expect(file).toMatch(/^auto-\d{4}-\d{2}-\d{2}T[\d-]+Z-daily\.json$/);
    const head = backupHead(join(backupsDir, file!));
    // The sample feed's three stories and the starter article in Saved.
    expect(head).toEqual({ schemaVersion: LATEST_VERSION, articles: 4, images: false });

    // The browser's storage is cleared: a new profile on the same host.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(host.url);
    const offer = fresh.getByRole('button', {
      name: /^Restore from backup \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}, 4 articles\)$/,
    });
    await expect(offer).toBeVisible();
    await expect(fresh.getByRole('heading', { name: 'Your library is empty' })).toBeVisible();
    await expect(fresh.getByRole('button', { name: 'Start with an empty library' })).toBeVisible();
    await fresh.screenshot({ path: test.info().outputPath('restore-offer.png') });

    await offer.click();
    await expect(fresh.getByRole('status').filter({ hasText: 'Restored' })).toContainText(
      '4 articles',
    );
    await expect(articleList(fresh).getByRole('listitem')).toHaveCount(4);
    await sources(fresh).getByRole('button', { name: 'Bookmarks' }).click();
    await expect(articleList(fresh).getByRole('listitem')).toHaveCount(1);
    await expect(articleList(fresh).getByRole('listitem')).toContainText(title);

    // Settings lists the backup, with a Restore of its own.
    await fresh.getByRole('button', { name: 'Settings' }).click();
    const settings = fresh.getByRole('dialog', { name: 'Settings' });
    const table = settings.getByRole('table', { name: 'Automatic backups' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Daily');
    await expect(
      settings.getByRole('checkbox', { name: 'Include saved images in automatic backups' }),
    ).not.toBeChecked();
    await table.scrollIntoViewIfNeeded();
    await fresh.screenshot({ path: test.info().outputPath('settings-backup.png') });
    await table.getByRole('button', { name: /^Restore the backup of / }).click();
    const confirm = settings.getByRole('group', { name: /Replace your whole library/ });
    await expect(confirm).toContainText('the automatic backup of');
    await expect(confirm).toBeInViewport();
    await fresh.screenshot({ path: test.info().outputPath('settings-backup-confirm.png') });
    await settings.getByRole('button', { name: 'Cancel' }).click();

    // Storage: the browser refuses to keep the library (set so, as a browser may decide): it
    // says so, and asking again gets its answer shown.
    const cdp = await context.newCDPSession(fresh);
    await cdp.send('Browser.setPermission', {
      permission: { name: 'persistent-storage' },
      setting: 'denied',
      origin: host.origin,
    });
    await settings.getByRole('button', { name: 'Done' }).click();
    await fresh.getByRole('button', { name: 'Settings' }).click();
    await expect(settings).toContainText('The browser has not agreed to keep it');
    const ask = settings.getByRole('button', { name: 'Ask again to keep the library' });
    await ask.click();
    await expect(
      settings.getByRole('status').filter({ hasText: 'The browser answered' }),
    ).toHaveText(/^The browser answered no: /);
    await ask.scrollIntoViewIfNeeded();
    await fresh.screenshot({ path: test.info().outputPath('settings-storage.png') });
    await context.close();
  } finally {
    await host.stop();
  }
});

test('"Start with an empty library" is not asked again for the same backup', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const { host, backupsDir } = await backupHost();
  try {
    await openOwnHost(page, host.url);
    // The starter article alone is a library worth keeping.
    await page.reload();
    await expect.poll(() => backupFiles(backupsDir), { timeout: 15_000 }).toHaveLength(1);

    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(host.url);
    await fresh.getByRole('button', { name: 'Start with an empty library' }).click();
    await libraryReady(fresh);
    await fresh.evaluate(
      () =>
        new Promise<void>((resolve) => {
          // The first run put the starter article in; empty the library again.
          const request = indexedDB.open('broadsheet');
          request.onsuccess = () => {
            const tx = request.result.transaction(['articles', 'feeds'], 'readwrite');
            tx.objectStore('articles').clear();
            tx.objectStore('feeds').clear();
            tx.oncomplete = () => resolve();
          };
        }),
    );
    await fresh.reload();
    await libraryReady(fresh);
    await expect(fresh.getByRole('button', { name: /^Restore from backup/ })).toHaveCount(0);
    await context.close();
  } finally {
    await host.stop();
  }
});

/** Creates the library as schema version `version` declared it, with raw IndexedDB. */
async function createLibraryAt(page: Page, version: number): Promise<void> {
  const stores: Record<string, string> = {};
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > version) break;
    for (const [name, spec] of Object.entries(step.stores)) {
      if (spec === null) delete stores[name];
      else stores[name] = spec;
    }
  }
  await page.evaluate(
    ({ stores, version }) =>
      new Promise<void>((resolve, reject) => {
        // Dexie's own encoding: version × 10, its keys and indexes from the schema strings.
        const request = indexedDB.open('broadsheet', version * 10);
        request.onupgradeneeded = () => {
          const db = request.result;
          for (const [name, spec] of Object.entries(stores)) {
            const [primary, ...indexes] = spec.split(',').map((part) => part.trim());
            const keyPath = (part: string) => {
              const bare = part.replace(/^(\+\+|&|\*)/, '');
              return bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare;
            };
            const store = db.createObjectStore(name, {
              keyPath: keyPath(primary!),
              autoIncrement: primary!.startsWith('++'),
            });
            for (const index of indexes) {
              const path = keyPath(index);
              store.createIndex(Array.isArray(path) ? `[${path.join('+')}]` : path, path, {
                unique: index.startsWith('&'),
                multiEntry: index.startsWith('*'),
              });
            }
          }
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    { stores, version },
  );
}

test('a library of schema version 4 is backed up before it is upgraded', async ({ page }) => {
  test.setTimeout(60_000);
  const { host, backupsDir } = await backupHost();
  try {
    // A page of the app's origin that runs none of the app: the library is made there.
    const blank = `${host.origin}/seed-an-old-library`;
    await page.route(blank, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }),
    );
    await page.goto(blank);
    await createLibraryAt(page, 4);
    await seedLibrary(page, { feeds: 2, articles: 12, prefix: 'old' });

    await openOwnHost(page, host.url);
    const files = backupFiles(backupsDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-before-upgrade-from-4\.json$/);
    const head = backupHead(join(backupsDir, files[0]!));
    expect(head).toEqual({ schemaVersion: 4, articles: 12, images: false });
    // The upgrade went ahead, and nothing was lost.
    await expect(sources(page).getByRole('button', { name: /^Bench feed 0001/ })).toBeVisible();
    const stored = await page.evaluate(
      () =>
        new Promise<{ version: number; articles: number }>((resolve) => {
          const request = indexedDB.open('broadsheet');
          request.onsuccess = () => {
            const db = request.result;
            const count = db.transaction('articles').objectStore('articles').count();
            count.onsuccess = () => {
              resolve({ version: db.version, articles: count.result });
              db.close();
            };
          };
        }),
    );
    expect(stored.version).toBe(SCHEMA_VERSIONS.at(-1)!.version * 10);
    expect(stored.articles).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(
      page
        .getByRole('dialog', { name: 'Settings' })
        .getByRole('table', { name: 'Automatic backups' }),
    ).toContainText('Before upgrade from version 4');
  } finally {
    await host.stop();
  }
});
