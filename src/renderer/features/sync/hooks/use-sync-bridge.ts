import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import type { Events } from '@shared/contract';
import { itemsPerFetch } from '@shared/sync-model';
import { getApi } from '../../../api/broadsheet-api';
import { getDb } from '../../../db/database';
import { recordFeedFailure, storeFetchResult } from '../../../db/feeds-repository';
import { listFeedSyncStates } from '../../../db/queries';
import { getSetting } from '../../../db/settings-repository';
import { reportStorageError } from '../../../lib/storage-errors';
import { refreshFeeds, sendFeedStates } from '../../../lib/sync-client';

type SyncResult = Events['sync.result'];

/** Stores one fetch result; returns how many new articles it brought. */
export async function applySyncResult(event: SyncResult): Promise<number> {
  if (event.ok) {
    const { added } = await storeFetchResult(getDb(), event.feedId, event.result, event.fetchedAt);
    return added;
  }
  await recordFeedFailure(event.feedId, event.failure, event.fetchedAt);
  return 0;
}

/**
 * Keeps the main-process scheduler's view of the subscriptions equal to what is stored, and
 * stores what it fetches. Mounted once, by the app shell.
 */
export function useSyncBridge(onNewArticles?: (count: number) => void): void {
  const states = useLiveQuery(() => listFeedSyncStates(), []);
  const settings = useLiveQuery(() => getSetting('sync'), []);
  // The cap per feed is the retention setting's; main keeps only that many newest items.
  const maxPerFeed = useLiveQuery(async () => (await getSetting('retention')).maxPerFeed, []);

  useEffect(() => {
    if (states && settings && maxPerFeed !== undefined) {
      sendFeedStates(states, { ...settings, maxItemsPerFeed: itemsPerFetch(maxPerFeed) });
    }
  }, [states, settings, maxPerFeed]);

  useEffect(
    () =>
      getApi().on('sync.result', (event) => {
        void applySyncResult(event).then((added) => {
          if (added > 0) onNewArticles?.(added);
        }, reportStorageError);
      }),
    [onNewArticles],
  );

  useEffect(() => {
    const refresh = (): void => void refreshFeeds();
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, []);
}
