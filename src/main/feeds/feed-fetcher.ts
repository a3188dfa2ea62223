/**
 * The sync scheduler's way to fetch a feed. core.ts hands it to sync/scheduler.ts as its
 * `fetchFeed`, so the scheduler knows nothing of HTTP or parsing and feeds nothing of scheduling;
 * the types below match the scheduler's SyncFetchRequest and SyncFetchLimits, and core.ts is
 * where the compiler checks that they still do.
 */
import type { FetchFeedResult } from '../../shared/contract';
import { ownHostAllowance } from '../net/address-guard';
import { fetchAndParseFeed, type FeedRequest, type FeedServiceDeps } from './feed-service';

export type FeedFetcher = (
  request: FeedRequest & {
    /** The feed's own host, when the reader added it from their own network. */
    allowPrivateHost?: string;
  },
  limits: { maxBytes: number; maxItems: number },
) => Promise<FetchFeedResult>;

/**
 * Fetch, parse and sanitize, as `feeds.fetch` does, with the scheduler's size and item caps
 * and abort. `fetchFor`, when given, supplies the fetch for a feed the reader added from their
 * own network (its `allowPrivateHost`, honoured for the feed URL's own host only).
 */
export function createFeedFetcher(
  deps: FeedServiceDeps,
  fetchFor?: (allowPrivateHost?: string) => typeof globalThis.fetch,
): FeedFetcher {
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
