import { describe, expect, it } from 'vitest';
import { backUpLibrary } from '@renderer/db/backup-repository';
import { describeRestore, restoreLibrary } from '@renderer/db/restore-repository';
import type { Feed } from '@renderer/db/entities';
import { listFeedSyncStates } from '@renderer/db/queries';
import { articleRowSchema } from '@renderer/db/row-schemas';
import { getSetting } from '@renderer/db/settings-repository';
import { sanitizeForDisplay } from '@renderer/lib/sanitize-html';
import { methodParams } from '@shared/contract';
import { DEFAULT_SYNC_SETTINGS } from '@shared/sync-model';
import { storedArticle } from './fixtures';
import { testDatabases } from './test-db';
import type { ReportLine } from '@renderer/db/restore-repository';
import { said } from '@renderer/lib/message-ref';

/** A report's lines with each reason in English words, as "3 articles …" finishes. */
const worded = (lines: ReportLine[]) =>
  lines.map((line) => ({ ...line, reason: said(line.reason, { what: '' }).trim() }));

const newDb = testDatabases('backup');

const SCHEMAS: Record<string, string> = {
  feeds: 'id,&url,folderId',
  folders: 'id,parentId',
  articles: 'id,feedId,publishedAt',
  settings: 'key',
  images: 'url,*articleIds,status',
  positions: 'articleId,updatedAt',
};

/** A backup file as dexie-export-import writes it, with whatever rows a test puts in. */
function backupFile(tables: Record<string, unknown[]>, head: Record<string, unknown> = {}): Blob {
  const file = {
    formatName: 'dexie',
    formatVersion: 1,
    data: {
      databaseName: 'broadsheet',
      databaseVersion: 3,
      tables: Object.entries(tables).map(([name, rows]) => ({
        name,
        schema: SCHEMAS[name],
        rowCount: rows.length,
      })),
      data: Object.entries(tables).map(([tableName, rows]) => ({
        tableName,
        inbound: true,
        rows,
      })),
    },
    ...head,
  };
  return new Blob([JSON.stringify(file)], { type: 'application/json' });
}

function feed(id: string, extra: Partial<Feed> & Record<string, unknown> = {}): Feed {
  return { id, url: `https://${id}.example/feed`, title: `Feed ${id}`, createdAt: 1, ...extra };
}

const HOSTILE = {
  feeds: [
    feed('good'),
    feed('etag', { etag: 'x'.repeat(2000), lastModified: 'y'.repeat(1500) }),
    feed('long', { url: `https://long.example/${'a'.repeat(5000)}` }),
    feed('js', { url: 'javascript:alert(1)' }),
    feed('interval', { intervalMinutes: Number.NaN }),
    feed('dup', { url: 'https://good.example/feed' }),
  ],
  articles: [
    storedArticle('good|1', {
      feedId: 'good',
      contentHtml: '<p>Hello <img src="x" onerror="alert(1)"><script>alert(2)</script></p>',
    }),
    { ...storedArticle('good|2', { feedId: 'good' }), authors: null },
    storedArticle('good|3', { feedId: 'good', url: 'javascript:alert(1)' }),
    storedArticle('good|4', { feedId: 'good', url: 'JavaScript:alert(1)' }),
    storedArticle('good|5', { feedId: 'good', url: ' javascript:alert(1)' }),
    storedArticle('good|6', { feedId: 'good', url: 'data:text/html,<script>alert(1)</script>' }),
    { ...storedArticle('good|7', { feedId: 'good' }), publishedAt: 'yesterday' },
    // typeson writes NaN as a string and says so in $types; dexie-export-import revives it.
    {
      ...storedArticle('good|8', { feedId: 'good' }),
      publishedAt: 'NaN',
      $types: { publishedAt: 'nan' },
    },
    { ...storedArticle('good|9', { feedId: 'good' }), unread: 'yes' },
  ],
  settings: [
    { key: 'sync', value: { intervalMinutes: 'often', concurrency: 6, maxFeedBytes: 1 } },
    { key: 'readerStyle', value: { theme: 'sepia' } },
    { key: 'somethingElse', value: 1 },
  ],
  positions: [
    { articleId: 'good|1', fraction: 0.5, updatedAt: 1 },
    { articleId: 'good|2', fraction: Number.NaN, updatedAt: 1 },
  ],
  images: [{ url: 'javascript:alert(1)', articleIds: ['good|1'], status: 'failed', attempts: 1 }],
};

