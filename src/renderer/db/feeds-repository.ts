import { arrivalTables, keptPlacement, placeArrivals } from './arrivals';
import type { ArrivalNotice } from './arrival-notices';
import type { AccountChange } from '@shared/account-model';
import type { FetchFeedResult, OpmlFolder } from '@shared/contract';
import type { ParsedItem } from '@shared/feed-model';
import type { SyncFailure } from '@shared/sync-model';
import { boundedValidator, isFetchableUrl } from '@shared/feed-limits';
import { articleId } from './article-id';
import type { Article, Feed, Folder, FullTextMode } from './entities';
import { keepOrMakeListText } from './list-text';
import { mediaEnclosures } from './enclosures';
import { queueArrivingEpisodes, removeEpisodes } from './episodes-repository';
import { highlightedAmong } from './highlights-repository';
import { recordSpan, spanStart } from '../lib/user-timing';
import { getDb } from './database';
import { queueChange } from './outbox-repository';
import { forgetArticles } from './stories-repository';
import type { BroadsheetDb } from './schema';
import { translate } from '../i18n/current-locale';
import { LocalizedError } from '../i18n/localized-error';
import { toStore, type MessageRef } from '../lib/message-ref';

type FetchedOk = Extract<FetchFeedResult, { status: 'ok' }>;

/** What storing a fetch did; `notices`: the arrivals a notification may name (arrival-notices.ts). */
export interface StoredFetch {
  added: number;
  updated: number;
  notices: ArrivalNotice[];
}

/**
 * A feed of this computer: an account may subscribe to the same address as this computer does,
 * so addresses are unique among local feeds only (kept here, in code, not by the index).
 */
export const isLocalFeed = (feed: Feed): boolean => feed.accountId === undefined;

/** The local feed at this address (an account's copy is the account's, not a duplicate). */
export async function findFeedByUrl(url: string, db = getDb()): Promise<Feed | undefined> {
  return db.feeds.where('url').equals(url).filter(isLocalFeed).first();
}

/**
 * A new subscription and its first articles, stored together or not at all. Subscribing again
 * to a feed that was unsubscribed (and kept for its bookmarks) revives that row.
 */
export async function addFeed(
  url: string,
  fetched: FetchedOk,
  now = Date.now(),
  db = getDb(),
): Promise<Feed> {
  // New articles are placed (arrivals.ts) in the transaction that stores them.
  const tables = [db.feeds, db.articles, db.settings, ...arrivalTables(db)];
  return db.transaction('rw', tables, async () => {
    const finalUrl = fetched.movedTo ?? url;
    const revived = await db.feeds.where('url').anyOf([url, finalUrl]).filter(isLocalFeed).first();
    const feed: Feed = {
      ...(revived ?? { id: crypto.randomUUID(), createdAt: now }),
      url: finalUrl,
      title: fetched.feed.title || new URL(url).hostname,
      siteUrl: fetched.feed.siteUrl,
      description: fetched.feed.description,
      language: fetched.feed.language,
      iconUrl: fetched.feed.iconUrl,
      folderId: revived?.folderId,
      unsubscribedAt: undefined,
      gone: undefined,
      failureCount: undefined,
      nextAttemptAt: undefined,
      lastError: undefined,
      // Typed by the reader just now: main's answer is the allowance, whatever was kept before.
      allowPrivateHost: fetched.privateHost,
    };
    await db.feeds.put(feed);
    await storeFetchResult(feed.id, fetched, now, db);
    return feed;
  });
}

/** Most articles written in one transaction when a fetch brings many (storeFetchResult). */
export const STORE_BATCH_SIZE = 500;

/**
 * The sync invariant: new articles and the conditional-GET state that vouches for them are
 * written in one transaction, so an interrupted sync can never leave a 304-able feed whose
 * articles were not saved.
 *
 * A large result (up to the item cap per fetch, 5,000) is stored in batches of
 * STORE_BATCH_SIZE articles, one transaction each, so no single transaction holds IndexedDB
 * and every live query for long. The feed row — new ETag/Last-Modified, lastFetchedAt, a move
 * — is written only in the transaction of the last batch, with its articles. If the page dies
 * or a write fails in between, the batches before stay stored and the feed keeps its old
 * validators: the next fetch is not answered 304 but brings the whole feed again, and since
 * article ids are `feedId|guid` the stored batches are updated in place, never duplicated.
 */
