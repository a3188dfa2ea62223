import type { SyncFeedRejection } from '@shared/contract';
import { getDb } from './database';
import type { Feed } from './entities';
import type { BroadsheetDb } from './schema';

export const SYNC_REFUSED = 'sync-refused';

/**
 * Puts each subscription the scheduler refused on its feed row, where the sidebar's error badge
 * and the feed's options show it, and clears the mark from feeds no longer refused. Writes only
 * what changes: the feed rows feed the list that is sent, so rewriting them on every answer would
 * send the list again and again. After a call refused whole, `clearOthers` is false: it said
 * nothing about the other feeds. Returns the names of the refused feeds, for the sync status.
 */
export async function recordSyncRefusals(
  rejected: SyncFeedRejection[],
  options: { clearOthers: boolean },
  now = Date.now(),
  db: BroadsheetDb = getDb(),
): Promise<string[]> {
  return db.transaction('rw', db.feeds, async () => {
    const reasons = new Map(rejected.map((entry) => [entry.id, entry.reason]));
    const names: string[] = [];
    const feeds = await db.feeds.toArray();
    for (const feed of feeds) {
      const reason = reasons.get(feed.id);
      const marked = feed.lastError?.code === SYNC_REFUSED;
      if (reason === undefined) {
        if (marked && options.clearOthers) await db.feeds.update(feed.id, { lastError: undefined });
        continue;
      }
      names.push(feedName(feed));
      const message = `Broadsheet cannot keep this feed up to date: ${reason}. Unsubscribe from it and subscribe to its current address.`;
      if (marked && feed.lastError?.message === message) continue;
      await db.feeds.update(feed.id, { lastError: { code: SYNC_REFUSED, message, at: now } });
    }
    return names;
  });
}

function feedName(feed: Feed): string {
  return feed.customTitle ?? feed.title;
}
