import { getDb } from './database';
import { foldReadMarks } from './read-marks';

/**
 * dexie-export-import is a sizeable library only backups and restores use: a chunk of its own,
 * fetched the first time one runs, not part of the first paint.
 */
export const exportImport = () => import('dexie-export-import');

/**
 * Tables a backup never holds: the outbox of changes not yet sent to an account's server (a
 * backup restored later would replay stale changes over newer server state; left out, the
 * restored library takes the server's state at the next sync), and the ids retention purged
 * from accounts (bookkeeping of this library, not the reader's).
 */
export const NOT_BACKED_UP = [
  'outbox',
  'purged',
  // A "mark all as read" still folding: backUpLibrary folds it first, so the rows say it all.
  'readMarks',
  // Story fingerprints are derived from the articles; a restore starts them afresh.
  'fingerprints',
  // Kept episodes are downloads: a restore fetches them again for the feeds that keep them.
  'episodes',
  'episodeParts',
  // Tallies count the article rows; restoring the rows moves them (tallies.ts).
  'tallies',
];

/** How far a backup or a restore is, in rows: shown as a progress bar in Settings. */
export interface BackupProgress {
  /** `backUp`: rows written to the file; `read`: rows of the file read and judged; `write`: rows
   * copied into the library (the last step, in one transaction). */
  phase: 'backUp' | 'read' | 'write';
  done: number;
  total: number;
}

export type OnBackupProgress = (progress: BackupProgress) => void;

/**
 * Rows of one table turned into JSON at once. dexie-export-import makes each such chunk a Blob
 * part straight away (the browser may keep it outside the page's memory); its default of 2,000
 * whole articles would hold tens of megabytes of text at a time.
 */
const BACKUP_ROWS_PER_CHUNK = 250;

/**
 * Every table, images as Blobs included, in one JSON file. Accounts are in it without secrets
 * (those never leave main), so a restored account syncs again once signed in. Automatic backups
 * may leave the images out (`images: false`): the file then has no images table at all, and
 * says so in its head.
 */
export async function backUpLibrary(
  db = getDb(),
  { images = true, onProgress }: { images?: boolean; onProgress?: OnBackupProgress } = {},
): Promise<Blob> {
  // A library opened at an older version (exportLibraryAt) has no read marks.
  if (db.tables.some((table) => table.name === 'readMarks')) await foldReadMarks(db);
  const { exportDB } = await exportImport();
  return exportDB(db, {
    skipTables: images ? NOT_BACKED_UP : [...NOT_BACKED_UP, 'images'],
    numRowsPerChunk: BACKUP_ROWS_PER_CHUNK,
    progressCallback: ({ completedRows, totalRows }) => {
      onProgress?.({ phase: 'backUp', done: completedRows, total: totalRows ?? 0 });
      // Not cancelled.
      return false;
    },
  });
}
