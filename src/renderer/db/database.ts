import { createDb, type BroadsheetDb } from './schema';

let instance: BroadsheetDb | undefined;

/** The app's one database connection; repositories use it, components never do. */
export function getDb(): BroadsheetDb {
  instance ??= createDb();
  return instance;
}
