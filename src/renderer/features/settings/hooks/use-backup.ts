import { useCallback, useEffect, useState } from 'react';
import { AppError } from '@shared/result';
import type { BackupEntry } from '@shared/backup-model';
import { backUpLibrary, type BackupProgress } from '../../../db/backup-repository';
import type { RestoreReport } from '../../../db/restore-repository';
import type { Translator } from '../../../i18n/use-t';
import { lastAutoBackupFailure, listBackups, loadBackup } from '../../../pipeline/auto-backup';
import { describeFailure } from '../../../lib/storage-errors';

export type { BackupProgress };

/** A file name that sorts by date: broadsheet-backup-2026-11-27.json. */
export function backupFileName(now = new Date()): string {
  return `broadsheet-backup-${now.toISOString().slice(0, 10)}.json`;
}

/** What Backup is doing or did; put in words at render, in the language in use then. */
export type BackupState =
  | { kind: 'idle' }
  | { kind: 'working'; task: 'backUp' | 'restore'; progress?: BackupProgress }
  | { kind: 'done'; task: 'backUp' }
  | {
      kind: 'done';
      task: 'restore';
      report: RestoreReport;
      /** The report in words (the restore's own chunk, loaded by then). */
      describe: (report: RestoreReport) => string;
    }
  | { kind: 'failed'; task: 'backUp' | 'restore'; error: unknown };

export function backupStateText(state: BackupState, t: Translator): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'working':
      // The bar says how far (BackupProgressBar); this says what is happening.
      return t(state.task === 'backUp' ? 'settings.backup.backingUp' : 'settings.backup.restoring');
    case 'done':
      return state.task === 'backUp' ? t('settings.backup.saved') : state.describe(state.report);
    case 'failed':
      return t(
        state.task === 'backUp' ? 'settings.backup.backUpFailed' : 'settings.backup.restoreFailed',
        { reason: describeFailure(state.error) },
      );
  }
}

/** Why the automatic backups cannot be shown, or why the last one was not made. */
export type AutomaticBackupError =
  { kind: 'list'; error: unknown } | { kind: 'last'; reason: string };

export function automaticErrorText(error: AutomaticBackupError, t: Translator): string {
  return error.kind === 'list'
    ? t('settings.backup.listFailed', { reason: describeFailure(error.error) })
    : t('settings.backup.lastFailed', { reason: error.reason });
}

export function useBackup() {
  const [state, setState] = useState<BackupState>({ kind: 'idle' });

  const backUp = useCallback(async () => {
    setState({ kind: 'working', task: 'backUp' });
    try {
      const blob = await backUpLibrary(undefined, {
        onProgress: (progress) => setState({ kind: 'working', task: 'backUp', progress }),
      });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = backupFileName();
      link.click();
      // The download has its own reference by now; give it a moment before letting go.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ kind: 'done', task: 'backUp' });
    } catch (error) {
      setState({ kind: 'failed', task: 'backUp', error });
    }
  }, []);

  /** A file the reader chose, or an automatic backup (read back from main first). */
  const restore = useCallback(async (file: Blob | BackupEntry) => {
    setState({ kind: 'working', task: 'restore' });
    try {
      // Restores are rare: their code is a chunk of its own, fetched now.
      const { describeRestore, restoreLibrary } = await import('../../../db/restore-repository');
      const report = await restoreLibrary(
        file instanceof Blob ? file : await loadBackup(file),
        undefined,
        { onProgress: (progress) => setState({ kind: 'working', task: 'restore', progress }) },
      );
      setState({ kind: 'done', task: 'restore', report, describe: describeRestore });
    } catch (error) {
      setState({ kind: 'failed', task: 'restore', error });
    }
  }, []);

  return { state, backUp, restore };
}

/** The automatic backups main keeps, listed while Settings is open. */
export function useAutomaticBackups(active: boolean) {
  const [backups, setBackups] = useState<BackupEntry[]>();
  const [error, setError] = useState<AutomaticBackupError>();
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
        } else setError({ kind: 'list', error: failure });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [active]);
  return { backups, off, error: error ?? failedLast() };
}

function failedLast(): AutomaticBackupError | undefined {
  const reason = lastAutoBackupFailure();
  return reason ? { kind: 'last', reason } : undefined;
}
