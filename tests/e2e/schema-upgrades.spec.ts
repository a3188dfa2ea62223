/**
 * Issue 15, item 4, in Chromium: a library written by every schema version (raw IndexedDB, put
 * there before the app is ever loaded in the page) opens in the app with everything the reader
 * had, read from storage with the network blocked; a library from a newer Broadsheet is refused
 * with a message and left exactly as it was.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { articleList, sources } from './support/app';
import type { RunningHost } from './support/browser-host';
import {
  FIXTURE_VERSIONS,
  readLibraryFixture,
  readRawLibrary,
  storesAt,
  writeRawLibrary,
  type LibraryFixture,
  type RawLibrary,
} from '../fixtures/libraries/library-fixtures';
import { LATEST_VERSION } from '../../src/renderer/db/versions';

const LIBRARY = 'broadsheet';

/**
 * Writes the fixture into the origin's IndexedDB from a blank page at the host's origin (served
 * by the test, so no app code runs), with the page's clock at the time the library was last
 * used. Returns the library as it then stands.
 */
async function seedBeforeTheApp(
  page: Page,
  host: RunningHost,
  fixture: LibraryFixture,
): Promise<RawLibrary> {
  await page.clock.install({ time: fixture.now });
  const blank = `${host.origin}/schema-upgrade-seed`;
  await page.route(blank, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Seeding</title>' }),
  );
  await page.goto(blank);
  await page.evaluate(writeRawLibrary, {
    name: LIBRARY,
    version: fixture.version,
    stores: storesAt(fixture),
    tables: fixture.tables,
  });
  const seeded = await page.evaluate(readRawLibrary, LIBRARY);
  await page.unroute(blank);
  return seeded;
}

