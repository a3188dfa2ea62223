/**
 * A Dexie database by name and declared version, with Dexie itself loaded only when asked for:
 * the search worker answers its first query through plain IndexedDB reads (read-connection.ts)
 * before it has loaded Dexie, which is most of its script.
 */
import type { Dexie } from 'dexie';

export interface DatabaseHandle<T extends Dexie = Dexie> {
  readonly name: string;
  /** The schema version Dexie declares (stored by IndexedDB as ten times that). */
  readonly version: number;
  dexie(): Promise<T>;
}

/** A handle on a database already made. */
export function handleOf<T extends Dexie>(db: T): DatabaseHandle<T> {
  return { name: db.name, version: db.verno, dexie: () => Promise.resolve(db) };
}

/** A handle whose Dexie instance is made (and its code loaded) on first use, once. */
export function lazyHandle<T extends Dexie>(
  name: string,
  version: number,
  load: () => Promise<T>,
): DatabaseHandle<T> {
  let loaded: Promise<T> | undefined;
  return { name, version, dexie: () => (loaded ??= load()) };
}

/** Either form, as a handle. */
export function toHandle<T extends Dexie>(db: T | DatabaseHandle<T>): DatabaseHandle<T> {
  return 'dexie' in db && typeof db.dexie === 'function' ? db : handleOf(db as T);
}
