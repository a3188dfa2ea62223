/**
 * Wiring between the contract and the sync scheduler, for core.ts:
 *
 *   const scheduler = createSyncScheduler({
 *     fetchFeed: createFeedFetcher(deps), emit, log, ...systemClock,
 *   });
 *   return { ...createSyncHandlers(scheduler), ... };
 *
 * and, in the shell, scheduler.resume() on powerMonitor 'resume' and when the network is back.
 */
import type { FeedSyncState, Handlers, SyncFeedRejection } from '../../shared/contract';
import { fetchAndParseFeed, type FeedRequest, type FeedServiceDeps } from '../feeds/feed-service';
import { ownHostAllowance } from '../net/address-guard';
import type { SchedulerDeps, SyncScheduler } from './scheduler';

export type SyncHandlers = Pick<Handlers, 'sync.setFeeds' | 'sync.refresh' | 'sync.cancel'>;

export function createSyncHandlers(scheduler: SyncScheduler): SyncHandlers {
  return {
    'sync.setFeeds': async ({ feeds, settings }) => {
      // The contract checked each subscription on its own: schedule the good ones, name the rest.
      const accepted: FeedSyncState[] = [];
      const rejected: SyncFeedRejection[] = [];
      for (const entry of feeds) {
        if ('feed' in entry) accepted.push(entry.feed);
        else rejected.push(entry.rejected);
      }
      scheduler.setFeeds(accepted, settings);
      return { rejected };
    },
    'sync.refresh': async ({ feedIds }) => {
      scheduler.refresh(feedIds);
      return null;
    },
    'sync.cancel': async () => {
      scheduler.cancel();
      return null;
    },
  };
}

/**
 * Fetch, parse and sanitize, as `feeds.fetch` does, with the scheduler's size and item caps
 * and abort. `fetchFor`, when given, supplies the fetch for a feed the reader added from their
 * own network (its `allowPrivateHost`, honoured for the feed URL's own host only).
 */
export function createFeedFetcher(
  deps: FeedServiceDeps,
  fetchFor?: (allowPrivateHost?: string) => typeof globalThis.fetch,
): SchedulerDeps['fetchFeed'] {
  return ({ allowPrivateHost, ...request }, limits) => {
    // fetchAndParseFeed hands its request to httpGet as it is, so the signal travels with it.
    const feedRequest: FeedRequest = request;
    const allowance = ownHostAllowance(request.url, allowPrivateHost);
    return fetchAndParseFeed(
      {
        ...deps,
        ...(fetchFor && allowance ? { fetch: fetchFor(allowance) } : {}),
        limits: { ...deps.limits, maxBytes: limits.maxBytes },
      },
      { ...feedRequest, maxItems: limits.maxItems },
    );
  };
}

/** The real clock, randomness and timers. */
export const systemClock: Pick<SchedulerDeps, 'now' | 'random' | 'setTimer' | 'clearTimer'> = {
  now: () => Date.now(),
  random: () => Math.random(),
  // Unref'd: a pending sync must never be what keeps a CLI or test process alive.
  setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
