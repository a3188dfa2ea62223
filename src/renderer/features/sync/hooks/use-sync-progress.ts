import { useEffect, useState } from 'react';
import type { SyncProgress } from '@shared/sync-model';
import { getApi } from '../../../api/broadsheet-api';

export function useSyncProgress(): SyncProgress | undefined {
  const [progress, setProgress] = useState<SyncProgress>();
  useEffect(() => getApi().on('sync.progress', setProgress), []);
  return progress;
}

export function refreshAll(): void {
  void getApi().invoke('sync.refresh', {});
}

export function cancelRefresh(): void {
  void getApi().invoke('sync.cancel', {});
}
