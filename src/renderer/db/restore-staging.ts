/**
 * The staging half of a restore (restore-repository.ts): a backup's rows are read from the file a
 * chunk at a time, judged, and written into a scratch database beside the library, never all
 * held at once. The library itself is untouched until `swapIn` (restore-swap.ts) copies the
 * staged rows over in one transaction.
 *
 * Why a separate database, not the library's own transaction: IndexedDB commits a transaction
 * as soon as it has nothing left to do, so one cannot stay open across file reads, parsing and
 * sanitizing for minutes; and a backup from an older version must pass through that version's
 * upgrade, which only a database created at that version can run. Staging does both outside the
 * library, so a bad file, a failure or a crash during it leaves the library as it was, and the
 * staging database is dropped at the next start (`dropRestoreLeftovers`).
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import type { Article, StoredImage } from './entities';
import { TABLE_NAMES, type TableName } from './row-schemas';
import { quietDatabase } from './quiet-writes';
import { dropRestoreLeftovers, stagingName } from './restore-leftovers';
import { createDb, LATEST_VERSION, type BroadsheetDb } from './schema';

/**
 * Rows judged, moved or copied at once after the file is read: the most a restore holds in
 * memory (the file itself is read in `RESTORE_CHUNK_BYTES` slices).
 */
export const RESTORE_ROWS_PER_CHUNK = 250;
/** Bytes of the backup file parsed at once. */
export const RESTORE_CHUNK_BYTES = 512 * 1024;

/**
 * The staging database up to `version`. No live query watches it, so its commits tell none
 * (quietDatabase): otherwise every query in the page would keep the keys of the rows staged.
 */
function stagingDb(library: string, version?: number): BroadsheetDb {
  const staging = createDb(stagingName(library), version);
  quietDatabase(staging);
  return staging;
}

/** A fresh staging database declared at the file's schema version, so its upgrade can run. */
export async function openStaging(library: string, version: number): Promise<BroadsheetDb> {
  await dropRestoreLeftovers(library);
  return stagingDb(library, version);
}

/**
 * Rows staged at an older version, as every later version's upgrade leaves them: the staging
 * database is opened at the latest, so the very upgrade code that moves a library on disk moves
 * them too (SCHEMA_VERSIONS, never a second copy), through its own cursors.
 */
export async function upgradeStaging(
  staging: BroadsheetDb,
  library: string,
): Promise<BroadsheetDb> {
  if (staging.verno === LATEST_VERSION) return staging;
  staging.close();
  const latest = stagingDb(library);
  await latest.open();
  return latest;
}

/**
 * Calls `visit` with each chunk of a staged table's rows in key order; it may write back to the
 * staging database. The next chunk is read after the last key, so writes never shift it.
 */
export async function eachChunk<T extends object>(
  table: Table<T, IndexableType>,
  visit: (rows: T[]) => Promise<void>,
): Promise<void> {
  const keyPath = table.schema.primKey.keyPath as string;
  let last: IndexableType | undefined;
  for (;;) {
    const rows = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(RESTORE_ROWS_PER_CHUNK)
      .toArray();
    if (rows.length === 0) return;
    await visit(rows);
    last = Dexie.getByKeyPath(rows[rows.length - 1], keyPath) as IndexableType;
    if (rows.length < RESTORE_ROWS_PER_CHUNK) return;
  }
}

/**
 * For a backup without images: the images stored in the library that some staged article
 * shows, each linked to exactly those articles, are staged too (the reader is not left offline
 * with placeholders). Read from the library, written to staging; the library is not changed.
 */
export async function stageStoredImages(staging: BroadsheetDb, db: BroadsheetDb): Promise<void> {
  await eachChunk(staging.table<Article, IndexableType>('articles'), async (articles) => {
    const shownBy = new Map<string, string[]>();
    for (const article of articles) {
      for (const url of article.images) {
        shownBy.set(url, [...(shownBy.get(url) ?? []), article.id]);
      }
    }
    const urls = [...shownBy.keys()];
    const stored = await db.images.bulkGet(urls);
    const found = urls.filter((_, i) => stored[i] !== undefined);
    // An image an earlier chunk's articles already show keeps those links and gains these.
    const staged = await staging.images.bulkGet(found);
    const rows = found.map((url, i): StoredImage => {
      const earlier = staged[i]?.articleIds ?? [];
      return { ...stored[urls.indexOf(url)]!, articleIds: [...earlier, ...shownBy.get(url)!] };
    });
    await staging.images.bulkPut(rows);
  });
}

/**
 * An article kept for offline reading whose images the restore does not bring is queued for
 * the offline pass again (its text is kept; only the missing images are fetched).
 */
export async function queueMissingImages(staging: BroadsheetDb): Promise<void> {
  await eachChunk(staging.table<Article, IndexableType>('articles'), async (articles) => {
    const complete = articles.filter(
      (a) => a.offline && a.offline !== 'pending' && a.images.length > 0,
    );
    if (complete.length === 0) return;
    const urls = [...new Set(complete.flatMap((a) => a.images))];
    const present = new Set(
      (await staging.images.where(':id').anyOf(urls).primaryKeys()) as string[],
    );
    const queued: Article[] = complete
      .filter((a) => a.images.some((url) => !present.has(url)))
      .map((a): Article => ({ ...a, offline: 'pending' }));
    if (queued.length > 0) await staging.articles.bulkPut(queued);
  });
}

/** Rows staged per table: what the swap copies and its progress counts. */
export async function stagedCounts(staging: BroadsheetDb): Promise<Record<TableName, number>> {
  const counts = await Promise.all(TABLE_NAMES.map((t) => staging.table(t).count()));
  return Object.fromEntries(TABLE_NAMES.map((t, i) => [t, counts[i]])) as Record<TableName, number>;
}
