import { useCallback, useEffect, useState } from 'react';
import { AppError } from '@shared/result';
import type { BackupEntry } from '@shared/backup-model';
import { backUpLibrary, describeRestore, restoreLibrary } from '../../../db/backup-repository';
import { lastAutoBackupFailure, listBackups, loadBackup } from '../../../pipeline/auto-backup';
import { describeFailure } from '../../../lib/storage-errors';

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
      setState({ kind: 'failed', message: `Could not back up: ${describeFailure(error)}` });
    }
  }, []);

  /** A file the reader chose, or an automatic backup (read back from main first). */
  const restore = useCallback(async (file: Blob | BackupEntry) => {
    setState({ kind: 'working', message: 'Restoring…' });
    try {
      const report = await restoreLibrary(file instanceof Blob ? file : await loadBackup(file));
      setState({ kind: 'done', message: describeRestore(report) });
    } catch (error) {
      setState({ kind: 'failed', message: `Could not restore: ${describeFailure(error)}` });
    }
  }, []);

  return { state, backUp, restore };
}

/** The automatic backups main keeps, listed while Settings is open. */
export function useAutomaticBackups(active: boolean) {
  const [backups, setBackups] = useState<BackupEntry[]>();
  const [error, setError] = useState<string>();
  /** This host keeps none (the browser host run with BROADSHEET_AUTO_BACKUPS=off). */
  const [off, setOff] = useState(false);
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    listBackups().then(
      (list) => {
        if (cancelled) return;
        setBackups(list);
        setError(undefined);
      },
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof AppError && failure.code === 'unsupported') {
          setOff(true);
        } else setError(`Could not list the automatic backups: ${describeFailure(failure)}`);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [active]);
  return { backups, off, error: error ?? failedLast() };
}

function failedLast(): string | undefined {
  const failure = lastAutoBackupFailure();
  return failure && `The last automatic backup failed: ${failure}`;
}