export async function storeFetchResult(
  feedId: string,
  fetched: FetchFeedResult,
  now: number,
  db = getDb(),
): Promise<StoredFetch> {
  const earlier: StoredFetch = { added: 0, updated: 0, notices: [] };
  // Deduplicated once here: the batches and the last batch all take their items from this list.
  if (fetched.status === 'ok') {
    fetched = { ...fetched, feed: { ...fetched.feed, items: dedupeItems(fetched.feed.items) } };
  }
  if (fetched.status === 'ok' && fetched.feed.items.length > STORE_BATCH_SIZE) {
    const items = fetched.feed.items;
    const last = Math.max(0, Math.ceil(items.length / STORE_BATCH_SIZE) - 1) * STORE_BATCH_SIZE;
    for (let start = 0; start < last; start += STORE_BATCH_SIZE) {
      const batch = items.slice(start, start + STORE_BATCH_SIZE);
      const stored = await storeArticleBatch(feedId, batch, now, db);
      // Unsubscribed meanwhile: what was stored went with the feed's articles.
      if (!stored) return earlier;
      earlier.added += stored.added;
      earlier.updated += stored.updated;
      earlier.notices.push(...stored.notices);
    }
    fetched = { ...fetched, feed: { ...fetched.feed, items: items.slice(last) } };
  }
  const final = await storeLastBatch(feedId, fetched, now, db);
  return {
    added: earlier.added + final.added,
    updated: earlier.updated + final.updated,
    notices: [...earlier.notices, ...final.notices],
  };
}

/** A batch before the last: articles only, the feed row untouched (storeFetchResult). */
async function storeArticleBatch(
  feedId: string,
  items: ParsedItem[],
  now: number,
  db: BroadsheetDb,
): Promise<StoredFetch | undefined> {
  return db.transaction(
    'rw',
    [db.feeds, db.articles, db.settings, ...arrivalTables(db)],
    async () => {
      const feed = await db.feeds.get(feedId);
      if (!feed || feed.unsubscribedAt) return undefined;
      return putArticles(feed, items, now, db);
    },
  );
}

/** The last (or only) batch, already deduplicated, with the feed's new conditional-GET state. */
async function storeLastBatch(
  feedId: string,
  fetched: FetchFeedResult,
  now: number,
  db: BroadsheetDb,
): Promise<StoredFetch> {
  return db.transaction(
    'rw',
    [db.feeds, db.articles, db.settings, ...arrivalTables(db)],
    async () => {
      const feed = await db.feeds.get(feedId);
      // Unsubscribed while the fetch was under way: drop the result rather than resurrect it.
      if (!feed || feed.unsubscribedAt) return { added: 0, updated: 0, notices: [] };
      const healthy = {
        lastFetchedAt: now,
        lastError: undefined,
        failureCount: undefined,
        nextAttemptAt: undefined,
        gone: undefined,
      };
      if (fetched.status === 'not-modified') {
        // A 304 says nothing new about a redirect onto another subscription: keep saying so.
        const duplicate = feed.duplicateOf ? { lastError: feed.lastError } : {};
        await db.feeds.update(feedId, { ...healthy, ...duplicate });
        return { added: 0, updated: 0, notices: [] };
      }
      const stored = await putArticles(feed, fetched.feed.items, now, db);
      const move = await followMove(feed, fetched.movedTo, now, db);
      await db.feeds.update(feedId, {
        ...healthy,
        ...move,
        ...(fetched.feed.title && !feed.title ? { title: fetched.feed.title } : {}),
        siteUrl: fetched.feed.siteUrl ?? feed.siteUrl,
        iconUrl: fetched.feed.iconUrl ?? feed.iconUrl,
        language: fetched.feed.language ?? feed.language,
        // Bounded as main bounds them, so no stored value can make sync.setFeeds unacceptable.
        etag: boundedValidator(fetched.etag),
        lastModified: boundedValidator(fetched.lastModified),
      });
      return stored;
    },
  );
}

