/**
 * What a restore cut short leaves beside the library: its staging database (restore-staging.ts).
 * Apart from the restore's own chunk, since every start drops it.
 */
import Dexie from 'dexie';
import { DB_NAME } from './versions';

export const stagingName = (library: string) => `${library}-restore-staging`;
/** What restores before this design left behind (their upgrade scratch database). */
const oldScratchName = (library: string) => `${library}-restore-upgrade`;

/**
 * Drops what a restore cut short left beside the library (a crash or a kill during staging).
 * Called at every start, beside the library's first open (not awaited), and before each restore.
 */
export async function dropRestoreLeftovers(library = DB_NAME): Promise<void> {
  await Dexie.delete(stagingName(library));
  await Dexie.delete(oldScratchName(library));
}
