import type { IndexableType, Table } from 'dexie';

/**
 * Every primary key of a table, in key order, read `size` at a time. IndexedDB serves one
 * request at a time: a single getAllKeys over a million rows held it for seconds, and every
 * read of the page (its first list, a view switch) waited behind it. Pages keep each request
 * short, so other reads go in between. Keys added or removed meanwhile may or may not be seen.
 */
export async function forEachKeyPage<Key extends IndexableType>(
  table: Table<unknown, Key>,
  size: number,
  visit: (keys: Key[]) => void,
): Promise<void> {
  // eslint-disable-next-line no-restricted-syntax -- never shown: a programming error in a caller
  if (!(size >= 1)) throw new RangeError(`A page holds at least one key (asked for ${size}).`);
  for (let last: Key | undefined; ;) {
    const from = last === undefined ? table.toCollection() : table.where(':id').above(last);
    const page = await from.limit(size).primaryKeys();
    if (page.length > 0) visit(page);
    if (page.length < size) return;
    last = page[page.length - 1];
  }
}
