import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { forEachKeyPage } from '@renderer/db/key-pages';
import { spyOnReads } from './read-spy';

const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A table of these keys, and the limit of every key query made on it. */
async function tableOf(
  keys: string[],
): Promise<{ table: Table<unknown, string>; limits: () => number[] }> {
  const db = new Dexie(`key-pages-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  db.version(1).stores({ rows: 'id' });
  const reads = spyOnReads(db);
  const table = db.table<unknown, string>('rows');
  await table.bulkAdd(keys.map((id) => ({ id })));
  reads.length = 0;
  // The limit of every key query made on the table since it was filled.
  const limits = () => reads.filter((read) => !read.cursor).map((read) => read.limit!);
  return { table, limits };
}

describe('reading every key in pages', () => {
  it('visits every key once, in key order, never asking for more than a page', async () => {
    const keys = ['f|e', 'f|a', 'g|c', 'f|b', 'g|d'];
    const { table, limits } = await tableOf(keys);
    const pages: string[][] = [];
    await forEachKeyPage(table, 2, (page) => pages.push(page));
    expect(pages).toEqual([['f|a', 'f|b'], ['f|e', 'g|c'], ['g|d']]);
    expect(limits()).toEqual([2, 2, 2]);
  });

  it('stops after a last full page with one more short read, and visits no empty page', async () => {
    const { table, limits } = await tableOf(['a', 'b', 'c', 'd']);
    const pages: string[][] = [];
    await forEachKeyPage(table, 2, (page) => pages.push(page));
    expect(pages).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(limits()).toHaveLength(3);
  });

  it('visits nothing in an empty table', async () => {
    const { table } = await tableOf([]);
    let visits = 0;
    await forEachKeyPage(table, 10, () => visits++);
    expect(visits).toBe(0);
  });

  it('refuses a page that could never hold a key', async () => {
    const { table } = await tableOf(['a']);
    for (const size of [0, -1, Number.NaN]) {
      await expect(forEachKeyPage(table, size, () => undefined)).rejects.toThrow(RangeError);
    }
  });
});
