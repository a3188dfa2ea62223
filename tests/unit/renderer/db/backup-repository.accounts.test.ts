import { describe, expect, it } from 'vitest';
import { peakImportFile } from 'dexie-export-import';
import { backUpLibrary } from '@renderer/db/backup-repository';
import { restoreLibrary } from '@renderer/db/restore-repository';
import type { Account } from '@renderer/db/entities';
import { storedArticle } from './fixtures';
import { testDatabases } from './test-db';
import type { ReportLine } from '@renderer/db/restore-repository';
import { said } from '@renderer/lib/message-ref';

/** A report's lines with each reason in English words, as "3 articles …" finishes. */
const worded = (lines: ReportLine[]) =>
  lines.map((line) => ({ ...line, reason: said(line.reason, { what: '' }).trim() }));

const newDb = testDatabases('backup-accounts');

const account: Account = {
  id: 'acc',
  service: 'miniflux',
  serverUrl: 'https://flux.example',
  username: 'me',
  name: 'Miniflux (me)',
  createdAt: 1,
  status: 'ok',
  lastSyncAt: 5,
  since: 4,
  subscriptionsAt: 3,
};

/** A backup file as dexie-export-import writes it (version 4), with the rows a test gives. */
function backupFile(tables: Record<string, unknown[]>): Blob {
  const file = {
    formatName: 'dexie',
    formatVersion: 1,
    data: {
      databaseName: 'broadsheet',
      databaseVersion: 4,
      tables: Object.entries(tables).map(([name, rows]) => ({
        name,
        schema: 'id',
        rowCount: rows.length,
      })),
      data: Object.entries(tables).map(([tableName, rows]) => ({
        tableName,
        inbound: true,
        rows,
      })),
    },
  };
  return new Blob([JSON.stringify(file)], { type: 'application/json' });
}

describe('backups and sync accounts', () => {
  it('hold accounts and their library, never the outbox; a restore syncs afresh', async () => {
    const db = newDb();
    await db.accounts.put(account);
    await db.feeds.bulkPut([
      { id: 'local', url: 'https://e.com/feed', title: 'E', createdAt: 1 },
      {
        id: 'af',
        url: 'https://e.com/feed',
        title: 'E',
        createdAt: 1,
        accountId: 'acc',
        remoteId: 'feed/1',
      },
    ]);
    await db.articles.put(
      storedArticle('af|tag:google.com,2005:reader/item/0000000000000001', {
        accountId: 'acc',
        remoteId: 'tag:google.com,2005:reader/item/0000000000000001',
      }),
    );
    await db.outbox.add({ accountId: 'acc', change: { kind: 'read', itemIds: ['x'] }, at: 1 });

    // Made from a test database, the file names it; the app's own is called broadsheet.
    const made = await (await backUpLibrary(db)).text();
    const file = new Blob([
      made.replace(`"databaseName":"${db.name}"`, '"databaseName":"broadsheet"'),
    ]);
    const meta = await peakImportFile(file);
    const tables = meta.data.tables.map((t) => t.name);
    expect(tables).toContain('accounts');
    expect(tables).not.toContain('outbox');

    const target = newDb();
    await target.outbox.add({ accountId: 'acc', change: { kind: 'read', itemIds: ['y'] }, at: 1 });
    const report = await restoreLibrary(file, target);
    expect(report.restored).toMatchObject({ accounts: 1, feeds: 2, articles: 1 });
    expect(worded(report.skipped)).toEqual([]);
    // Both feeds of one address came back: one of this computer, one of the account.
    expect(await target.feeds.where('url').equals('https://e.com/feed').count()).toBe(2);
    const restored = await target.accounts.get('acc');
    expect(restored).toMatchObject({ name: 'Miniflux (me)', lastSyncAt: 5 });
    // The restored library may lack what arrived since: the next sync compares every id.
    expect(restored?.since).toBeUndefined();
    expect(restored?.subscriptionsAt).toBeUndefined();
    // A restore replaces the library: queued changes of the one replaced go with it.
    expect(await target.outbox.count()).toBe(0);
  });

  it('checks account rows: a secret written into the file is dropped, a bad row skipped', async () => {
    const db = newDb();
    const report = await restoreLibrary(
      backupFile({
        accounts: [
          { ...account, password: 'hunter2', auth: 'GoogleLogin auth=secret' },
          { ...account, id: 'bad', serverUrl: 'javascript:alert(1)' },
          { ...account, id: 'odd', service: 'feedly' },
        ],
        // A hand-made file with an outbox: stale changes are never restored.
        outbox: [{ seq: 1, accountId: 'acc', change: { kind: 'read', itemIds: ['x'] }, at: 1 }],
        feeds: [
          {
            id: 'a',
            url: 'https://e.com/f',
            title: 'A',
            createdAt: 1,
            accountId: 'acc',
            remoteId: 'feed/1',
          },
          {
            id: 'b',
            url: 'https://e.com/f',
            title: 'B',
            createdAt: 1,
            accountId: 'acc',
            remoteId: 'feed/1',
          },
          { id: 'c', url: 'https://e.com/f', title: 'C', createdAt: 1 },
        ],
      }),
      db,
    );
    expect(report.restored.accounts).toBe(1);
    expect(worded(report.skipped)).toEqual([
      { table: 'feeds', reason: 'with the same address as another feed', count: 1 },
      { table: 'accounts', reason: 'with a javascript: URL', count: 1 },
      { table: 'accounts', reason: 'with a bad “service”', count: 1 },
    ]);
    const row = await db.accounts.get('acc');
    expect(JSON.stringify(row)).not.toMatch(/hunter2|secret|password|auth/);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.feeds.toArray()).map((f) => f.id).sort()).toEqual(['a', 'c']);
  });
});
