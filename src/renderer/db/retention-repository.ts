import Dexie from 'dexie';
import { SAVED_FEED_ID, type Article, type PurgedItem } from './entities';
import { getDb } from './database';
import type { BroadsheetDb } from './schema';
import { forgetArticles } from './stories-repository';
import { removeEpisodes } from './episodes-repository';
import { highlightedAmong } from './highlights-repository';
import { QuietAnnouncer } from './quiet-writes';
import { feedTallyKey, imageTallyKey, measureFeedStorage } from './tallies';
import type { RetentionSettings } from './settings-repository';

const DAY = 24 * 3600 * 1000;

/** What the reader chose to keep is never purged: bookmarks and saved pages (and, below, highlights). */
const isKept = (article: Article): boolean =>
  article.bookmarkedAt !== undefined ||
  article.savedAt !== undefined ||
  article.feedId === SAVED_FEED_ID;

/**
 * Removes articles past their time or beyond a feed's cap, and the images only they used, in
 * transactions of `PURGE_CHUNK` articles. Returns how many articles went. Bookmarked and saved
 * articles are never touched.
 */
export async function purgeArticles(
  settings: RetentionSettings,
  now = Date.now(),
  db = getDb(),
): Promise<number> {
  const doomed = new Set<string>();
  // Account items among them, so a sync does not fetch them again (and purge them again).
  const purged = new Map<string, PurgedItem>();
  const doom = (article: Article): void => {
    if (doomed.has(article.id)) return;
    doomed.add(article.id);
    if (article.accountId && article.remoteId) {
      purged.set(article.id, { accountId: article.accountId, remoteId: article.remoteId, at: now });
    }
  };
  const { keepReadDays, keepUnreadDays, maxPerFeed } = settings;
  const limits = [keepReadDays, keepUnreadDays].filter((d): d is number => d !== null);
  if (limits.length > 0) {
    // Age is time in the library: unread since it arrived, read since it was read — so a new
    // subscription's back catalogue is not purged the moment it lands. An article read after
    // it arrived cannot be due before it arrived, so the arrival index bounds the scan.
    const horizon = now - Math.min(...limits) * DAY;
    await db.articles
      .where('fetchedAt')
      .below(horizon)
      .each((article) => {
        if (isKept(article)) return;
        const days = article.unread ? keepUnreadDays : keepReadDays;
        const since = article.unread ? article.fetchedAt : (article.readAt ?? article.fetchedAt);
        if (days !== null && since < now - days * DAY) doom(article);
      });
  }
  if (maxPerFeed !== null) {
    // What is past a feed's cap is found by its keys alone, not its rows (whole pages: reading
    // them was most of a big purge's scan): bookmarked and saved articles are known by their
    // indexes, and only an account's articles are read, for the item each leaves behind.
    const [bookmarked, saved] = await Promise.all([
      db.articles.orderBy('bookmarkedAt').primaryKeys(),
      db.articles.orderBy('savedAt').primaryKeys(),
    ]);
    const kept = new Set<unknown>([...bookmarked, ...saved]);
    const feeds = await db.feeds.toArray();
    // Each feed's size from its storage tally, where one is kept: a feed within its cap is not
    // read at all, and one over it no further than its last article. Past that lie the entries
    // of the articles purged before, which a read skips one by one until the store compacts
    // them: every later pass (each start, each refresh) would walk every purged article again.
    const sizes = await db.tallies.bulkGet(feeds.map((feed) => feedTallyKey(feed.id)));
    for (const [n, feed] of feeds.entries()) {
      const size = sizes[n]?.count;
      if (size !== undefined && size <= maxPerFeed) continue;
      const past = db.articles
        .where('[feedId+publishedAt]')
        .between([feed.id, Dexie.minKey], [feed.id, Dexie.maxKey])
        .reverse()
        .offset(maxPerFeed);
      const beyond = size === undefined ? past : past.limit(size - maxPerFeed);
      if (feed.accountId !== undefined || feed.id === SAVED_FEED_ID) {
        await beyond.each((article) => {
          if (!isKept(article)) doom(article);
        });
        continue;
      }
      for (const id of await beyond.primaryKeys()) {
        if (!kept.has(id) && !doomed.has(id)) doomed.add(id);
      }
    }
  }
  if (doomed.size === 0) return 0;
  // An article unbookmarked after it was highlighted keeps its highlights, so it stays too.
  const highlighted = await highlightedAmong([...doomed], db);
  const ids = [...doomed].filter((id) => !highlighted.has(id));
  if (ids.length === 0) return 0;
  // In chunks, each its own transaction committed quietly, with the page's turn between them;
  // live queries hear of the pass every QUIET_ANNOUNCE_MS and at its end (quiet-writes.ts).
  const quiet = new QuietAnnouncer(db);
  try {
    for (let start = 0; start < ids.length; start += PURGE_CHUNK) {
      if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      const chunk = ids.slice(start, start + PURGE_CHUNK);
      await deleteArticles(
        chunk,
        db,
        chunk.flatMap((id) => purged.get(id) ?? []),
        quiet,
      );
    }
  } finally {
    quiet.flush();
  }
  return ids.length;
}

