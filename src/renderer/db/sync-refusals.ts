import type { SyncFeedRejection } from '@shared/contract';
import { getDb } from './database';
import type { Feed } from './entities';
import type { BroadsheetDb } from './schema';
import { translate } from '../i18n/current-locale';

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
  const reasons = new Map(rejected.map((entry) => [entry.id, refusalMessage(entry.reason)]));
  const marked = (feed: Feed) => feed.lastError?.code === SYNC_REFUSED;
  // Most answers refuse nothing and nothing is marked: then this read is all that happens.
  const involved = await db.feeds
    .filter((feed) => reasons.has(feed.id) || (options.clearOthers && marked(feed)))
    .toArray();
  const stale = involved.filter(
    (feed) => reasons.get(feed.id) !== (marked(feed) ? feed.lastError?.message : undefined),
  );
  if (stale.length > 0) {
    await db.transaction('rw', db.feeds, async () => {
      await db.feeds
        .where('id')
        .anyOf(stale.map((feed) => feed.id))
        .modify((feed) => {
          const message = reasons.get(feed.id);
          if (message !== undefined) feed.lastError = { code: SYNC_REFUSED, message, at: now };
          // Only our own mark is cleared: a fetch failure recorded meanwhile stays.
          else if (marked(feed)) delete feed.lastError;
        });
    });
  }
  return involved
    .filter((feed) => reasons.has(feed.id))
    .map((feed) => feed.customTitle ?? feed.title);
}

/**
 * Stored in the language in use when the answer came; a later answer in another language
 * differs from it and so rewrites it (see `stale` above).
 */
function refusalMessage(reason: string): string {
  return translate('db.syncRefusals.message', { reason });
}
