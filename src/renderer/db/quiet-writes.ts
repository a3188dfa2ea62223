import Dexie, { RangeSet, type DBCore, type ObservabilitySet, type Table } from 'dexie';
import type { BroadsheetDb } from './schema';

/*
 * Background passes (retention, the read-mark fold) rewrite tens of thousands of rows in many
 * small transactions. At each commit Dexie 4 hands the keys written (`storagemutated`) to every
 * live query in the page; each merges them into its own range trees (`extendObservabilitySet`),
 * a query that does not rerun keeps them all, and every query over the table reruns. With ~40
 * live queries that was most of the main thread's time during a pass (profiled in
 * docs/bench/2026-12-07-background-writes.md).
 *
 * So a background transaction commits quietly (its commit reports no keys) and the pass then
 * announces the tables it wrote as wholly changed, at most once a `QUIET_ANNOUNCE_MS` and once
 * at its end: every live query over them reruns once per announcement instead of once per
 * chunk, and none merges a key. Only live queries are affected: the article change tracker
 * (`article-changes.ts`, what keeps the search index) hears every commit on its own path.
 */

/**
 * Makes the running Dexie transaction commit without telling live queries what it wrote. Call
 * first thing in the transaction's body, before any write; the caller must `announce` the
 * tables later (a `QuietAnnouncer` does).
 */
export function commitQuietly(): void {
  const idbtrans = Dexie.currentTransaction?.idbtrans as
    (IDBTransaction & { mutatedParts?: ObservabilitySet }) | undefined;
  // eslint-disable-next-line no-restricted-syntax -- never shown: a programming error in a pass
  if (!idbtrans) throw new Error('commitQuietly() outside a transaction');
  silence(idbtrans);
}

/** Makes an IndexedDB transaction's commit report nothing (see `commitQuietly`). */
function silence(idbtrans: IDBTransaction): void {
  // Dexie's observability middleware accumulates a transaction's mutated parts in this property
  // and fires them at commit (and its cache drops the entries they overlap). A fresh empty set
  // on every read, and writes ignored, leave the commit nothing to report.
  Object.defineProperty(idbtrans, 'mutatedParts', {
    configurable: true,
    get: () => ({}),
    set: () => undefined,
  });
}

/**
 * Every transaction of this connection commits quietly, its implicit ones (a bare `bulkPut`)
 * included: for a database no live query watches (a restore's staging, the search index). Its
 * writes would otherwise reach every live query in the page all the same (from a worker too,
 * by Dexie's BroadcastChannel), and each would keep their keys until it reruns, which for a
 * query over another database is never: a restore's rows written a few at a time (images are
 * large, so few fit a slice of the file) and the search index's merges made every query hold a
 * key per row, a live set growing with the library. Announces nothing, ever.
 */
export function quietDatabase(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'QuietDatabase',
    create: (down: DBCore): DBCore => ({
      ...down,
      transaction: (stores, mode, options) => {
        const trans = down.transaction(stores, mode, options);
        if (mode === 'readwrite') silence(trans as unknown as IDBTransaction);
        return trans;
      },
    }),
  });
}

/** Every part of the tables, as Dexie marks a whole database changed when it is created. */
export function wholeTables(db: BroadsheetDb, tableNames: Iterable<string>): ObservabilitySet {
  const parts: ObservabilitySet = {};
  const everything = () => new RangeSet(-Infinity, [[[]]]);
  for (const name of tableNames) {
    const table = db.table(name);
    const prefix = `idb://${db.name}/${name}/`;
    parts[prefix] = everything();
    parts[`${prefix}:dels`] = everything();
    for (const index of table.schema.indexes) parts[`${prefix}${index.name}`] = everything();
  }
  return parts;
}

/**
 * Tells every live query (and Dexie's query cache) that the tables changed as a whole. Sent as
 * Dexie's own same-page event, the one another connection's commit arrives by, so the cache's
 * entries are dropped too; without a DOM (unit tests) the global event is fired directly.
 */
export function announce(db: BroadsheetDb, tableNames: Iterable<string>): void {
  const names = new Set(tableNames);
  // Every article or image write moves the tallies in its transaction (tallies.ts), quietly too.
  if (
    (names.has('articles') || names.has('images')) &&
    db.tables.some((table) => table.name === 'tallies')
  ) {
    names.add('tallies');
  }
  const parts = wholeTables(db, names);
  if (Object.keys(parts).length === 0) return;
  if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    dispatchEvent(new CustomEvent('x-storagemutated-1', { detail: parts }));
  } else {
    Dexie.on.storagemutated.fire(parts);
  }
}

/** How often a pass in progress announces what it wrote: lists and counts follow it in steps. */
export const QUIET_ANNOUNCE_MS = 2000;

/**
 * Collects the tables a pass's quiet transactions wrote and announces them, at most once every
 * `intervalMs` (by the clock given) and at `flush`.
 */
export class QuietAnnouncer {
  private readonly pending = new Set<string>();
  private last: number;

  constructor(
    private readonly db: BroadsheetDb,
    private readonly intervalMs = QUIET_ANNOUNCE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
  }

  /**
   * Runs `body` in a read-write transaction over `tables` that commits quietly, then counts
   * those tables as written: the one way a background pass writes.
   */
  async transaction<T>(tables: Table[], body: () => Promise<T>): Promise<T> {
    const result = await this.db.transaction('rw', tables, () => {
      commitQuietly();
      return body();
    });
    this.committed(tables.map((table) => table.name));
    return result;
  }

  /** A quiet transaction over these tables committed; announces if the interval has passed. */
  committed(tableNames: Iterable<string>): void {
    for (const name of tableNames) this.pending.add(name);
    if (this.now() - this.last >= this.intervalMs) this.flush();
  }

  /** Announces whatever is pending now (call when the pass ends, or fails). */
  flush(): void {
    this.last = this.now();
    if (this.pending.size === 0) return;
    const tables = [...this.pending];
    this.pending.clear();
    announce(this.db, tables);
  }
}