describe('restoring a backup', () => {
  it('restores the good rows, repairs the obvious, skips the rest and says why', async () => {
    const db = newDb();
    const report = await restoreLibrary(backupFile(HOSTILE), db);

    expect((await db.feeds.toArray()).map((f) => f.id).sort()).toEqual([
      'etag',
      'good',
      'interval',
    ]);
    expect((await db.articles.toArray()).map((a) => a.id).sort()).toEqual(['good|1', 'good|2']);
    expect(await db.positions.count()).toBe(1);
    expect(await db.images.count()).toBe(0);
    expect((await db.settings.toArray()).map((s) => s.key)).toEqual(['readerStyle']);

    expect(report.restored).toMatchObject({ feeds: 3, articles: 2, settings: 1, positions: 1 });
    const message = describeRestore(report);
    expect(message).toContain('Restored 3 feeds, 2 articles, 1 setting, 1 reading position.');
    expect(message).toContain('3 articles with a javascript: URL, 1 article with a data: URL');
    expect(worded(report.skipped)).toEqual(
      expect.arrayContaining([
        { table: 'articles', reason: 'with a javascript: URL', count: 3 },
        { table: 'articles', reason: 'with a data: URL', count: 1 },
        { table: 'articles', reason: 'with a bad “publishedAt”', count: 2 },
        { table: 'articles', reason: 'with a bad “unread”', count: 1 },
        { table: 'feeds', reason: 'with an address longer than 4,096 characters', count: 1 },
        { table: 'feeds', reason: 'with a javascript: URL', count: 1 },
        { table: 'feeds', reason: 'with the same address as another feed', count: 1 },
        { table: 'images', reason: 'with a javascript: URL', count: 1 },
        { table: 'positions', reason: 'with a bad “fraction”', count: 1 },
      ]),
    );
    expect(worded(report.repaired)).toEqual(
      expect.arrayContaining([
        { table: 'articles', reason: 'with no “authors” list (made empty)', count: 1 },
        { table: 'feeds', reason: 'with an over-long ETag (dropped)', count: 1 },
        { table: 'feeds', reason: 'with an over-long Last-Modified (dropped)', count: 1 },
        { table: 'feeds', reason: 'with a bad “intervalMinutes” (dropped)', count: 1 },
      ]),
    );
    expect(report.skipped.filter((l) => l.table === 'settings')).toHaveLength(2);
  });

  it('leaves nothing the reader could not open, and nothing main would refuse', async () => {
    const db = newDb();
    await restoreLibrary(backupFile(HOSTILE), db);
    for (const article of await db.articles.toArray()) {
      expect(articleRowSchema.safeParse(article).success).toBe(true);
      expect(Array.isArray(article.authors)).toBe(true);
      // Already what the reader's sanitizer makes of it.
      expect(sanitizeForDisplay(article.contentHtml ?? '')).toBe(article.contentHtml ?? '');
      expect(article.contentHtml ?? '').not.toMatch(/onerror|<script/i);
    }
    // What the sync bridge sends main passes the contract's own check.
    const params = {
      feeds: await listFeedSyncStates(db),
      settings: await getSetting('sync', db),
    };
    expect(methodParams['sync.setFeeds'].safeParse(params).success).toBe(true);
    expect(params.settings).toEqual(DEFAULT_SYNC_SETTINGS);
  });

  it('round-trips its own backups unchanged', async () => {
    const source = newDb();
    await source.feeds.bulkPut([feed('a', { etag: '"v1"', siteUrl: 'https://a.example/' })]);
    await source.articles.bulkPut([
      storedArticle('a|1', { feedId: 'a', tags: ['x'], note: 'n', bookmarkedAt: 5 }),
      storedArticle('a|2', {
        feedId: 'a',
        // As main stores it: already through the shared sanitize policy.
        contentHtml: sanitizeForDisplay('<p>Text <a href="https://e.com/">link</a></p>'),
      }),
    ]);
    await source.settings.put({ key: 'readerStyle', value: { theme: 'dark', size: 4 } });
    await source.positions.put({ articleId: 'a|1', fraction: 0.25, updatedAt: 9 });
    const target = newDb();
    // Made from a test database, the file names it; the app's own is called broadsheet.
    const made = await (await backUpLibrary(source)).text();
    const file = new Blob([
      made.replace(`"databaseName":"${source.name}"`, '"databaseName":"broadsheet"'),
    ]);
    const report = await restoreLibrary(file, target);
    expect(worded(report.skipped)).toEqual([]);
    expect(worded(report.repaired)).toEqual([]);
    expect(await target.feeds.toArray()).toEqual(await source.feeds.toArray());
    expect(await target.articles.toArray()).toEqual(await source.articles.toArray());
    expect(await target.settings.toArray()).toEqual(await source.settings.toArray());
    expect(await target.positions.toArray()).toEqual(await source.positions.toArray());
  });

  it('restoring a backup without images keeps the stored images its articles show, and queues the rest', async () => {
    const source = newDb();
    await source.feeds.bulkPut([feed('a')]);
    const shown = 'https://a.example/shown.png';
    const gone = 'https://a.example/gone.png';
    await source.articles.bulkPut([
      storedArticle('a|1', { feedId: 'a', offline: 'complete', images: [shown] }),
      storedArticle('a|2', { feedId: 'a', offline: 'complete', images: [gone] }),
      storedArticle('a|3', { feedId: 'a', offline: 'complete', images: [] }),
    ]);
    const made = await (await backUpLibrary(source, { images: false })).text();
    const file = new Blob([
      made.replace(`"databaseName":"${source.name}"`, '"databaseName":"broadsheet"'),
    ]);
    // The library restored into holds the first image (and one no restored article shows).
    const target = newDb();
    const image = (url: string, articleIds: string[]) => ({
      url,
      articleIds,
      status: 'ok' as const,
      contentType: 'image/png',
      bytes: 3,
      attempts: 1,
    });
    await target.images.bulkPut([
      image(shown, ['old|1']),
      image('https://x.example/i.png', ['x|1']),
    ]);
    await restoreLibrary(file, target);
    expect(await target.images.toArray()).toEqual([image(shown, ['a|1'])]);
    const offline = Object.fromEntries(
      (await target.articles.toArray()).map((a) => [a.id, a.offline]),
    );
    expect(offline).toEqual({ 'a|1': 'complete', 'a|2': 'pending', 'a|3': 'complete' });
  });

  it('refuses a malformed file with a clear reason, and the library stays as it was', async () => {
    const db = newDb();
    await db.articles.put(storedArticle('keep|1'));
    await db.feeds.put(feed('keep'));
    const whole = await backupFile({ articles: [storedArticle('new|1')] }).text();
    const cases: [Blob, RegExp][] = [
      [new Blob(['not json at all']), /not a Broadsheet backup/],
      [new Blob(['{"hello": "world"}']), /not a Broadsheet backup/],
      [backupFile({}, { formatVersion: 2 }), /format version 2/],
      [
        new Blob([whole.replace('"databaseVersion":3', '"databaseVersion":99')]),
        /made by a newer Broadsheet/,
      ],
      [
        new Blob([whole.replace('"databaseName":"broadsheet"', '"databaseName":"other"')]),
        /not a Broadsheet backup/,
      ],
      // Cut off in the middle of its rows: the head reads, the rows do not.
      [new Blob([whole.slice(0, whole.indexOf('"rows"') + 20)]), /damaged/],
    ];
    for (const [file, reason] of cases) {
      await expect(restoreLibrary(file, db)).rejects.toThrow(reason);
      expect((await db.articles.toArray()).map((a) => a.id)).toEqual(['keep|1']);
      expect(await db.feeds.count()).toBe(1);
    }
  });
});
