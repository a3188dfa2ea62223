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
 *
 * The pass finds and deletes a page at a time (`PURGE_PAGE` articles by age, a feed's excess by
 * the cap), so it holds one page's ids, never the whole purge's: at 1,000,000 articles the ids of
 * 800,000 doomed at once kept the page's collector in long pauses. Each page is read from where
 * the last one ended, never from a range's start, where the entries of the rows it just deleted
 * lie (IndexedDB walks them one by one until the store compacts them).
 */
export async function purgeArticles(
  settings: RetentionSettings,
  now = Date.now(),
  db = getDb(),
): Promise<number> {
  const { keepReadDays, keepUnreadDays, maxPerFeed } = settings;
  // In chunks, each its own transaction committed quietly, with the page's turn between them;
  // live queries hear of the pass every QUIET_ANNOUNCE_MS and at its end (quiet-writes.ts).
  const quiet = new QuietAnnouncer(db);
  let total = 0;
  try {
    const limits = [keepReadDays, keepUnreadDays].filter((d): d is number => d !== null);
    if (limits.length > 0) {
      const isDue = (article: Article): boolean => {
        if (isKept(article)) return false;
        const days = article.unread ? keepUnreadDays : keepReadDays;
        const since = article.unread ? article.fetchedAt : (article.readAt ?? article.fetchedAt);
        return days !== null && since < now - days * DAY;
      };
      // A page keeps only what its purge needs of each doomed row, not its text.
      const due = (article: Article): Doomed | undefined =>
        isDue(article) ? doomedOf(article) : undefined;
      // Age is time in the library: unread since it arrived, read since it was read — so a new
      // subscription's back catalogue is not purged the moment it lands. An article read after
      // it arrived cannot be due before it arrived, so the arrival index bounds the scan.
      const horizon = now - Math.min(...limits) * DAY;
      for await (const page of pagesByArrival(db, horizon, due)) {
        total += await purgePage(db, page, now, quiet);
      }
    }
    if (maxPerFeed !== null) {
      // What is past a feed's cap is found by its keys alone, not its rows: bookmarked and saved
      // articles are known by their indexes, and only an account's articles are read, for the
      // item each leaves behind.
      const [bookmarked, saved] = await Promise.all([
        db.articles.orderBy('bookmarkedAt').primaryKeys(),
        db.articles.orderBy('savedAt').primaryKeys(),
      ]);
      const kept = new Set<string>([...bookmarked, ...saved] as string[]);
      const feeds = await db.feeds.toArray();
      // Each feed's size from its storage tally, where one is kept: a feed within its cap is not
      // read at all, and one over it no further than its last article (past it lie the entries
      // of articles purged before).
      const sizes = await db.tallies.bulkGet(feeds.map((feed) => feedTallyKey(feed.id)));
      for (const [n, feed] of feeds.entries()) {
        const size = sizes[n]?.count;
        if (size !== undefined && size <= maxPerFeed) continue;
        const readRows = feed.accountId !== undefined || feed.id === SAVED_FEED_ID;
        for await (const ids of pagesPastCap(db, feed.id, maxPerFeed, size)) {
          const page = readRows
            ? (await db.articles.bulkGet(ids)).flatMap((a) =>
                a && !isKept(a) ? [doomedOf(a)] : [],
              )
            : ids.filter((id) => !kept.has(id)).map((id) => ({ id }));
          total += await purgePage(db, page, now, quiet);
        }
      }
    }
  } finally {
    quiet.flush();
  }
  return total;
}

/** Articles a retention pass finds and deletes at a time (a page of its ids, or of rows by age). */
export const PURGE_PAGE = 1000;

/** What deleting an article needs of it: its id, and the account item it leaves behind. */
type Doomed = Pick<Article, 'id' | 'accountId' | 'remoteId'>;

const doomedOf = ({ id, accountId, remoteId }: Article): Doomed => ({ id, accountId, remoteId });

