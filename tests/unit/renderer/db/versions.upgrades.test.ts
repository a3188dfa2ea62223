/**
 * Issue 15, item 4: a library written by every shipped schema version (tests/fixtures/libraries,
 * rows shaped as that version's app wrote them) opens with the app's createDb at the latest
 * version with nothing lost, the upgrades' effects applied, and the app's repositories reading
 * it as they read a library they wrote themselves.
 */
import { readFileSync } from 'node:fs';
import { Blob as NodeBlob } from 'node:buffer';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, createDb, type BroadsheetDb } from '@renderer/db/schema';
import { SAVED_FEED_ID } from '@renderer/db/entities';
import {
  countArticles,
  countUnread,
  listArticles,
  listFeeds,
  listFolders,
} from '@renderer/db/queries';
import { listTagCounts } from '@renderer/db/bookmarks-repository';
import { listSavedSearches } from '@renderer/db/saved-searches-repository';
import { getPosition } from '@renderer/db/positions-repository';
import { countUnreadByFeed } from '@renderer/db/unread-counter';
import { getSetting } from '@renderer/db/settings-repository';
import { getArticleImages, listPendingOffline } from '@renderer/db/offline-repository';
import { listAccounts, purgedItemIds } from '@renderer/db/accounts-repository';
import { takeOutboxBatch } from '@renderer/db/outbox-repository';
import {
  FIXTURE_VERSIONS,
  readLibraryFixture,
  readRawLibrary,
  storesAt,
  writeRawLibrary,
  type LibraryFixture,
} from '../../../fixtures/libraries/library-fixtures';

const IMAGES = path.resolve(__dirname, '../../../fixtures/pages/articles/images');

const opened: BroadsheetDb[] = [];
const names: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  for (const name of names.splice(0)) await createDb(name).delete();
});