/**
 * A permanent redirect moves the subscription, unless another row already holds that address
 * (only one may): then the feed keeps its address, its articles are still stored, and it says
 * what happened and which subscription it duplicates, so the reader can merge the two.
 */
async function followMove(
  feed: Feed,
  movedTo: string | undefined,
  now: number,
  db: BroadsheetDb,
): Promise<Partial<Feed>> {
  if (!movedTo || movedTo === feed.url || !isFetchableUrl(movedTo)) {
    return { duplicateOf: undefined };
  }
  const holder = await db.feeds.where('url').equals(movedTo).filter(isLocalFeed).first();
  if (!holder) return { url: movedTo, duplicateOf: undefined };
  const name = (row: Feed) => row.customTitle ?? row.title;
  const text: MessageRef = {
    id: holder.unsubscribedAt ? 'db.feeds.duplicateOfUnsubscribed' : 'db.feeds.duplicateOf',
    values: { feed: name(feed), holder: name(holder) },
  };
  return {
    duplicateOf: holder.id,
    lastError: { code: 'duplicate-feed', ...toStore(text), at: now },
  };
}

/** Writes the items as the feed's articles, keeping the reader's state; inside a transaction. */
async function putArticles(
  feed: Feed,
  items: ParsedItem[],
  now: number,
  db: BroadsheetDb,
): Promise<StoredFetch> {
  const reading = (await db.settings.get('reading'))?.value as
    { fullTextDefault?: FullTextMode } | undefined;
  const mode: FullTextMode = feed.fullText ?? reading?.fullTextDefault ?? 'auto';
  const existing = await db.articles.bulkGet(items.map((item) => articleId(feed.id, item.id)));
  const rows: Article[] = [];
  const arrivals: Article[] = [];
  items.forEach((item, index) => {
    const previous = existing[index];
    const row = toArticle(feed.id, item, now, previous, mode);
    rows.push(row);
    if (!previous) arrivals.push(row);
  });
  const placing = spanStart();
  const notices = await placeArrivals(db, arrivals, { feeds: [feed], now });
  recordSpan('place-arrivals', placing, { feedId: feed.id, arrivals: arrivals.length });
  await db.articles.bulkPut(rows);
  await queueArrivingEpisodes(db, feed, arrivals, now);
  return { added: arrivals.length, updated: rows.length - arrivals.length, notices };
}

