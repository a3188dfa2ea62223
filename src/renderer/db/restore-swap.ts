/**
 * The switch half of a restore (restore-repository.ts): the library is cleared and the staged
 * rows copied in, all in ONE transaction, so the library is either entirely as it was or
 * entirely the backup's — a failure aborts it, a crash never commits it.
 *
 * The staged rows are read a chunk at a time from the staging database, which is not part of
 * this transaction. IndexedDB would commit the transaction while such a read is awaited (it
 * commits whenever it has no request pending at the end of a task); `Dexie.waitFor` keeps a
 * request pending on it meanwhile (a `get` issued from the previous one's success, so it is
 * never idle), and hands the chunk back while the transaction is still active. That is what
 * dexie-export-import's own `importInto` does between file reads. If the wait fails or times
 * out, the transaction aborts: still nothing half-written.
 */
import Dexie, { type IndexableType } from 'dexie';
import { TABLE_NAMES, type TableName } from './row-schemas';
import { RESTORE_ROWS_PER_CHUNK } from './restore-staging';
import type { BroadsheetDb } from './schema';

export async function swapIn(
  staging: BroadsheetDb,
  db: BroadsheetDb,
  counts: Record<TableName, number>,
  onCopied: (done: number, total: number) => void,
): Promise<void> {
  const total = TABLE_NAMES.reduce((sum, t) => sum + counts[t], 0);
  let done = 0;
  onCopied(done, total);
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
    for (const name of TABLE_NAMES) {
      const from = staging.table(name);
      const keyPath = from.schema.primKey.keyPath as string;
      let last: IndexableType | undefined;
      for (;;) {
        const after = last;
        // Outside this transaction's zone: it is the staging database's own read.
        const rows: object[] = await Dexie.waitFor(
          Dexie.ignoreTransaction(() =>
            (after === undefined ? from.orderBy(':id') : from.where(':id').above(after))
              .limit(RESTORE_ROWS_PER_CHUNK)
              .toArray(),
          ),
        );
        if (rows.length === 0) break;
        await db.table(name).bulkPut(rows);
        done += rows.length;
        onCopied(done, total);
        last = Dexie.getByKeyPath(rows[rows.length - 1], keyPath) as IndexableType;
        if (rows.length < RESTORE_ROWS_PER_CHUNK) break;
      }
    }
  });
}
