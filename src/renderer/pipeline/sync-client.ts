import type { SyncFeedRejection } from '@shared/contract';
import { MAX_URL_LENGTH, boundedValidator, isFetchableUrl } from '@shared/feed-limits';
import type { FeedSyncState, SyncSettings } from '@shared/sync-model';
import { getApi } from '../api/broadsheet-api';
import { translate } from '../i18n/current-locale';
import { errorText } from '../i18n/localized-error';

const DEBOUNCE_MS = 250;
let pending: { feeds: FeedSyncState[]; settings: SyncSettings } | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<unknown> = Promise.resolve();

/**
 * What the scheduler could not take from the last list sent: subscriptions it refused (by id,
 * with the reason), and `failed` when the whole call was refused. Reported after every send,
 * so an empty answer clears what an earlier one said.
 */
export interface SyncRefusal {
  rejected: SyncFeedRejection[];
  failed?: string;
}

type RefusalListener = (refusal: SyncRefusal) => void;
const refusalListeners = new Set<RefusalListener>();

export function onSyncRefusal(listener: RefusalListener): () => void {
  refusalListeners.add(listener);
  return () => refusalListeners.delete(listener);
}

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
    const { feeds, settings } = pending;
    pending = undefined;
    const { send, rejected } = boundFeedStates(feeds);
    inFlight = getApi()
      .invoke('sync.setFeeds', { feeds: send, settings })
      .then(
        (answer) =>
          answer.ok
            ? { rejected: [...rejected, ...answer.value.rejected] }
            : {
                rejected: [...rejected, ...named(answer.error.message, send)],
                failed: errorText(answer.error, translate),
              },
        (error: unknown) => ({ rejected, failed: errorText(error, translate) }),
      )
      .then((refusal: SyncRefusal) => refusalListeners.forEach((listener) => listener(refusal)));
  }
  return inFlight;
}

/**
 * What is sent is bounded as the contract bounds it, feed by feed, so a row stored before these
 * limits (or restored from an old backup) cannot make the whole list unacceptable: a validator
 * too long is left out (the next fetch is merely unconditional), an address Broadsheet cannot
 * fetch keeps that one feed out and says why.
 */
function boundFeedStates(feeds: FeedSyncState[]): {
  send: FeedSyncState[];
  rejected: SyncFeedRejection[];
} {
  const send: FeedSyncState[] = [];
  const rejected: SyncFeedRejection[] = [];
  for (const feed of feeds) {
    if (!isFetchableUrl(feed.url)) {
      rejected.push({
        id: feed.id,
        reason:
          feed.url.trim().length > MAX_URL_LENGTH
            ? translate('pipeline.sync.reason.tooLong', { max: MAX_URL_LENGTH })
            : translate('pipeline.sync.reason.notWeb'),
      });
      continue;
    }
    const etag = boundedValidator(feed.etag);
    const lastModified = boundedValidator(feed.lastModified);
    send.push({ ...feed, etag, lastModified });
  }
  return { send, rejected };
}

/** The feeds a refused call's message points at (`feeds[3]`), so the reader hears which. */
function named(message: string, sent: FeedSyncState[]): SyncFeedRejection[] {
  const indexes = new Set(
    [...message.matchAll(/feeds\[(\d+)\]/g)].map((match) => Number(match[1])),
  );
  return [...indexes].flatMap((index) => {
    const feed = sent[index];
    return feed ? [{ id: feed.id, reason: translate('pipeline.sync.reason.refused') }] : [];
  });
}

type RefreshListener = () => void;
const refreshListeners = new Set<RefreshListener>();

/** Hears every "refresh everything" (the Refresh button, its shortcut): accounts sync too. */
export function onRefreshAll(listener: RefreshListener): () => void {
  refreshListeners.add(listener);
  return () => refreshListeners.delete(listener);
}

export async function refreshFeeds(feedIds?: string[]): Promise<void> {
  if (!feedIds) refreshListeners.forEach((listener) => listener());
  await flushFeedStates();
  await getApi().invoke('sync.refresh', feedIds ? { feedIds } : {});
}

export async function cancelRefresh(): Promise<void> {
  await getApi().invoke('sync.cancel', {});
}