function dedupeItems(items: ParsedItem[]): ParsedItem[] {
  const seen = new Map<string, ParsedItem>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

/**
 * Upstream edits replace the feed's fields; the reader's own state (read, bookmark, tags) and
 * a whole article already extracted stay — extracted text is never fetched again unasked.
 */
export function toArticle(
  feedId: string,
  item: ParsedItem,
  now: number,
  previous: Article | undefined,
  mode: FullTextMode,
): Article {
  const extracted = previous?.fullText === 'done';
  const wantsFullText = mode === 'always' || (mode === 'auto' && item.summaryOnly === true);
  const changed =
    !previous || previous.contentHtml !== item.contentHtml || previous.summary !== item.summary;
  const contentHtml = extracted ? previous.contentHtml : item.contentHtml;
  const enclosures = mediaEnclosures(item.enclosures);
  return {
    ...(extracted ? pickExtracted(previous) : {}),
    id: articleId(feedId, item.id),
    feedId,
    guid: item.id,
    url: item.url,
    title: item.title,
    authors: item.authors,
    publishedAt: item.published ?? previous?.publishedAt ?? now,
    updatedAt: item.updated,
    fetchedAt: previous?.fetchedAt ?? now,
    summary: item.summary,
    contentHtml,
    listText: keepOrMakeListText({ summary: item.summary, contentHtml }, previous),
    images: extracted ? previous.images : item.images,
    // Absent rather than empty: most articles have none, and every byte of a row is read back.
    ...(enclosures.length > 0 ? { enclosures } : {}),
    categories: item.categories,
    unread: previous?.unread ?? 1,
    readAt: previous?.readAt,
    // Unread since it was first stored: an edit does not take it out of a waiting
    // "mark all as read" (read-marks.ts).
    unreadAt: previous?.unreadAt,
    bookmarkedAt: previous?.bookmarkedAt,
    tags: previous?.tags ?? [],
    note: previous?.note,
    fullText: extracted ? 'done' : (previous?.fullText ?? (wantsFullText ? 'pending' : 'skipped')),
    fullTextError: previous?.fullTextError,
    fullTextErrorText: previous?.fullTextErrorText,
    offline: previous && !changed ? previous.offline : 'pending',
    // Decided when it arrived (arrivals.ts) and kept through upstream edits.
    ...keptPlacement(previous),
    // The item's own language (an Atom entry's xml:lang), unless the whole page said its own.
    ...(item.language && !(extracted && previous.lang) ? { lang: item.language } : {}),
  };
}

function pickExtracted(article: Article): Partial<Article> {
  const { byline, siteName, section, lang, dir, leadImageUrl, excerpt, wordCount, readingMinutes } =
    article;
  return { byline, siteName, section, lang, dir, leadImageUrl, excerpt, wordCount, readingMinutes };
}

/** A failed fetch: the message for the badge and the scheduler's plan for the next attempt. */
export async function recordFeedFailure(
  feedId: string,
  failure: SyncFailure,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.feeds.update(feedId, {
    lastError: {
      code: failure.code,
      message: failure.message,
      text: failure.text,
      at: now,
      status: failure.status,
    },
    failureCount: failure.failureCount,
    nextAttemptAt: failure.nextAttemptAt,
    gone: failure.gone,
  });
}

export async function renameFeed(
  feedId: string,
  title: string,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const trimmed = title.trim();
  await db.transaction('rw', db.feeds, db.outbox, async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return;
    await db.feeds.update(feedId, { customTitle: trimmed || undefined });
    // An account's feed is renamed on its server too (back to its own title when cleared).
    if (feed.accountId && feed.remoteId && (trimmed || feed.title)) {
      const change = {
        kind: 'rename' as const,
        streamId: feed.remoteId,
        title: trimmed || feed.title,
      };
      await queueChange(db, feed.accountId, change, now);
    }
  });
}

/** "Notify me of new articles": kept on this computer only (no server has such a flag). */
export async function setFeedNotify(feedId: string, notify: boolean, db = getDb()): Promise<void> {
  await db.feeds.update(feedId, { notify: notify || undefined });
}

/** A per-feed refresh interval; undefined returns the feed to the global setting. */
export async function setFeedInterval(
  feedId: string,
  intervalMinutes: number | undefined,
  db = getDb(),
): Promise<void> {
  await db.feeds.update(feedId, { intervalMinutes });
}

/**
 * The reader typed the address of a feed they already had (from OPML, say) that lives on their own
 * network: from now on main may reach that host for this feed, and the result fetched with the
 * allowance is stored as any refresh would be.
 */
export async function allowFeedOnOwnNetwork(
  feedId: string,
  fetched: FetchedOk & { privateHost: string },
  now: number,
  db = getDb(),
): Promise<void> {
  await db.feeds.update(feedId, {
    allowPrivateHost: fetched.privateHost,
    failureCount: undefined,
    nextAttemptAt: undefined,
  });
  await storeFetchResult(feedId, fetched, now, db);
}

export async function setFeedFullText(
  feedId: string,
  mode: FullTextMode | undefined,
  db = getDb(),
): Promise<void> {
  await db.feeds.update(feedId, { fullText: mode });
}

