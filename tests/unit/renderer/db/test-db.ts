import { afterEach } from 'vitest';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';

/**
 * A fresh, uniquely named database per call (fake-indexeddb), deleted after each test of the
 * file that uses it.
 */
export function testDatabases(prefix: string): () => BroadsheetDb {
  const dbs: BroadsheetDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  return () => {
    const db = createDb(`${prefix}-${Math.random().toString(36).slice(2)}`);
    dbs.push(db);
    return db;
  };
}
