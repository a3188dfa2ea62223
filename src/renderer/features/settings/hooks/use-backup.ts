import { exportDB, importInto, peakImportFile } from 'dexie-export-import';
import { useCallback, useState } from 'react';
import { getDb } from '../../../db/database';
import { DB_NAME } from '../../../db/schema';

/** A file name that sorts by date: broadsheet-backup-2026-11-27.json. */
export function backupFileName(now = new Date()): string {
  return `broadsheet-backup-${now.toISOString().slice(0, 10)}.json`;
}

/** Every table, images as Blobs included, in one JSON file. */
export async function backUpLibrary(): Promise<Blob> {
  return exportDB(getDb());
}

/** Refuses a file that is not a Broadsheet backup before anything is cleared. */
export async function restoreLibrary(file: Blob): Promise<void> {
  let meta;
  try {
    meta = await peakImportFile(file);
  } catch {
    throw new Error('This file is not a Broadsheet backup.');
  }
  // A JSON file of any other shape parses too; only Dexie's format naming our database will do.
  if (meta.formatName !== 'dexie' || meta.data?.databaseName !== DB_NAME) {
    throw new Error('This file is not a Broadsheet backup.');
  }
  // One transaction: a restore that fails halfway leaves the current library as it was.
  await importInto(getDb(), file, { clearTablesBeforeImport: true, acceptVersionDiff: true });
}

export type BackupState =
  | { kind: 'idle' }
  | { kind: 'working'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

export function useBackup() {
  const [state, setState] = useState<BackupState>({ kind: 'idle' });

  const backUp = useCallback(async () => {
    setState({ kind: 'working', message: 'Backing up…' });
    try {
      const blob = await backUpLibrary();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = backupFileName();
      link.click();
      // The download has its own reference by now; give it a moment before letting go.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: 'done', message: 'Backup saved.' });
    } catch (error) {
      setState({ kind: 'failed', message: `Could not back up: ${describe(error)}` });
    }
  }, []);

  const restore = useCallback(async (file: File) => {
    setState({ kind: 'working', message: 'Restoring…' });
    try {
      await restoreLibrary(file);
      setState({ kind: 'done', message: 'Library restored.' });
    } catch (error) {
      setState({ kind: 'failed', message: `Could not restore: ${describe(error)}` });
    }
  }, []);

  return { state, backUp, restore };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