/** Into a folder, or to the top level; an account's feed only into that account's folders. */
export async function moveFeed(
  feedId: string,
  folderId: string | undefined,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.transaction('rw', db.feeds, db.folders, db.outbox, async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed) return;
    const [from, to] = await db.folders.bulkGet([feed.folderId ?? '', folderId ?? '']);
    if (folderId && to && to.accountId !== feed.accountId) {
      throw new LocalizedError(
        feed.accountId ? 'db.feeds.error.accountFolderOnly' : 'db.feeds.error.localIntoAccount',
      );
    }
    await db.feeds.update(feedId, { folderId });
    if (feed.accountId && feed.remoteId && from?.id !== to?.id) {
      const change: AccountChange = { kind: 'move', streamId: feed.remoteId };
      if (from) change.from = from.name;
      if (to) change.to = to.name;
      await queueChange(db, feed.accountId, change, now);
    }
  });
}

/**
 * Removes the feed and its articles, except bookmarked or highlighted ones: those stay, and so
 * does the feed row (marked unsubscribed) so they still say where they came from.
 */
export async function unsubscribeFeed(
  feedId: string,
  now = Date.now(),
  db = getDb(),
): Promise<{ keptBookmarks: number }> {
  const tables = [db.feeds, db.articles, db.positions, db.outbox, db.fingerprints];
  const episodeTables = [db.episodes, db.episodeParts, db.playback, db.highlights];
  return db.transaction('rw', [...tables, ...episodeTables], async () => {
    const feed = await db.feeds.get(feedId);
    // An account's subscription ends on its server too; its items here go as a local one's do.
    if (feed?.accountId && feed.remoteId && !feed.unsubscribedAt) {
      await queueChange(db, feed.accountId, { kind: 'unsubscribe', streamId: feed.remoteId }, now);
    }
    const unbookmarked = await db.articles
      .where('feedId')
      .equals(feedId)
      .filter((article) => article.bookmarkedAt === undefined)
      .primaryKeys();
    const highlighted = await highlightedAmong(unbookmarked, db);
    const doomedIds = unbookmarked.filter((id) => !highlighted.has(id));
    await db.positions.bulkDelete(doomedIds);
    await removeEpisodes(db, doomedIds);
    await db.playback.bulkDelete(doomedIds);
    await db.articles.bulkDelete(doomedIds);
    await forgetArticles(db, doomedIds);
    const kept = await db.articles.where('feedId').equals(feedId).count();
    if (kept === 0) await db.feeds.delete(feedId);
    else
      await db.feeds.update(feedId, {
        unsubscribedAt: now,
        etag: undefined,
        lastModified: undefined,
      });
    return { keptBookmarks: kept };
  });
}

/**
 * A new folder on this computer, or in an account: there a folder is a label its feeds carry,
 * so the server hears of it when a feed moves in.
 */
export async function createFolder(
  name: string,
  db = getDb(),
  accountId?: string,
): Promise<Folder> {
  const folder: Folder = {
    id: crypto.randomUUID(),
    name: name.trim() || translate('db.feeds.untitledFolder'),
  };
  if (accountId) Object.assign(folder, { accountId, remoteId: `user/-/label/${folder.name}` });
  await db.folders.add(folder);
  return folder;
}

/**
 * An account's folder is a label on its feeds: renaming it moves each feed from the old label
 * to the new one on the server (queued with the rename).
 */
export async function renameFolder(
  folderId: string,
  name: string,
  db = getDb(),
  now = Date.now(),
): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) return;
  await db.transaction('rw', db.feeds, db.folders, db.outbox, async () => {
    const folder = await db.folders.get(folderId);
    if (!folder || folder.name === trimmed) return;
    if (!folder.accountId) {
      await db.folders.update(folderId, { name: trimmed });
      return;
    }
    await db.folders.update(folderId, { name: trimmed, remoteId: `user/-/label/${trimmed}` });
    await queueFolderMoves(db, folder, trimmed, now);
  });
}

/** Deleting a folder never deletes feeds: they move up to the top level. */
export async function deleteFolder(
  folderId: string,
  db = getDb(),
  now = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.feeds, db.folders, db.outbox, async () => {
    const folder = await db.folders.get(folderId);
    if (folder?.accountId) await queueFolderMoves(db, folder, undefined, now);
    await db.feeds.where('folderId').equals(folderId).modify({ folderId: undefined });
    await db.folders.delete(folderId);
  });
}

