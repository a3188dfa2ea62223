import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Dexie } from 'dexie';

/** What one committed transaction did to the articles table. */
export interface ArticleChanges {
  /** Added or replaced (also by `update`/`modify`), and still there at commit. */
  upserted: string[];
  deleted: string[];
  /**
   * A write whose keys cannot be known (a range delete, `clear()`): whoever mirrors the table
   * must compare itself with it.
   */
  unknown: boolean;
}

export type ArticleChangeListener = (changes: ArticleChanges) => void;

interface Pending {
  /** Key → whether its last write in this transaction left it in the table. */
  keys: Map<string, boolean>;
  unknown: boolean;
}

const TABLE = 'articles';

/**
 * A DBCore middleware that reports, once per committed transaction, which articles it wrote.
 * It sits on the write path every repository shares, so no caller can forget to tell the search
 * index; nothing is reported before the commit, and an aborted transaction reports nothing.
 */
export function trackArticleChanges(db: Dexie, listener: ArticleChangeListener): void {
  const pending = new WeakMap<DBCoreTransaction, Pending>();

  const pendingFor = (trans: DBCoreTransaction): Pending => {
    let entry = pending.get(trans);
    if (entry) return entry;
    entry = { keys: new Map(), unknown: false };
    pending.set(trans, entry);
    const idb = trans as unknown as Partial<IDBTransaction>;
    if (typeof idb.addEventListener !== 'function') {
      // Not an IndexedDB transaction (no other core is used today): the commit cannot be
      // observed, so ask for a comparison instead of trusting keys that may not have landed.
      entry.unknown = true;
      queueMicrotask(() => report(entry!));
      return entry;
    }
    idb.addEventListener('complete', () => report(entry!));
    return entry;
  };

  const report = (entry: Pending): void => {
    const upserted: string[] = [];
    const deleted: string[] = [];
    for (const [key, present] of entry.keys) (present ? upserted : deleted).push(key);
    if (!upserted.length && !deleted.length && !entry.unknown) return;
    try {
      listener({ upserted, deleted, unknown: entry.unknown });
    } catch (error) {
      // A listener's failure must not look like the write's: the data is already committed.
      console.error('Article change listener failed', error);
    }
  };

  /**
   * `failed`: the request threw, possibly after writing part of its keys, and the caller may
   * still commit; every key is then reported as upserted, which makes the index re-read it (and
   * drop it if it is gone).
   */
  const record = (
    table: DBCoreTable,
    req: DBCoreMutateRequest,
    results?: unknown[],
    failed = false,
  ) => {
    const entry = pendingFor(req.trans);
    const note = (key: unknown, present: boolean) => {
      if (typeof key === 'string') entry.keys.set(key, present || failed);
      else entry.unknown = true;
    };
    switch (req.type) {
      case 'add':
      case 'put': {
        const { extractKey } = table.schema.primaryKey;
        req.values.forEach((value, i) =>
          note(results?.[i] ?? req.keys?.[i] ?? extractKey?.(value), true),
        );
        break;
      }
      case 'delete':
        for (const key of req.keys) note(key, false);
        break;
      default:
        entry.unknown = true;
    }
  };

  db.use({
    stack: 'dbcore',
    name: 'ArticleChanges',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== TABLE) return table;
        return {
          ...table,
          mutate: async (req) => {
            try {
              const response = await table.mutate(req);
              record(table, req, response.results);
              return response;
            } catch (error) {
              record(table, req, undefined, true);
              throw error;
            }
          },
        };
      },
    }),
  });
}