/**
 * Articles a retention pass deletes per transaction. Its commits are quiet, so a commit no longer
 * costs the page's live queries anything; what is left on the main thread is issuing the
 * transaction's requests, ~0.14 ms an article on a loaded 2-core machine (a CPU profile: IDB
 * `delete` and `get`), so 200 keep each task near 30 ms. Chunks of 50 told every live query every
 * key: 16,000 transactions at 1,000,000 articles (docs/bench/2026-12-07-background-writes.md).
 */
export const PURGE_CHUNK = 200;

/**
 * Deletes articles with their reading positions, kept episodes and playback and, in the same transaction, every image no
 * remaining article shows, and remembers the account items among them as `purged`. With
 * `quiet`, the commit tells live queries nothing and the announcer is told which tables it wrote.
 */
export async function deleteArticles(
  ids: string[],
  db: BroadsheetDb = getDb(),
  purged: PurgedItem[] = [],
  quiet?: QuietAnnouncer,
): Promise<void> {
  const tables = [
    db.articles,
    db.images,
    db.positions,
    db.purged,
    db.fingerprints,
    db.episodes,
    db.episodeParts,
    db.playback,
  ];
  const body = async () => {
    await db.purged.bulkPut(purged);
    const gone = new Set(ids);
    const images = await db.images.where('articleIds').anyOf(ids).toArray();
    const orphaned: string[] = [];
    const updated = images.flatMap((image) => {
      const articleIds = image.articleIds.filter((id) => !gone.has(id));
      if (articleIds.length === 0) {
        orphaned.push(image.url);
        return [];
      }
      return [{ ...image, articleIds }];
    });
    await db.images.bulkDelete(orphaned);
    await db.images.bulkPut(updated);
    // Only the keys a table holds: a loud commit hands every key deleted, held or not, to every
    // live query in the page, and most articles have no position, episode or playback.
    const held = (table: typeof db.positions | typeof db.playback) =>
      table.where(':id').anyOf(ids).primaryKeys();
    await db.positions.bulkDelete(await held(db.positions));
    // Kept episodes go with their articles (bookmarked ones are never doomed: isKept).
    await removeEpisodes(db, ids);
    await db.playback.bulkDelete(await held(db.playback));
    await db.articles.bulkDelete(ids);
    await forgetArticles(db, ids);
  };
  await (quiet ? quiet.transaction(tables, body) : db.transaction('rw', tables, body));
}

export interface StorageUse {
  totalBytes: number;
  perFeed: { feedId: string; articles: number; bytes: number }[];
}

/**
 * Bytes each source uses (text, images and kept episodes), for the settings screen. Read from
 * the storage tallies (tallies.ts), so opening the report costs a read per source, not a read of
 * the library; a source never measured is measured once here, a transaction of its own each.
 */
export async function measureStorage(db = getDb()): Promise<StorageUse> {
  // Every subscription (and every unsubscribed one kept for its bookmarks), saved items, and
  // any source measured before: each article's source is one of them.
  const feedIds = [SAVED_FEED_ID, ...((await db.feeds.toCollection().primaryKeys()) as string[])];
  const tallied = (await db.tallies
    .where('key')
    .between('feed:', 'feed:\uffff')
    .primaryKeys()) as string[];
  const ids = [...new Set([...feedIds, ...tallied.map((key) => key.slice('feed:'.length))])];
  const keys = ids.flatMap((id) => [feedTallyKey(id), imageTallyKey(id)]);
  const rows = await db.tallies.bulkGet(keys);
  const perFeed = new Map<string, { feedId: string; articles: number; bytes: number }>();
  for (const [n, feedId] of ids.entries()) {
    let articles = rows[2 * n];
    let images = rows[2 * n + 1];
    if (!articles || !images) {
      ({ articles, images } = await db.transaction('rw', [db.articles, db.images, db.tallies], () =>
        measureFeedStorage(db, feedId),
      ));
    }
    if (articles.count === 0) continue;
    perFeed.set(feedId, {
      feedId,
      articles: articles.count,
      bytes: (articles.bytes ?? 0) + (images.bytes ?? 0),
    });
  }
  // Kept episodes count against their feed: they are most of the room a podcast takes.
  await db.episodes.each((episode) => {
    const entry = perFeed.get(episode.feedId);
    if (entry) entry.bytes += episode.stored;
  });
  const list = [...perFeed.values()].sort((a, b) => b.bytes - a.bytes);
  return { totalBytes: list.reduce((sum, entry) => sum + entry.bytes, 0), perFeed: list };
}
