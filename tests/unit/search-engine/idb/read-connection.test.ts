import { describe, expect, it, vi } from 'vitest';
import { handleOf } from '@search-engine/idb/database-handle';
import { openForReading } from '@search-engine/idb/read-connection';
import { createDb, LATEST_VERSION } from '@renderer/db/schema';
import { storedArticle } from '../../renderer/db/fixtures';
import { testDatabases } from '../../renderer/db/test-db';

const newDb = testDatabases('read-connection');

async function exists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((info) => info.name === name);
}

describe('openForReading', () => {
  it('reads what Dexie stored, in the order asked, with gaps for missing keys', async () => {
    const db = newDb();
    await db.articles.bulkPut([storedArticle('a'), storedArticle('b')]);
    const reader = await openForReading(handleOf(db));
    expect(reader?.isOpen).toBe(true);
    const rows = await reader!.getMany<{ id: string }>('articles', ['b', 'none', 'a']);
    expect(rows.map((row) => row?.id)).toEqual(['b', undefined, 'a']);
    const [count, all] = await reader!.read<[number, unknown[]]>(['articles'], (tx) => [
      tx.objectStore('articles').count(),
      tx.objectStore('articles').getAll(),
    ]);
    expect([count, all.length]).toEqual([2, 2]);
    reader!.close();
  });

  it('hands each result of one transaction over as soon as it is in', async () => {
    const db = newDb();
    await db.articles.bulkPut([storedArticle('a'), storedArticle('b')]);
    const reader = await openForReading(handleOf(db));
    const order: string[] = [];
    const [one, all, missing] = reader!.readEach<[{ id: string }, unknown[], undefined]>(
      ['articles'],
      (tx) => [
        tx.objectStore('articles').get('a'),
        tx.objectStore('articles').getAll(),
        tx.objectStore('articles').get('none'),
      ],
    );
    const seen = [
      one.then((row) => order.push(`one:${row.id}`)),
      all.then((rows) => order.push(`all:${rows.length}`)),
      missing.then((row) => order.push(`missing:${String(row)}`)),
    ];
    await Promise.all(seen);
    expect(order).toEqual(['one:a', 'all:2', 'missing:undefined']);
    // A transaction cut short rejects every result still to come.
    const cut = reader!.readEach<[unknown, unknown]>(['articles'], (tx) => {
      const requests = [tx.objectStore('articles').get('a'), tx.objectStore('articles').getAll()];
      tx.abort();
      return requests as [IDBRequest<unknown>, IDBRequest<unknown>];
    });
    for (const result of cut) await expect(result).rejects.toThrow();
    reader!.close();
  });

  it('leaves a database that does not exist yet to Dexie, without creating it', async () => {
    const db = newDb();
    // Not even an open that is then aborted: in Chromium that left the origin slow to open.
    const open = vi.spyOn(indexedDB, 'open');
    expect(await openForReading(handleOf(db))).toBeUndefined();
    expect(open).not.toHaveBeenCalled();
    open.mockRestore();
    expect(await exists(db.name)).toBe(false);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
  });

  it('leaves a database at another version to Dexie (an upgrade is due)', async () => {
    const db = newDb();
    const older = createDb(db.name, 2);
    await older.open();
    older.close();
    expect(await openForReading(handleOf(db))).toBeUndefined();
    await db.open();
    expect(await openForReading(handleOf(createDb(db.name, 2)))).toBeUndefined();
  });

  it('steps aside when the database is deleted or upgraded elsewhere', async () => {
    const db = newDb();
    await db.open();
    db.close();
    const reader = await openForReading(handleOf(db));
    expect(reader?.isOpen).toBe(true);
    await db.delete();
    expect(reader!.isOpen).toBe(false);
  });
});
