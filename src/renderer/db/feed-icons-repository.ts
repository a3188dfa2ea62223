import { SAVED_FEED_ID, type Feed } from './entities';
import { getDb } from './database';

const HOUR = 3600 * 1000;
/** A site that had no icon today may have one next week, never sooner than this. */
const MAX_RETRY = 7 * 24 * HOUR;

/** How long to wait after the n-th failure in a row: 1 h, 2 h, 4 h… up to a week. */
export function iconRetryDelay(failures: number): number {
  return Math.min(MAX_RETRY, HOUR * 2 ** Math.max(0, failures - 1));
}

/** Subscriptions without an icon whose next attempt is due. */
export async function listFeedsNeedingIcon(now = Date.now(), db = getDb()): Promise<Feed[]> {
  const feeds = await db.feeds.toArray();
  return feeds.filter(
    (feed) =>
      feed.id !== SAVED_FEED_ID &&
      !feed.unsubscribedAt &&
      !feed.icon &&
      (feed.iconRetry?.nextAttemptAt ?? 0) <= now,
  );
}

/** When the earliest icon retry falls due, if any is waiting. */
export function nextIconAttempt(feeds: readonly Feed[]): number | undefined {
  const due = feeds.flatMap((feed) =>
    !feed.icon && feed.iconRetry ? [feed.iconRetry.nextAttemptAt] : [],
  );
  return due.length > 0 ? Math.min(...due) : undefined;
}

export type IconOutcome = { feedId: string; dataUrl: string } | { feedId: string; failed: true };

/** Stores a pass's results in one transaction, so the sidebar repaints once per batch. */
export async function storeIconOutcomes(
  outcomes: readonly IconOutcome[],
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.transaction('rw', db.feeds, async () => {
    for (const outcome of outcomes) {
      const feed = await db.feeds.get(outcome.feedId);
      if (!feed) continue;
      if ('dataUrl' in outcome) {
        await db.feeds.update(feed.id, {
          icon: { dataUrl: outcome.dataUrl, fetchedAt: now },
          iconRetry: undefined,
        });
      } else {
        const failures = (feed.iconRetry?.failures ?? 0) + 1;
        await db.feeds.update(feed.id, {
          iconRetry: { failures, nextAttemptAt: now + iconRetryDelay(failures) },
        });
      }
    }
  });
}
