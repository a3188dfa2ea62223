import type Dexie from 'dexie';

/** One read a table was asked for, as it reached IndexedDB's layer (Dexie's DBCore). */
export interface AskedRead {
  table: string;
  /** The index read, null for the primary key. */
  index: string | null;
  /** A query's row limit (Infinity when none); a cursor has none. */
  limit?: number;
  cursor: boolean;
  /** The key range asked for. */
  range: { lower: unknown; upper: unknown; lowerOpen?: boolean; upperOpen?: boolean };
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
            const { index, range } = req.query;
            asked.push({
              table: name,
              index: index.name,
              limit: req.limit ?? Infinity,
              cursor: false,
              range,
            });
            return table.query(req);
          },
          openCursor: (req) => {
            const { index, range } = req.query;
            asked.push({ table: name, index: index.name, cursor: true, range });
            return table.openCursor(req);
          },
        };
      },
    }),
  });
  return asked;
}
