import { describe, expect, it } from 'vitest';
import { backUpLibrary } from '@renderer/db/backup-repository';
import { describeRestore, restoreLibrary } from '@renderer/db/restore-repository';
import { countUnread } from '@renderer/db/queries';
import { addRule, deleteRule } from '@renderer/db/rules-repository';
import { LATEST_VERSION } from '@renderer/db/schema';
import { storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const newDb = testDatabases('backup-rules');

const SCHEMAS: Record<string, string> = {
  feeds: 'id,&url,folderId',
  articles: 'id,feedId,publishedAt',
  rules: 'id',
};

/** A backup file as dexie-export-import writes it, at the current library version. */
function backupFile(tables: Record<string, unknown[]>): Blob {
  const file = {
    formatName: 'dexie',
    formatVersion: 1,
    data: {
      databaseName: 'broadsheet',
      databaseVersion: LATEST_VERSION,
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
  };
  return new Blob([JSON.stringify(file)], { type: 'application/json' });
}

describe('rules in backups', () => {
  it('are written to the backup file', async () => {
    const db = newDb();
    const rule = await addRule({ query: 'crypto', action: 'hide', for: 'week' }, 1_000, db);
    const file = JSON.parse(await (await backUpLibrary(db)).text()) as {
      data: { data: { tableName: string; rows: unknown[] }[] };
    };
    const rules = file.data.data.find((table) => table.tableName === 'rules');
    expect(rules?.rows).toEqual([expect.objectContaining({ ...rule })]);
  });

  it('are restored with the articles they hid, and still bring them back when deleted; broken ones are skipped', async () => {
    const db = newDb();
    const rule = {
      id: 'r1',
      query: 'crypto',
      action: 'hide',
      until: Date.UTC(2027, 0, 1),
      createdAt: 5,
    };
    const report = await restoreLibrary(
      backupFile({
        feeds: [storedFeed('f1')],
        articles: [
          storedArticle('f1|1', { title: 'Crypto', hiddenAt: 6, hiddenBy: 'r1' }),
          storedArticle('f1|2', { title: 'Weather' }),
        ],
        rules: [
          rule,
          { id: 'r2', query: 'x', action: 'tag', createdAt: 5 },
          { id: 'r3', query: '!!! ""', action: 'hide', createdAt: 5 },
          { id: 'r4', query: 'x', action: 'explode', createdAt: 5 },
        ],
      }),
      db,
    );
    expect(await db.rules.toArray()).toEqual([rule]);
    expect(report.restored.rules).toBe(1);
    expect(describeRestore(report)).toBe(
      'Restored 1 feed, 2 articles, 1 rule. Skipped 3: 1 rule with a bad “tag”, 1 rule with a bad “query”, 1 rule with a bad “action”.',
    );
    expect(await countUnread('f1', db)).toBe(1);
    expect(await deleteRule('r1', db)).toBe(1);
    expect(await countUnread('f1', db)).toBe(2);
  });
});