/** Every feed of an account's folder moves from its label to `to` (or out of every folder). */
async function queueFolderMoves(
  db: BroadsheetDb,
  folder: Folder,
  to: string | undefined,
  now: number,
): Promise<void> {
  const feeds = await db.feeds.where('folderId').equals(folder.id).toArray();
  for (const feed of feeds) {
    if (feed.accountId !== folder.accountId || !feed.remoteId || feed.unsubscribedAt) continue;
    const change: AccountChange = { kind: 'move', streamId: feed.remoteId, from: folder.name };
    if (to) change.to = to;
    await queueChange(db, folder.accountId!, change, now);
  }
}

export interface OpmlImportSummary {
  added: number;
  skipped: { title: string; reason: string }[];
  folders: number;
  feedIds: string[];
}

/**
 * OPML import adds the subscriptions at once, without fetching: the scheduler fills them in.
 * Folders with the same name are reused so importing twice does not duplicate the tree.
 */
export async function importOpmlTree(
  root: OpmlFolder,
  now = Date.now(),
  db = getDb(),
): Promise<OpmlImportSummary> {
  return db.transaction('rw', db.feeds, db.folders, async () => {
    const summary: OpmlImportSummary = { added: 0, skipped: [], folders: 0, feedIds: [] };
    // Subscriptions from a file belong to this computer: its folders, its addresses.
    const folders = (await db.folders.toArray()).filter((folder) => !folder.accountId);
    const folderByName = new Map(folders.map((folder) => [folder.name.toLowerCase(), folder]));

    const visit = async (node: OpmlFolder, folderId: string | undefined): Promise<void> => {
      for (const entry of node.feeds) {
        const existing = await findFeedByUrl(entry.xmlUrl, db);
        if (existing && !existing.unsubscribedAt) {
          summary.skipped.push({
            title: entry.title,
            reason: translate('db.feeds.alreadySubscribed'),
          });
          continue;
        }
        const feed: Feed = {
          ...(existing ?? { id: crypto.randomUUID(), createdAt: now }),
          url: entry.xmlUrl,
          title: entry.title || new URL(entry.xmlUrl).hostname,
          siteUrl: entry.htmlUrl,
          folderId,
          unsubscribedAt: undefined,
        };
        await db.feeds.put(feed);
        summary.added += 1;
        summary.feedIds.push(feed.id);
      }
      for (const child of node.folders) {
        // Readers show one level of folders; deeper outlines fold into their top-level folder.
        let target = folderId;
        if (!folderId) {
          const key = child.title.trim().toLowerCase() || 'imported';
          let folder = folderByName.get(key);
          if (!folder) {
            folder = {
              id: crypto.randomUUID(),
              name: child.title.trim() || translate('db.feeds.importedFolder'),
            };
            await db.folders.add(folder);
            folderByName.set(key, folder);
            summary.folders += 1;
          }
          target = folder.id;
        }
        await visit(child, target);
      }
    };
    await visit(root, undefined);
    return summary;
  });
}

/** The subscription tree for OPML export: folders one level deep, as the sidebar shows them. */
export async function exportOpmlTree(db = getDb()): Promise<OpmlFolder> {
  const [feeds, folders] = await Promise.all([db.feeds.toArray(), db.folders.toArray()]);
  const name = (feed: Feed) => feed.customTitle ?? feed.title;
  const live = feeds
    .filter((feed) => !feed.unsubscribedAt)
    .sort((a, b) => name(a).localeCompare(name(b)));
  const entry = (feed: Feed) => ({
    title: name(feed),
    xmlUrl: feed.url,
    ...(feed.siteUrl ? { htmlUrl: feed.siteUrl } : {}),
  });
  return {
    title: translate('db.feeds.opmlTitle'),
    feeds: live.filter((feed) => !feed.folderId).map(entry),
    folders: folders
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((folder) => ({
        title: folder.name,
        feeds: live.filter((feed) => feed.folderId === folder.id).map(entry),
        folders: [],
      })),
  };
}
