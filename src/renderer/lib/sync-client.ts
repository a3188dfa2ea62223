import type { FeedSyncState, SyncSettings } from '@shared/sync-model';
import { getApi } from '../api/broadsheet-api';

const DEBOUNCE_MS = 250;
let pending: { feeds: FeedSyncState[]; settings: SyncSettings } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<unknown> = Promise.resolve();

/**
 * The scheduler's view of the subscriptions, sent at most every quarter second: storing one
 * sync result changes a feed row, and a busy refresh stores many.
 */
export function sendFeedStates(feeds: FeedSyncState[], settings: SyncSettings): void {
  pending = { feeds, settings };
  clearTimeout(timer);
  timer = setTimeout(() => void flushFeedStates(), DEBOUNCE_MS);
}

/** Sends what is waiting now, so a refresh that follows sees every subscription. */
export function flushFeedStates(): Promise<unknown> {
  clearTimeout(timer);
  if (pending) {
    const payload = pending;
    pending = undefined;
    inFlight = getApi().invoke('sync.setFeeds', payload);
  }
  return inFlight;
}

export async function refreshFeeds(feedIds?: string[]): Promise<void> {
  await flushFeedStates();
  await getApi().invoke('sync.refresh', feedIds ? { feedIds } : {});
}

export async function cancelRefresh(): Promise<void> {
  await getApi().invoke('sync.cancel', {});
}
