/**
 * Wiring between the contract and the sync scheduler, for core.ts:
 *
 *   const scheduler = createSyncScheduler({
 *     fetchFeed: createFeedFetcher(deps), emit, log, ...systemClock, // feeds/feed-fetcher.ts
 *   });
 *   return { ...createSyncHandlers(scheduler), ... };
 *
 * and, in the shell, scheduler.resume() on powerMonitor 'resume' and when the network is back.
 */
import type { FeedSyncState, Handlers, SyncFeedRejection } from '../../shared/contract';
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

/** The real clock, randomness and timers. */
export const systemClock: Pick<SchedulerDeps, 'now' | 'random' | 'setTimer' | 'clearTimer'> = {
  now: () => Date.now(),
  random: () => Math.random(),
  // Unref'd: a pending sync must never be what keeps a CLI or test process alive.
  setTimer: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
