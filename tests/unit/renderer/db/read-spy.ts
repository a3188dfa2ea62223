import type Dexie from 'dexie';

/** One read a table was asked for, as it reached IndexedDB's layer (Dexie's DBCore). */
export interface AskedRead {
  table: string;
  /** The index read, null for the primary key. */
  index: string | null;
  /** A query's row limit (Infinity when none); a cursor has none. */
  limit?: number;
  cursor: boolean;
}

/**
 * Records every query and cursor the database's tables are asked for, from now on. Tests read
 * it to check how far a read asked, not only what came back.
 */
export function spyOnReads(db: Dexie): AskedRead[] {
  const asked: AskedRead[] = [];
  db.use({
    stack: 'dbcore',
    name: 'SpyOnReads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          query: (req) => {
            const index = req.query.index.name;
            asked.push({ table: name, index, limit: req.limit ?? Infinity, cursor: false });
            return table.query(req);
          },
          openCursor: (req) => {
            asked.push({ table: name, index: req.query.index.name, cursor: true });
            return table.openCursor(req);
          },
        };
      },
    }),
  });
  return asked;
}
