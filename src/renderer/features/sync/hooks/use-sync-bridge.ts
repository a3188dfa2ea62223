import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Events } from '@shared/contract';
import { itemsPerFetch } from '@shared/sync-model';
import { getApi } from '../../../api/broadsheet-api';
import { getDb } from '../../../db/database';
import { recordFeedFailure, storeFetchResult } from '../../../db/feeds-repository';
import { listFeedSyncStates } from '../../../db/queries';
import { getSetting } from '../../../db/settings-repository';
import { reportStorageError } from '../../../lib/storage-errors';
import { recordSyncRefusals } from '../../../db/sync-refusals';
import {
  onSyncRefusal,
  refreshFeeds,
  sendFeedStates,
  type SyncRefusal,
} from '../../../lib/sync-client';

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
 * Marks the feeds the scheduler refused and says, in one sentence naming them, that they are not
 * kept up to date; undefined when every subscription was taken.
 */
export async function applySyncRefusal(refusal: SyncRefusal): Promise<string | undefined> {
  const names = await recordSyncRefusals(refusal.rejected, { clearOthers: !refusal.failed });
  const unnamed = refusal.rejected.length - names.length;
  const which = [
    ...names.map((name) => `“${name}”`),
    ...(unnamed > 0 ? [`${unnamed} other subscription${unnamed === 1 ? '' : 's'}`] : []),
  ].join(', ');
  if (refusal.failed) {
    return `Feeds are not being refreshed: the sync scheduler refused the subscription list${which ? ` (${which})` : ''}. ${refusal.failed}`;
  }
  if (!which) return undefined;
  return `Not refreshing ${which}: see the feed's options for why.`;
}

/**
 * Keeps the main-process scheduler's view of the subscriptions equal to what is stored, and
 * stores what it fetches. Mounted once, by the app shell. Returns what the scheduler refused, in
 * words, for the sync status to show.
 */
export function useSyncBridge(onNewArticles?: (count: number) => void): string | undefined {
  const states = useLiveQuery(() => listFeedSyncStates(), []);
  const settings = useLiveQuery(() => getSetting('sync'), []);
  // The cap per feed is the retention setting's; main keeps only that many newest items.
  const maxPerFeed = useLiveQuery(async () => (await getSetting('retention')).maxPerFeed, []);
  const [refused, setRefused] = useState<string>();

  useEffect(
    () =>
      onSyncRefusal((refusal) => {
        void applySyncRefusal(refusal).then(setRefused, reportStorageError);
      }),
    [],
  );

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

  return refused;
}
