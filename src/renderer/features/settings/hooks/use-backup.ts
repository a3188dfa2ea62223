import { useCallback, useState } from 'react';
import { backUpLibrary, describeRestore, restoreLibrary } from '../../../db/backup-repository';

/** A file name that sorts by date: broadsheet-backup-2026-11-27.json. */
export function backupFileName(now = new Date()): string {
  return `broadsheet-backup-${now.toISOString().slice(0, 10)}.json`;
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
      const report = await restoreLibrary(file);
      setState({ kind: 'done', message: describeRestore(report) });
    } catch (error) {
      setState({ kind: 'failed', message: `Could not restore: ${describe(error)}` });
    }
  }, []);

  return { state, backUp, restore };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
