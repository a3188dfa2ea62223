import { useEffect, useState } from 'react';
import type { SyncProgress } from '@shared/sync-model';
import { getApi } from '../../../api/broadsheet-api';
import { cancelRefresh as cancelSync, refreshFeeds } from '../../../pipeline/sync-client';

export function useSyncProgress(): SyncProgress | undefined {
  const [progress, setProgress] = useState<SyncProgress>();
  useEffect(() => getApi().on('sync.progress', setProgress), []);
  return progress;
}

export function refreshAll(): void {
  void refreshFeeds();
}

export function cancelRefresh(): void {
  void cancelSync();
}
