import type { DBCore, Dexie } from 'dexie';
import type { Article } from './entities';

/**
 * Runs `derive` on every article row the database is handed (add or put), whoever writes it,
 * before it is stored: fields derived from a row's own fields can then never go stale.
 */
export function deriveOnArticleWrites(
  db: Dexie,
  name: string,
  derive: (article: Article) => void,
): void {
  db.use({
    stack: 'dbcore',
    name,
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (tableName) => {
        const table = down.table(tableName);
        if (tableName !== 'articles') return table;
        return {
          ...table,
          mutate: (req) => {
            if (req.type === 'add' || req.type === 'put') {
              for (const value of req.values) derive(value as Article);
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
}
