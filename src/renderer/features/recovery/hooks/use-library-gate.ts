import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError } from '@shared/result';
import type { BackupEntry } from '@shared/backup-model';
import { deleteLibrary, exportLibraryAt, inspectLibrary } from '../../../db/open-library';
import { dropRestoreLeftovers } from '../../../db/restore-leftovers';
import { LATEST_VERSION } from '../../../db/versions';
import {
  keepBackup,
  listBackups,
  loadBackup,
  startAutoBackup,
} from '../../../pipeline/auto-backup';
import { describeFailure } from '../../../lib/storage-errors';
import { recordSpan, spanStart } from '../../../lib/user-timing';
import { resumeReadMarkFolding } from '../../../pipeline/read-mark-folding';

/**
 * What the gate has to tell once the library is open. What happened, not its words: the gate
 * says it in the language in use when it shows (the reasons inside are already words).
 */
export type GateNotice =
  { kind: 'upgraded-without-copy'; error: unknown } | { kind: 'restored'; report: string };

/** Why the offer is made again: the library could not be opened, or a restore or delete failed. */
export interface GateFailure {
  failed: 'open' | 'restore' | 'delete';
  reason: string;
}

type Offer = {
  kind: 'offer';
  cause: 'empty' | 'unreadable';
  error?: GateFailure;
  backup?: BackupEntry;
};

export type GateState =
  | { kind: 'checking' }
  | { kind: 'open'; notice?: GateNotice }
  | { kind: 'newer'; version: number }
  | { kind: 'upgrade-refused'; from: number; reason: string }
  | Offer
  | { kind: 'working'; task: 'upgrade' | 'restore' };

/**
 * The backup the reader turned down with "Start with an empty library": never offered again.
 * Kept in localStorage, not in the library (which may be the very thing that was lost).
 */
const DECLINED_KEY = 'broadsheet.recovery.declinedBackup';
const declined = (): string | null => {
  try {
    return localStorage.getItem(DECLINED_KEY);
  } catch {
    return null;
  }
};
const decline = (id: string): void => {
  try {
    localStorage.setItem(DECLINED_KEY, id);
  } catch {
    // Storage refused: the offer may come back once; nothing is lost by that.
  }
};

/**
 * What the app does before it opens the library (db/open-library.ts says what state it is in):
 * opens it, keeps a copy before an upgrade, refuses a newer one, or offers the newest automatic
 * backup when the library is empty or unreadable. Once the library is open, keeps the daily
 * automatic backup.
 */
export function useLibraryGate() {
  const [state, setState] = useState<GateState>({ kind: 'checking' });
  const started = useRef(false);

  const upgrade = useCallback(async (from: number) => {
    setState({ kind: 'working', task: 'upgrade' });
    try {
      await keepBackup(await exportLibraryAt(from), {
        reason: 'before-upgrade',
        fromVersion: from,
      });
      setState({ kind: 'open' });
    } catch (error) {
      // A full disk would refuse the upgrade for ever (and the upgrade needs little room):
      // the library is upgraded, and the reader told. Any other failure stops the upgrade
      // until the reader decides, so a fault here never costs the library.
      if (error instanceof AppError && error.code === 'unsupported') {
        // This host keeps no automatic backups (switched off): nothing to wait for.
        setState({ kind: 'open' });
      } else if (error instanceof AppError && error.code === 'no-space') {
        setState({ kind: 'open', notice: { kind: 'upgraded-without-copy', error } });
      } else {
        setState({ kind: 'upgrade-refused', from, reason: describeFailure(error) });
      }
    }
  }, []);

  const check = useCallback(async () => {
    setState({ kind: 'checking' });
    // A restore cut short by a crash left its staging database (the library itself was never
    // touched): dropped in the background, the start does not wait for it.
    void dropRestoreLeftovers().catch((error: unknown) =>
      console.warn('Could not drop a restore cut short:', error),
    );
    const inspecting = spanStart();
    const library = await inspectLibrary();
    // How long the start waits on the raw look at the library (bench:ui reads it).
    recordSpan('start.library-check', inspecting, { kind: library.kind });
    if (library.kind === 'ready') return setState({ kind: 'open' });
    if (library.kind === 'newer') return setState({ kind: 'newer', version: library.version });
    if (library.kind === 'needs-upgrade') return upgrade(library.from);
    // Empty or unreadable: is there a backup to offer?
    const newest = (await listBackups().catch(() => []))[0];
    if (library.kind === 'empty') {
      if (!newest || newest.id === declined()) return setState({ kind: 'open' });
      return setState({ kind: 'offer', cause: 'empty', backup: newest });
    }
    setState({
      kind: 'offer',
      cause: 'unreadable',
      error: { failed: 'open', reason: library.error },
      backup: newest,
    });
  }, [upgrade]);

  useEffect(() => {
    // Once per page, even when React runs effects twice in development.
    if (started.current) return;
    started.current = true;
    void check();
  }, [check]);

  useEffect(() => (state.kind === 'open' ? startAutoBackup() : undefined), [state.kind]);
  // A "mark all as read" left half folded by a reload or a crash is finished.
  useEffect(() => {
    if (state.kind === 'open') resumeReadMarkFolding();
  }, [state.kind]);

  const restore = useCallback(async ({ backup, cause }: Offer & { backup: BackupEntry }) => {
    setState({ kind: 'working', task: 'restore' });
    try {
      const file = await loadBackup(backup);
      // The reader confirmed: the library the app cannot read goes, the backup takes its place.
      if (cause === 'unreadable') await deleteLibrary();
      // Restores are rare: their code is a chunk of its own, fetched now.
      const { describeRestore, restoreLibrary } = await import('../../../db/restore-repository');
      const report = await restoreLibrary(file);
      setState({ kind: 'open', notice: { kind: 'restored', report: describeRestore(report) } });
    } catch (error) {
      setState({
        kind: 'offer',
        cause,
        backup,
        error: { failed: 'restore', reason: describeFailure(error) },
      });
    }
  }, []);

  const startEmpty = useCallback(async ({ backup, cause }: Offer) => {
    try {
      if (cause === 'unreadable') await deleteLibrary();
      if (backup) decline(backup.id);
      setState({ kind: 'open' });
    } catch (error) {
      setState({
        kind: 'offer',
        cause,
        backup,
        error: { failed: 'delete', reason: describeFailure(error) },
      });
    }
  }, []);

  // The offer's own backup and cause: what the reader saw is what is restored or declined.
  const offer = state.kind === 'offer' ? state : undefined;
  return {
    state,
    /** The newest library version this Broadsheet reads (for the newer-library message). */
    latestVersion: LATEST_VERSION,
    retry: check,
    upgradeWithoutCopy: () => setState({ kind: 'open' }),
    restore: () => {
      if (offer?.backup) void restore({ ...offer, backup: offer.backup });
    },
    startEmpty: () => {
      if (offer) void startEmpty(offer);
    },
    dismissNotice: () => setState({ kind: 'open' }),
  };
}
