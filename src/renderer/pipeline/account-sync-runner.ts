import { liveQuery } from 'dexie';
import { getDb } from '../db/database';
import { getSetting } from '../db/settings-repository';
import { reportStorageError } from '../lib/storage-errors';
import { pushPendingChanges, syncAllAccounts } from './account-sync';
import { onRefreshAll } from './sync-client';

/** A change the reader makes is sent this long after, so a burst of taps is one push. */
export const PUSH_DELAY_MS = 1000;

/**
 * Keeps every account in step with its server while the app runs: a sync at start, every sync
 * interval (the same setting the feeds use), when the network comes back, and when the reader
 * asks for a refresh; and a push about a second after the reader changes something of an
 * account, when online. Started once with the sync bridge; returns the stop function.
 */
export function startAccountSync(): () => void {
  let stopped = false;
  const syncAll = (force = false): void => {
    // Offline, a sync could only fail and mark the account as failing beside the offline
    // banner; the network coming back asks for a refresh of everything anyway.
    if (stopped || !navigator.onLine) return;
    void syncAllAccounts({ force }).catch(reportStorageError);
  };

  let intervalTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleInterval = async (): Promise<void> => {
    const { intervalMinutes } = await getSetting('sync');
    if (stopped) return;
    intervalTimer = setTimeout(
      () => {
        syncAll();
        void scheduleInterval().catch(reportStorageError);
      },
      Math.max(1, intervalMinutes) * 60_000,
    );
  };

  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastSeq: number | undefined;
  // The newest outbox row: a higher one means the reader just changed something.
  const newest = liveQuery(() => getDb().outbox.orderBy(':id').lastKey()).subscribe({
    next: (seq) => {
      const grew = typeof seq === 'number' && lastSeq !== undefined && seq > lastSeq;
      if (typeof seq === 'number') lastSeq = seq;
      else lastSeq ??= 0;
      if (!grew || !navigator.onLine) return;
      clearTimeout(pushTimer);
      pushTimer = setTimeout(() => {
        if (!stopped) void pushPendingChanges().catch(reportStorageError);
      }, PUSH_DELAY_MS);
    },
    error: reportStorageError,
  });

  // A network that comes back reaches us too: the sync bridge's `online` refresh is a refresh
  // of everything.
  const stopRefresh = onRefreshAll(() => syncAll(true));
  syncAll();
  void scheduleInterval().catch(reportStorageError);

  return () => {
    stopped = true;
    clearTimeout(intervalTimer);
    clearTimeout(pushTimer);
    newest.unsubscribe();
    stopRefresh();
  };
}