/**
 * Deletes a page of doomed articles, but those with highlights (an article unbookmarked after it
 * was highlighted keeps them, so it stays too), remembering the account items among them so a
 * sync does not fetch them again. Returns how many went.
 */
async function purgePage(
  db: BroadsheetDb,
  page: Doomed[],
  now: number,
  quiet: QuietAnnouncer,
): Promise<number> {
  if (page.length === 0) return 0;
  const highlighted = await highlightedAmong(
    page.map((article) => article.id),
    db,
  );
  const doomed = page.filter((article) => !highlighted.has(article.id));
  for (let start = 0; start < doomed.length; start += PURGE_CHUNK) {
    // The page's turn between transactions.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const chunk = doomed.slice(start, start + PURGE_CHUNK);
    const purged = chunk.flatMap(({ accountId, remoteId }) =>
      accountId && remoteId ? [{ accountId, remoteId, at: now }] : [],
    );
    await deleteArticles(
      chunk.map((article) => article.id),
      db,
      purged,
      quiet,
    );
  }
  return doomed.length;
}

/**
 * What `pick` takes of the articles that arrived before `horizon`, oldest first, a page at a
 * time. A page ends with every article of its last arrival time (read in a cursor, however many
 * share it), so the next starts strictly after it and never crosses what the caller deleted in
 * between.
 */
async function* pagesByArrival<T extends object>(
  db: BroadsheetDb,
  horizon: number,
  pick: (article: Article) => T | undefined,
): AsyncGenerator<T[]> {
  let after: number | undefined;
  for (;;) {
    const range =
      after === undefined
        ? db.articles.where('fetchedAt').below(horizon)
        : db.articles.where('fetchedAt').between(after, horizon, false, false);
    const rows = await range.limit(PURGE_PAGE).toArray();
    if (rows.length === 0) return;
    const page = rows.flatMap((article) => pick(article) ?? []);
    const last = rows.at(-1)!;
    if (rows.length === PURGE_PAGE) {
      // The rest of the last arrival time's articles (an index orders them by id).
      await db.articles
        .where('fetchedAt')
        .equals(last.fetchedAt)
        .each((article) => {
          const picked = article.id > last.id ? pick(article) : undefined;
          if (picked !== undefined) page.push(picked);
        });
    }
    yield page;
    if (rows.length < PURGE_PAGE) return;
    after = last.fetchedAt;
  }
}

/**
 * The ids of a feed's articles past its newest `cap`, newest first, a page at a time; no more
 * than `size - cap` when the feed's size is known. Each page ends with every article of its last
 * date past the cap, so the next reads strictly older ones and never crosses what the caller
 * deleted in between.
 */
async function* pagesPastCap(
  db: BroadsheetDb,
  feedId: string,
  cap: number,
  size: number | undefined,
): AsyncGenerator<string[]> {
  let left = size === undefined ? Infinity : size - cap;
  let before: number | undefined;
  while (left > 0) {
    const ask = Math.min(PURGE_PAGE, left);
    const range = db.articles
      .where('[feedId+publishedAt]')
      .between(
        [feedId, Dexie.minKey],
        before === undefined ? [feedId, Dexie.maxKey] : [feedId, before],
        true,
        before === undefined,
      )
      .reverse();
    const keys: { date: number; id: string }[] = [];
    await (before === undefined ? range.offset(cap) : range).limit(ask).eachKey((key, cursor) => {
      keys.push({ date: (key as [string, number])[1], id: cursor.primaryKey as string });
    });
    const ids = keys.map((key) => key.id);
    left -= ids.length;
    if (ids.length < ask || left === 0) {
      if (ids.length > 0) yield ids;
      return;
    }
    // The rest of the last date's articles past the cap: those after it, by id, in the reverse walk.
    const last = keys.at(-1)!;
    const tied = (await db.articles
      .where('[feedId+publishedAt]')
      .equals([feedId, last.date])
      .primaryKeys()) as string[];
    const rest = tied.filter((id) => id < last.id).slice(0, left);
    left -= rest.length;
    yield [...ids, ...rest.reverse()];
    before = last.date;
  }
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