function freshName(tag: string): string {
  const name = `upgrade-${tag}-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  return name;
}

/** The fixture on disk at its own version, in a database the app's createDb made at that version. */
async function seedAtItsVersion(fixture: LibraryFixture): Promise<string> {
  const name = freshName(`v${fixture.version}`);
  const old = createDb(name, fixture.version);
  await old.open();
  old.close();
  await writeRawLibrary(
    { name, version: fixture.version, stores: storesAt(fixture), tables: fixture.tables },
    NodeBlob as unknown as typeof Blob,
  );
  return name;
}

async function openLatest(name: string): Promise<BroadsheetDb> {
  const db = createDb(name);
  opened.push(db);
  await db.open();
  return db;
}

type Row = Record<string, unknown>;

/** The rows the fixture holds once every upgrade from its version has run. */
function expectedAfterUpgrade(fixture: LibraryFixture): Record<string, Row[]> {
  const tables = structuredClone(fixture.tables) as Record<string, Row[]>;
  if (fixture.version < 2) {
    // v2's upgrade queues every article stored before it for the offline pass.
    for (const article of tables['articles'] ?? []) article['offline'] ??= 'pending';
  }
  if (fixture.version < 6) {
    // v6 places every article (nothing was hidden, quiet or grouped before it: each shows in its
    // feed and in the crowd views) and stamps the unread ones unread since they were fetched.
    for (const article of tables['articles'] ?? []) {
      article['lane'] = article['feedId'];
      article['crowd'] = 1;
      if (article['unread'] === 1) article['unreadAt'] = article['fetchedAt'];
    }
  }
  if (fixture.version < 8) {
    // v8 counts what All articles, Unread and Hidden hold into tallies.
    const articles = tables['articles'] ?? [];
    const crowd = articles.filter((article) => article['crowd'] === 1);
    tables['tallies'] = [
      { key: 'crowd', count: crowd.length },
      { key: 'crowd+unread', count: crowd.filter((article) => article['unread'] === 1).length },
      {
        key: 'hidden',
        count: articles.filter((article) => article['hiddenAt'] !== undefined).length,
      },
    ];
  }
  return tables;
}

const byKey = (keyPath: string | string[] | null) => (row: Row) =>
  JSON.stringify(
    Array.isArray(keyPath) ? keyPath.map((key) => row[key]) : keyPath ? row[keyPath] : null,
  );

describe.each(FIXTURE_VERSIONS)('a library written at schema v%i', (version) => {
  const fixture = readLibraryFixture(`v${version}`);

  it(`holds exactly its version's stores before the upgrade`, async () => {
    const before = await readRawLibrary(await seedAtItsVersion(fixture));
    expect(before.nativeVersion).toBe(version * 10);
    expect(Object.keys(before.stores).sort()).toEqual(Object.keys(storesAt(fixture)).sort());
    for (const [table, rows] of Object.entries(fixture.tables)) {
      expect(before.stores[table]!.rows, table).toHaveLength(rows.length);
    }
  });

  it(`upgrades v${version} → latest keeping every row and field, Blobs byte for byte`, async () => {
    const name = await seedAtItsVersion(fixture);
    const db = await openLatest(name);
    expect(db.verno).toBe(LATEST_VERSION);

    const after = await readRawLibrary(name);
    expect(after.nativeVersion).toBe(LATEST_VERSION * 10);
    const latest = storesAt({ ...fixture, version: LATEST_VERSION });
    expect(Object.keys(after.stores).sort()).toEqual(Object.keys(latest).sort());
    const expected = expectedAfterUpgrade(fixture);
    for (const [table, store] of Object.entries(after.stores)) {
      const want = [...(expected[table] ?? [])].sort((a, b) =>
        byKey(store.keyPath)(a) < byKey(store.keyPath)(b) ? -1 : 1,
      );
      const got = [...(store.rows as Row[])].sort((a, b) =>
        byKey(store.keyPath)(a) < byKey(store.keyPath)(b) ? -1 : 1,
      );
      // Strict: a field stored as undefined stays so, and no field appears that was not there.
      expect(got, table).toStrictEqual(want);
    }

    if (version >= 2) {
      const [ferry, map] = await getArticleImages('harbour|ferry', db).then((images) =>
        images.sort((a, b) => a.url.localeCompare(b.url)),
      );
      const bytes = async (blob: Blob | undefined) =>
        Buffer.from(await (blob as Blob).arrayBuffer());
      expect(await bytes(ferry!.blob)).toEqual(readFileSync(path.join(IMAGES, 'blog-cover.png')));
      expect(await bytes(map!.blob)).toEqual(readFileSync(path.join(IMAGES, 'blog-diagram.png')));
      expect(ferry!.blob!.type).toBe('image/png');
    }
  });

  it(`is read by the app's repositories after v${version} → latest`, async () => {
    const db = await openLatest(await seedAtItsVersion(fixture));
    const local = ['Circuit (weekly digest)', 'Harbour Gazette', 'Loose Leaf'];
    if (version >= 3) local.push('Home Server Notes');
    if (version >= 4) local.push('Orbit Notes');
    if (version >= 6) local.push('Wire Service');
    expect((await listFeeds(db)).map((feed) => feed.customTitle ?? feed.title)).toEqual(
      local.sort((a, b) => a.localeCompare(b)),
    );
    const folders = (await listFolders(db)).map((folder) => folder.name);
    expect(folders).toEqual(version >= 4 ? ['News', 'Science', 'Tech'] : ['News', 'Tech']);
    expect((await listFeeds(db)).find((feed) => feed.id === 'harbour')?.folderId).toBe(
      'folder-news',
    );

    // Articles of a feed, newest first, from the [lane+publishedAt] index (v6 placed them).
    const harbour = await listArticles({ kind: 'feed', feedId: 'harbour' }, {}, db);
    expect(harbour.map((article) => article.title)).toEqual([
      ...(version >= 6 ? ['Bridge reopens after repairs'] : []),
      'Ferry timetable changes',
      'Council budget approved',
      'Market moves to the square',
    ]);
    expect(await countUnread('harbour', db)).toBe(version >= 6 ? 3 : 2);
    const unread = await countUnreadByFeed(['harbour', 'circuit', 'loose-leaf', 'old-times'], db);
    expect(Object.fromEntries(unread)).toEqual({
      harbour: version >= 6 ? 3 : 2,
      circuit: 1,
      'loose-leaf': 1,
      'old-times': 0,
    });
    const unreadView = (await listArticles({ kind: 'unread' }, { order: 'oldest' }, db)).map(
      (a) => a.id,
    );
    // The views' sizes, read from the tallies, are what their lists hold.
    for (const source of [{ kind: 'all' }, { kind: 'unread' }, { kind: 'hidden' }] as const) {
      expect(await countArticles(source, undefined, db), source.kind).toBe(
        (await listArticles(source, { limit: 1000 }, db)).length,
      );
    }
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(unreadView.length);
    expect(unreadView).toContain('harbour|market');
    if (version >= 6) {
      // The hidden article is in no view but Hidden; the quiet feed's copy of the story shows
      // under its feed only, and the story once, by its lead.
      expect(unreadView).not.toContain('loose-leaf|horoscope');
      expect(unreadView).not.toContain('wire|bridge');
      expect(unreadView).toContain('harbour|bridge');
      expect((await listArticles({ kind: 'hidden' }, {}, db)).map((a) => a.id)).toEqual([
        'loose-leaf|horoscope',
      ]);
      expect(await countUnread('loose-leaf', db)).toBe(1);
      expect(await countUnread('wire', db)).toBe(1);
      expect(
        (await listArticles({ kind: 'feed', feedId: 'wire' }, {}, db)).map((a) => a.id),
      ).toEqual(['wire|bridge']);
      expect((await db.rules.toArray()).map((rule) => rule.id).sort()).toEqual([
        'rule-horoscopes',
        'rule-mute-election',
        'rule-tag-solder',
      ]);
      expect(
        (await db.fingerprints.where('keys').equals('title:bridge reopens after repairs').toArray())
          .map((row) => row.articleId)
          .sort(),
      ).toEqual(['circuit|bridge', 'harbour|bridge', 'wire|bridge']);
    } else {
      expect(await db.rules.count()).toBe(0);
      expect(await db.fingerprints.count()).toBe(0);
    }

    // Bookmarks (the unsubscribed feed's stays), their tags and notes.
    const bookmarks = (await listArticles({ kind: 'bookmarks' }, {}, db)).map((a) => a.id);
    expect(bookmarks).toEqual(expect.arrayContaining(['harbour|ferry', 'old-times|archive']));
    const ferry = (await db.articles.get('harbour|ferry'))!;
    if (version >= 2) {
      expect(ferry.tags).toEqual(['city', 'to-read']);
      expect(ferry.note).toBe('Ask the council about the 7:10 crossing.');
      const tags = Object.fromEntries(
        (await listTagCounts(db)).map(({ tag, count }) => [tag, count]),
      );
      expect(tags).toMatchObject({ city: 1, 'to-read': 1, history: 1 });
      expect((await listArticles({ kind: 'tag', tag: 'city' }, {}, db)).map((a) => a.id)).toEqual([
        'harbour|ferry',
      ]);
      expect((await listArticles({ kind: 'saved' }, {}, db)).map((a) => a.feedId)).toEqual([
        SAVED_FEED_ID,
      ]);
      expect((await listSavedSearches(db)).map((search) => search.name)).toEqual([
        'Ferry news',
        'Boards by date',
      ]);
      expect(await getSetting('readerStyle', db)).toEqual({
        theme: 'sepia',
        font: 'sans',
        size: 4,
        width: 'wide',
        lineHeight: 'relaxed',
      });
      expect(await getSetting('retention', db)).toEqual({
        keepReadDays: 60,
        keepUnreadDays: 120,
        maxPerFeed: 500,
      });
    } else {
      // v1 had no tags, notes, saved articles or saved searches to write.
      expect(ferry.tags).toEqual([]);
      expect(await listSavedSearches(db)).toEqual([]);
      // Every article v1 stored waits for the offline pass v2 brought.
      expect(await listPendingOffline(100, db)).toHaveLength(fixture.tables['articles']!.length);
    }
    expect(await getSetting('sync', db)).toMatchObject({ intervalMinutes: 60, concurrency: 4 });

    if (version >= 3) {
      expect(await getPosition('harbour|ferry', db)).toMatchObject({ fraction: 0.42 });
      expect(await getSetting('readState', db)).toEqual({ mode: 'manual' });
      expect(await getSetting('paneWidths', db)).toEqual({ sidebar: 260, list: 380 });
    } else {
      expect(await db.positions.count()).toBe(0);
    }

    if (version >= 4) {
      const [account] = await listAccounts(db);
      expect(account).toMatchObject({ id: 'account-7f3c', name: 'FreshRSS at home' });
      expect(await countUnread('acc-orbit', db)).toBe(1);
      expect(
        await db.articles.where('[accountId+unread]').equals(['account-7f3c', 1]).count(),
      ).toBe(1);
      const batch = await takeOutboxBatch('account-7f3c', 100, db);
      expect(batch.changes.map((change) => change.kind).sort()).toEqual(['read', 'star']);
      // An account and this computer may now share an address (v4 dropped the unique index).
      expect(await db.feeds.where('url').equals('http://127.0.0.1:9/orbit/feed.xml').count()).toBe(
        1,
      );
    } else {
      expect(await db.accounts.count()).toBe(0);
      expect(await db.outbox.count()).toBe(0);
    }
    if (version >= 5) {
      const purged = (fixture.tables['purged'] as { remoteId: string }[]).map(
        (row) => row.remoteId,
      );
      const stillPurged = await purgedItemIds('account-7f3c', new Set(purged), new Set(), db);
      expect([...stillPurged].sort()).toEqual([...purged].sort());
    } else {
      expect(await db.purged.count()).toBe(0);
    }
  });
});

describe('the fixture writer', () => {
  it.each([...FIXTURE_VERSIONS])(
    'lays out v%i exactly as the app’s createDb does (what the e2e tests rely on)',
    async (version) => {
      const fixture = readLibraryFixture(`v${version}`);
      const byDexie = freshName('dexie');
      const db = createDb(byDexie, version);
      await db.open();
      db.close();
      const byWriter = freshName('raw');
      await writeRawLibrary({ name: byWriter, version, stores: storesAt(fixture), tables: {} });
      const [dexie, raw] = await Promise.all([readRawLibrary(byDexie), readRawLibrary(byWriter)]);
      expect(raw).toStrictEqual(dexie);
    },
  );
});
