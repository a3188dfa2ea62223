import { useEffect, useState } from 'react';
import { startAccountSync } from '../../../pipeline/account-sync-runner';
import { startSyncBridge } from '../../../pipeline/sync-bridge';

/**
 * Runs the sync bridge (pipeline/sync-bridge) while mounted: the scheduler sees what is stored,
 * and what it fetches is stored. Mounted once, by the app shell. Returns what the scheduler
 * refused, in words, for the sync status to show.
 */
export function useSyncBridge(
  onNewArticles?: (count: number) => void,
  onNotStored?: (count: number) => void,
): string | undefined {
  const [refused, setRefused] = useState<string>();
  useEffect(
    () => startSyncBridge({ onNewArticles, onNotStored, onRefused: setRefused }),
    [onNewArticles, onNotStored],
  );
  // Sync accounts run beside it, for as long as the app shell is mounted.
  useEffect(() => startAccountSync(), []);
  return refused;
}
