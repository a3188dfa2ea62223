import { liveQuery } from 'dexie';
import type { Events } from '@shared/contract';
import { itemsPerFetch } from '@shared/sync-model';
import { getApi } from '../api/broadsheet-api';
import { recordFeedFailure, storeFetchResult } from '../db/feeds-repository';
import { listFeedSyncStates } from '../db/queries';
import { getSetting } from '../db/settings-repository';
import { warmStoryKeys } from '../db/stories-repository';
import { onListPainted } from '../lib/list-painted';
import { reportStorageError, reportStorageRecovered } from '../lib/storage-errors';
import { recordSpan, spanStart } from '../lib/user-timing';
import { recordSyncRefusals } from '../db/sync-refusals';
import { holdNoticeRound, noteArrivals } from './article-notices';
import { onSyncRefusal, refreshFeeds, sendFeedStates, type SyncRefusal } from './sync-client';
import { getLocaleState, translate } from '../i18n/current-locale';
import { formatList } from '../i18n/formats';

type SyncResult = Events['sync.result'];

/** Stores one fetch result; returns how many new articles it brought. */
async function applySyncResult(event: SyncResult): Promise<number> {
  if (event.ok) {
    const storing = spanStart();
    const { added, updated, notices } = await storeFetchResult(
      event.feedId,
      event.result,
      event.fetchedAt,
    );
    recordSpan('store-fetch-result', storing, { feedId: event.feedId, added, updated });
    noteArrivals(notices);
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
  const named = [
    ...names.map((name) => translate('pipeline.sync.quoted', { name })),
    ...(unnamed > 0 ? [translate('pipeline.sync.others', { count: unnamed })] : []),
  ];
  const which = formatList(named, getLocaleState().locale, 'unit');
  if (refusal.failed) {
    // `failed` is main's refusal, already in the reader's language (sync-client.ts).
    return named.length > 0
      ? translate('pipeline.sync.listRefusedNaming', { which, failed: refusal.failed })
      : translate('pipeline.sync.listRefused', { failed: refusal.failed });
  }
  if (named.length === 0) return undefined;
  return translate('pipeline.sync.notRefreshing', { which });
}

export interface SyncBridgeHandlers {
  /** How many new articles one stored fetch result brought (only when it brought some). */
  onNewArticles?: (count: number) => void;
  /**
   * How many fetched feeds are waiting to be stored (the disk was full, say): reported when the
   * number changes, down to 0 once each has been stored.
   */
  onNotStored?: (count: number) => void;
  /** What the scheduler refused, in words; undefined when it took every subscription. */
  onRefused?: (refused: string | undefined) => void;
}

/**
 * Keeps the main-process scheduler's view of the subscriptions equal to what is stored, and
 * stores what it fetches; a network that comes back triggers a refresh. Started once, by the
 * sync status the app shell mounts; returns the stop function.
 */
export function startSyncBridge(handlers: SyncBridgeHandlers = {}): () => void {
  const stopRefusals = onSyncRefusal((refusal) => {
    void applySyncRefusal(refusal).then(handlers.onRefused, reportStorageError);
  });

  // The cap per feed is the retention setting's; main keeps only that many newest items.
  const states = liveQuery(async () => ({
    feeds: await listFeedSyncStates(),
    settings: await getSetting('sync'),
    maxPerFeed: (await getSetting('retention')).maxPerFeed,
  })).subscribe({
    next: ({ feeds, settings, maxPerFeed }) =>
      sendFeedStates(feeds, { ...settings, maxItemsPerFeed: itemsPerFetch(maxPerFeed) }),
    error: reportStorageError,
  });

  // A result that cannot be stored (a full disk) leaves the feed's old validators with its old
  // articles: main's next fetch of it is a full one, so nothing is lost, only postponed. The
  // reader hears of it at once, and the message goes only when every feed that failed has been
  // stored since: a small feed that fits says nothing about the large one that did not.
  const unsaved = new Set<string>();
  const stopResults = getApi().on('sync.result', (event) => {
    // The refresh's notification waits for this result to be stored (article-notices.ts).
    const release = holdNoticeRound();
    void applySyncResult(event)
      .finally(release)
      .then(
        (added) => {
          if (added > 0) handlers.onNewArticles?.(added);
          if (unsaved.delete(event.feedId)) {
            handlers.onNotStored?.(unsaved.size);
            if (unsaved.size === 0) reportStorageRecovered('articles');
          }
        },
        (error: unknown) => {
          unsaved.add(event.feedId);
          reportStorageError(error, 'articles');
          handlers.onNotStored?.(unsaved.size);
        },
      );
  });

  // Story grouping's key cache is read once the list has painted, not by the first refresh
  // stored; a failure only leaves that refresh to read it.
  const stopWarming = onListPainted(() => {
    warmStoryKeys().catch(() => undefined);
  });

  const refresh = (): void => void refreshFeeds();
  window.addEventListener('online', refresh);

  return () => {
    stopRefusals();
    stopWarming();
    states.unsubscribe();
    stopResults();
    window.removeEventListener('online', refresh);
  };
}
