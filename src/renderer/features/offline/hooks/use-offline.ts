import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { getApi } from '../../../api/broadsheet-api';
import { countPendingOffline, requeuePartialArticles } from '../../../db/offline-repository';
import { runOfflinePass } from './offline-runner';
import { useOnline } from './use-online';

/** Keeps working through the offline queue whenever it has work and the network is there. */
export function useOfflineWorker(): void {
  const online = useOnline();
  const pending = useLiveQuery(() => countPendingOffline(), []);
  useEffect(() => {
    if (online && pending) void runOfflinePass();
  }, [online, pending]);
  // Images that failed for passing reasons are retried after each sync run.
  useEffect(
    () =>
      getApi().on('sync.progress', (progress) => {
        if (!progress.running) void requeuePartialArticles();
      }),
    [],
  );
}
