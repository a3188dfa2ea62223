import Dexie, { type Transaction } from 'dexie';

/** One shipped schema version: its stores, and how data moves when a user upgrades to it. */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * A Dexie database declared up to `upToVersion` from a list of every version ever shipped
 * (tests open older versions to seed them). Shared by the library and the search index.
 */
export function openVersioned<T extends Dexie>(
  name: string,
  versions: readonly SchemaVersion[],
  upToVersion = versions[versions.length - 1]!.version,
): T {
  const db = new Dexie(name) as T;
  for (const step of versions) {
    if (step.version > upToVersion) break;
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
  return db;
}