/** Every request the page makes beyond the host is refused, and listed. */
async function blockTheNetwork(page: Page, host: RunningHost): Promise<string[]> {
  const blocked: string[] = [];
  await page.route(
    (url) => url.origin !== host.origin,
    (route) => {
      blocked.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  return blocked;
}

const rowsOf = (library: RawLibrary, store: string) =>
  (library.stores[store]?.rows ?? []) as Record<string, unknown>[];

for (const version of FIXTURE_VERSIONS) {
  test(`a library written at schema v${version} opens with everything in it`, async ({
    page,
    host,
  }) => {
    const fixture = readLibraryFixture(`v${version}`);
    const seeded = await seedBeforeTheApp(page, host, fixture);
    expect(seeded.nativeVersion).toBe(version * 10);
    const blocked = await blockTheNetwork(page, host);

    await page.goto(host.url);
    await expect(page.locator('html[data-library-ready]')).toHaveCount(1);

    // Feeds in their folders, with their unread counts; the unsubscribed one stays hidden.
    const harbour = sources(page)
      .getByRole('list', { name: 'News' })
      .getByRole('button', { name: /^Harbour Gazette/ });
    // v6's library adds Harbour's lead copy of a wire story, unread.
    await expect(harbour).toHaveAccessibleName(version >= 6 ? /3 unread/ : /2 unread/);
    await expect(
      sources(page)
        .getByRole('list', { name: 'Tech' })
        .getByRole('button', { name: /^Circuit \(weekly digest\)/ }),
    ).toHaveAccessibleName(/1 unread/);
    await expect(sources(page).getByRole('button', { name: /^Loose Leaf/ })).toBeVisible();
    await expect(sources(page).getByRole('button', { name: /Old Times/ })).toHaveCount(0);
    if (version >= 4) {
      await expect(sources(page).getByRole('button', { name: /^Orbit Notes/ })).toBeVisible();
    }
    if (version >= 6) {
      // The quiet feed keeps its count under itself; the hidden article counts nowhere.
      await expect(
        sources(page).getByRole('button', { name: /^Wire Service/ }),
      ).toHaveAccessibleName(/1 unread/);
      await expect(sources(page).getByRole('button', { name: /^Loose Leaf/ })).toHaveAccessibleName(
        /1 unread/,
      );
    }
    if (version >= 2) {
      const saved = sources(page).getByRole('list', { name: 'Saved searches' });
      await expect(saved.getByRole('button', { name: 'Ferry news', exact: true })).toBeVisible();
      await expect(
        saved.getByRole('button', { name: 'Boards by date', exact: true }),
      ).toBeVisible();
      await expect(
        sources(page)
          .getByRole('list', { name: 'Tags' })
          .getByRole('button', { name: /^city 1 article$/ }),
      ).toBeVisible();
    }

    // Read raw once the app is up: the upgrade ran, and nothing the reader made is gone or
    // changed (before opening an article, which may rightly clear its reading position).
    const after = await page.evaluate(readRawLibrary, LIBRARY);
    expect(after.nativeVersion).toBe(LATEST_VERSION * 10);
    const articles = new Map(rowsOf(after, 'articles').map((row) => [row['id'], row]));
    for (const row of rowsOf(seeded, 'articles')) {
      const now = articles.get(row['id']);
      expect(now, `article ${String(row['id'])}`).toBeDefined();
      for (const field of ['title', 'bookmarkedAt', 'tags', 'note', 'contentHtml', 'feedId']) {
        expect(now![field], `${String(row['id'])}.${field}`).toStrictEqual(row[field]);
      }
    }
    if (version >= 2) {
      expect(rowsOf(after, 'images')).toStrictEqual(rowsOf(seeded, 'images'));
    }
    for (const store of ['folders', 'positions', 'purged']) {
      expect(rowsOf(after, store), store).toStrictEqual(rowsOf(seeded, store));
    }
    // This host has no sign-in for the account, so the app marks it signed out; who it is stays.
    const identity = ({
      id,
      service,
      serverUrl,
      username,
      name,
      createdAt,
    }: Record<string, unknown>) => ({ id, service, serverUrl, username, name, createdAt });
    expect(rowsOf(after, 'accounts').map(identity)).toStrictEqual(
      rowsOf(seeded, 'accounts').map(identity),
    );
    const savedSearches = (rows: Record<string, unknown>[]) =>
      rows.find((row) => row['key'] === 'savedSearches');
    expect(savedSearches(rowsOf(after, 'settings'))).toStrictEqual(
      savedSearches(rowsOf(seeded, 'settings')),
    );

    // The feed's articles, and the bookmarked one opens with its image from storage.
    await harbour.click();
    await expect(articleList(page).getByRole('listitem')).toHaveText([
      ...(version >= 6 ? [/^Bridge reopens after repairs/] : []),
      /^Ferry timetable changes/,
      /^Council budget approved/,
      /^Market moves to the square/,
    ]);
    await articleList(page)
      .getByRole('button', { name: /Ferry timetable changes/ })
      .click();
    const reader = page.getByRole('article');
    await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Ferry timetable changes');
    await expect(reader.getByRole('button', { name: 'Bookmark', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const image = reader.getByRole('img', { name: 'The ferry at the quay' });
    if (version >= 2) {
      await expect(image).toHaveAttribute('src', /^blob:/);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(40);
      await expect(reader.getByRole('list', { name: 'Article tags' })).toHaveText(/city.*to-read/s);
      await expect(reader.getByRole('textbox', { name: 'Note' })).toHaveValue(
        'Ask the council about the 7:10 crossing.',
      );
    } else {
      // v1 never stored images: offline, the reader says so instead of fetching it.
      await expect(image).toHaveAttribute('data-missing', '');
    }
    // Nothing the reader saw came from the network.
    expect(blocked.filter((url) => url.includes('/images/'))).toEqual([]);

    // Search finds the upgraded library's articles (its index is built from them), from the
    // saved search where the library has one.
    if (version >= 2) {
      await sources(page)
        .getByRole('list', { name: 'Saved searches' })
        .getByRole('button', { name: 'Ferry news', exact: true })
        .click();
      await expect(page.getByRole('searchbox', { name: 'Search articles' })).toHaveValue('ferry');
    } else {
      await page.getByRole('searchbox', { name: 'Search articles' }).fill('ferry');
    }
    await expect(
      page
        .getByRole('list', { name: 'Search results' })
        .getByRole('button', { name: /Ferry timetable changes/ }),
    ).toBeVisible();
  });
}

test('a library from a newer Broadsheet is refused with a message and left untouched', async ({
  page,
  host,
}) => {
  const fixture = readLibraryFixture('v9-newer');
  const seeded = await seedBeforeTheApp(page, host, fixture);
  expect(seeded.nativeVersion).toBeGreaterThan(LATEST_VERSION * 10);
  await blockTheNetwork(page, host);

  await page.goto(host.url);
  await expect(page.getByRole('alert')).toContainText(
    'This library was made by a newer version of Broadsheet',
  );
  // Whatever the app might still be doing in the background has had its chance.
  await page.waitForTimeout(1500);
  expect(await page.evaluate(readRawLibrary, LIBRARY)).toStrictEqual(seeded);
  // Nothing else was started against it: no search index was made beside it.
  expect(
    await page.evaluate(async () => (await indexedDB.databases()).map((info) => info.name)),
  ).toEqual([LIBRARY]);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(
    'This library was made by a newer version of Broadsheet',
  );
  expect(await page.evaluate(readRawLibrary, LIBRARY)).toStrictEqual(seeded);
});

/**
 * A backup file as schema v1 would have written it (dexie-export-import's format), from the v1
 * library: v1 had no Blobs, so plain JSON is the whole of it.
 */
function v1BackupFile(fixture: LibraryFixture): Buffer {
  const stores = storesAt(fixture);
  const tables = Object.entries(fixture.tables);
  // JSON has no undefined: a field v1 stored as undefined is absent from its backup.
  const rows = JSON.parse(
    JSON.stringify(fixture.tables, (_key, value: unknown) =>
      (value as { $undefined?: boolean } | null)?.$undefined === true ? undefined : value,
    ),
  ) as Record<string, unknown[]>;
  return Buffer.from(
    JSON.stringify({
      formatName: 'dexie',
      formatVersion: 1,
      data: {
        databaseName: LIBRARY,
        databaseVersion: fixture.version,
        tables: tables.map(([name, list]) => ({
          name,
          schema: stores[name]!.replace(/\s+/g, ''),
          rowCount: list.length,
        })),
        data: tables.map(([tableName]) => ({ tableName, inbound: true, rows: rows[tableName] })),
      },
    }),
  );
}

test('a backup made at schema v1 restores with the upgrades v1 never had', async ({
  page,
  host,
}) => {
  const fixture = readLibraryFixture('v1');
  await page.clock.install({ time: fixture.now });
  await blockTheNetwork(page, host);
  await page.goto(host.url);
  await expect(page.locator('html[data-library-ready]')).toHaveCount(1);

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Backup file to restore').setInputFiles({
    name: 'broadsheet-backup-v1.json',
    mimeType: 'application/json',
    buffer: v1BackupFile(fixture),
  });
  await settings.getByRole('button', { name: 'Replace library' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'Restored' })).toHaveText(
    'Restored 4 feeds, 2 folders, 7 articles, 1 setting.',
  );
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(
    sources(page)
      .getByRole('list', { name: 'News' })
      .getByRole('button', { name: /^Harbour Gazette/ }),
  ).toHaveAccessibleName(/2 unread/);

  // As opening the v1 library itself would: v2's upgrade queued every article for the offline
  // pass (which may since have moved some on), and the scratch database it ran in is gone.
  const library = await page.evaluate(readRawLibrary, LIBRARY);
  const articles = rowsOf(library, 'articles');
  expect(articles).toHaveLength(7);
  for (const article of articles) {
    expect(['pending', 'partial', 'complete'], String(article['id'])).toContain(article['offline']);
  }
  const databases = await page.evaluate(async () =>
    (await indexedDB.databases()).map((info) => info.name),
  );
  expect(databases.filter((name) => name?.includes('restore'))).toEqual([]);
});
