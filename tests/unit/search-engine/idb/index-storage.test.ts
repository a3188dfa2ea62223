import { afterEach, describe, expect, it } from 'vitest';
import type { InfoChunk } from '@search-engine/core/doc-info';
import { createSearchDb } from '@search-engine/idb/index-db';
import { IndexedDbStorage } from '@search-engine/idb/index-storage';
import type { SearchDb } from '@search-engine/idb/search-db-versions';

const opened: SearchDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const chunk = (n: number): InfoChunk => ({
  chunk: n,
  ids: [`f|${n}-a`, '', `f|${n}-c`],
  hashes: new Uint32Array([n, 0, n + 1]),
  stamps: [`s${n}`, '', `t${n}`],
});

/** A search database holding info chunks at these numbers, and every info query's limit. */
async function storageWith(numbers: number[]) {
  const db = createSearchDb(`index-storage-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  const limits: number[] = [];
  db.use({
    stack: 'dbcore',
    name: 'record-info-limits',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'info') return table;
        return {
          ...table,
          query: (request) => {
            limits.push(request.limit ?? Infinity);
            return table.query(request);
          },
        };
      },
    }),
  });
  await db.info.bulkPut(numbers.map(chunk));
  return { storage: new IndexedDbStorage(db), limits };
}

describe('loading every info chunk', () => {
  it('reads them all, in order, a page a request', async () => {
    // Gaps as removals leave them; more than a page, and not a whole number of pages.
    const numbers = [0, 1, 2, 5, 6, 9, 10, 11, 40, 41, 42];
    const { storage, limits } = await storageWith(numbers);
    const rows = await storage.loadInfo('all', 4);
    expect(rows.map((row) => row.chunk)).toEqual(numbers);
    const { ids, stamps, hashes } = rows[3]!;
    expect({ ids, stamps, hashes: [...hashes] }).toEqual({
      ids: chunk(5).ids,
      stamps: chunk(5).stamps,
      hashes: [...chunk(5).hashes],
    });
    expect(limits).toEqual([4, 4, 4]);
  });

  it('ends after a last full page with one short read', async () => {
    const { storage, limits } = await storageWith([3, 4, 7, 8]);
    expect((await storage.loadInfo('all', 2)).map((row) => row.chunk)).toEqual([3, 4, 7, 8]);
    expect(limits).toEqual([2, 2, 2]);
  });

  it('reads nothing from an empty index, and the chunks asked for by number', async () => {
    const empty = await storageWith([]);
    expect(await empty.storage.loadInfo('all', 2)).toEqual([]);
    const { storage } = await storageWith([1, 2, 3]);
    expect((await storage.loadInfo([3, 1, 9])).map((row) => row.chunk)).toEqual([3, 1]);
  });
});
