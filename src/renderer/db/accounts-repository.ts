import { arrivalTables, placeArrivals } from './arrivals';
import { queueArrivingEpisodes } from './episodes-repository';
import type { ArrivalNotice } from './arrival-notices';
import type {
  AccountChange,
  AccountSnapshot,
  AccountSummary,
  RemoteItem,
} from '@shared/account-model';
import { SERVICE_LABELS } from '@shared/account-model';
import {
  SAVED_FEED_ID,
  type Account,
  type Article,
  type Feed,
  type Folder,
  type FullTextMode,
  type PurgedItem,
} from './entities';
import Dexie from 'dexie';
import { getDb } from './database';
import { articleId, guidOfArticleId } from './article-id';
import { toArticle } from './feeds-repository';
import { pendingItemState, queueChange, OutboxRecorder, syncedState } from './outbox-repository';
import type { BroadsheetDb } from './schema';
import { compareByName } from './queries';
import { forgetArticles, moveFingerprints } from './stories-repository';
import { LocalizedError } from '../i18n/localized-error';
import type { MessageRef } from '../lib/message-ref';

export { countPending, confirmOutbox, takeOutboxBatch } from './outbox-repository';

/*
 * Sync accounts as the library keeps them: the account rows (never a secret), the account's
 * subscriptions, folders and items (rows carrying accountId and the server's remoteId), and
 * what a pull brings, stored so that an interrupted sync loses nothing and duplicates nothing.
 */

/**
 * Whether the account's server keeps labels on items (tags here). Miniflux has folders only:
 * its items' tags stay on this computer, and nothing about them is sent or taken from it.
 */
export function syncsLabels(account: Pick<Account, 'service'>): boolean {
  return account.service !== 'miniflux';
}

/** Most items written in one transaction when a sync brings many. */
export const REMOTE_BATCH_SIZE = 250;

/** Every account, by name. Reads only the accounts table: live-queryable. */
export async function listAccounts(db = getDb()): Promise<Account[]> {
  const accounts = await db.accounts.toArray();
  return accounts.sort((a, b) => compareByName(a.name, b.name));
}

/** The name an account gets unless the reader gives one: the service and the user. */
function defaultAccountName(summary: Pick<AccountSummary, 'service' | 'username'>): string {
  const service = summary.service === 'greader' ? 'Reader API' : SERVICE_LABELS[summary.service];
  return `${service} (${summary.username})`;
}

/**
 * The row for an account main just signed in. Signing an existing account in again keeps its
 * name, library and queue and only clears "Sign in again".
 */
export async function createAccount(
  summary: AccountSummary,
  name?: string,
  now = Date.now(),
  db = getDb(),
): Promise<Account> {
  return db.transaction('rw', db.accounts, async () => {
    const previous = await db.accounts.get(summary.id);
    const account: Account = {
      ...previous,
      id: summary.id,
      service: summary.service,
      serverUrl: summary.serverUrl,
      username: summary.username,
      name: name?.trim() || previous?.name || defaultAccountName(summary),
      createdAt: previous?.createdAt ?? now,
      status: 'ok',
      lastError: undefined,
    };
    await db.accounts.put(account);
    return account;
  });
}

export async function renameAccount(accountId: string, name: string, db = getDb()): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new LocalizedError('db.accounts.error.noName');
  await db.accounts.update(accountId, { name: trimmed.slice(0, 200) });
}

/** The account's status after a sync that failed (or the server refused the sign-in). */
export async function recordAccountFailure(
  accountId: string,
  status: 'signed-out' | 'error',
  error: { code: string; message: string; text?: MessageRef | undefined },
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  const { code, message, text } = error;
  await db.accounts.update(accountId, {
    status,
    lastError: { code, message, at: now, ...(text && { text }) },
  });
}

/** Bookmarked items of the account: what sign-out keeps as Saved articles. */
export function countAccountBookmarks(accountId: string, db = getDb()): Promise<number> {
  return db.articles
    .where('accountId')
    .equals(accountId)
    .filter((article) => article.bookmarkedAt !== undefined)
    .count();
}

/** The remote ids of the account's stored items (keys only, from the index). */
export async function storedItemIds(accountId: string, db = getDb()): Promise<Set<string>> {
  return new Set((await accountArticleIds(accountId, db)).map(guidOfArticleId));
}

/**
 * The ids of the account's articles that carry a server item id. Primary keys come back in one
 * native call (getAllKeys); the index's own compound keys would be walked with a cursor, one
 * step per article, which made an incremental sync of a large library slow.
 */
function accountArticleIds(accountId: string, db: BroadsheetDb): Promise<string[]> {
  return db.articles
    .where('[accountId+remoteId]')
    .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey])
    .primaryKeys();
}

/** Items a sync fetched but could not keep (see account-sync.ts): not to be asked for again. */
export async function rememberNotWanted(
  accountId: string,
  items: readonly { remoteId: string; streamId?: string }[],
  now: number,
  db = getDb(),
): Promise<void> {
  if (items.length === 0) return;
  await db.purged.bulkPut(items.map((item) => ({ ...item, accountId, at: now })));
}

/**
 * The account's items retention purged (or a sync could not keep) that a sync could still want (unread or new on the
 * server); the records of the others go, since nothing would ask for those again, so the
 * table stays as small as the purged items that matter.
 */
export async function purgedItemIds(
  accountId: string,
  stillWanted: ReadonlySet<string>,
  streams: ReadonlySet<string>,
  db = getDb(),
): Promise<Set<string>> {
  return db.transaction('rw', db.purged, async () => {
    const rows = await db.purged.where('accountId').equals(accountId).toArray();
    // Wanted again: its subscription is held here now.
    const keep = (row: PurgedItem) =>
      stillWanted.has(row.remoteId) && !(row.streamId && streams.has(row.streamId));
    await db.purged.bulkDelete(
      rows.filter((row) => !keep(row)).map((row) => [accountId, row.remoteId] as [string, string]),
    );
    return new Set(rows.filter(keep).map((row) => row.remoteId));
  });
}

/** Stream ids of the account's subscriptions (to tell items of a stream not yet known). */
export async function knownStreams(accountId: string, db = getDb()): Promise<Set<string>> {
  const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
  return new Set(feeds.flatMap((feed) => (feed.remoteId ? [feed.remoteId] : [])));
}

/**
 * Stores a pull's items in batches of REMOTE_BATCH_SIZE, one transaction each. The cursor —
 * the pull's `since` and lastSyncAt — is written only in the last batch's transaction: a sync
 * that dies in between keeps the old cursor, so the next one asks again for what was not
 * stored, and ids (`feedId|remoteId`) keep what was stored from duplicating. Items of a stream
 * the account does not (or no longer) subscribe to are left out.
 */
export async function storeRemoteItems(
  accountId: string,
  items: RemoteItem[],
  options: { cursor?: { since: number }; now?: number; batchSize?: number } = {},
  db = getDb(),
): Promise<{ stored: number; skipped: number; notices: ArrivalNotice[] }> {
  const now = options.now ?? Date.now();
  const size = options.batchSize ?? REMOTE_BATCH_SIZE;
  const result = { stored: 0, skipped: 0, notices: [] as ArrivalNotice[] };
  const batches = Math.max(1, Math.ceil(items.length / size));
  for (let index = 0; index < batches; index++) {
    const batch = items.slice(index * size, (index + 1) * size);
    const last = index === batches - 1;
    await db.transaction(
      'rw',
      [db.accounts, db.feeds, db.articles, db.settings, db.outbox, ...arrivalTables(db)],
      async () => {
        const account = await db.accounts.get(accountId);
        // Signed out or removed meanwhile: drop the result rather than resurrect the account.
        if (!account || account.status === 'signed-out') return;
        const { stored, skipped, notices } = await putRemoteItems(account, batch, now, db);
        result.stored += stored;
        result.skipped += skipped;
        result.notices.push(...notices);
        if (last && options.cursor) {
          await db.accounts.update(accountId, {
            since: options.cursor.since,
            lastSyncAt: now,
            status: 'ok',
            lastError: undefined,
          });
        }
      },
    );
  }
  return result;
}

async function putRemoteItems(
  account: Account,
  items: RemoteItem[],
  now: number,
  db: BroadsheetDb,
): Promise<{ stored: number; skipped: number; notices: ArrivalNotice[] }> {
  const accountId = account.id;
  const labels = syncsLabels(account);
  const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
  const byStream = new Map(feeds.filter((f) => !f.unsubscribedAt).map((f) => [f.remoteId, f]));
  const reading = (await db.settings.get('reading'))?.value as
    { fullTextDefault?: FullTextMode } | undefined;
  const pending = await pendingItemState(accountId, db);
  const placed = items.flatMap((item) => {
    const feed = byStream.get(item.streamId);
    return feed ? [{ item, feed }] : [];
  });
  const previous = await db.articles.bulkGet(
    placed.map(({ item, feed }) => articleId(feed.id, item.id)),
  );
  const rows = placed.map(({ item, feed }, index) => {
    const before = previous[index];
    const mode: FullTextMode = feed.fullText ?? reading?.fullTextDefault ?? 'auto';
    const row = toArticle(feed.id, item, now, before, mode);
    return withServerState(
      { ...row, accountId, remoteId: item.id },
      { read: item.read, starred: item.starred, labels: labels ? item.labels : undefined },
      pending,
      now,
    );
  });
  const arrivals = rows.filter((_, index) => previous[index] === undefined);
  const notices = await placeArrivals(db, arrivals, { feeds, now, account });
  await db.articles.bulkPut(rows);
  for (const feed of feeds.filter((f) => f.keepEpisodes)) {
    await queueArrivingEpisodes(
      db,
      feed,
      arrivals.filter((a) => a.feedId === feed.id),
      now,
    );
  }
  return { stored: rows.length, skipped: items.length - rows.length, notices };
}

/**
 * The server's read, star and labels on a row, except where a change of the reader's is still
 * queued: a pending change wins over older server state.
 */
function withServerState(
  article: Article,
  server: { read: boolean; starred: boolean; labels?: string[] },
  pending: { read: Set<string>; star: Set<string>; label: Set<string> },
  now: number,
): Article {
  const id = article.remoteId!;
  const row = { ...article };
  if (!pending.read.has(id)) {
    row.unread = server.read ? 0 : 1;
    row.readAt = server.read ? (article.readAt ?? now) : undefined;
  }
  if (!pending.star.has(id)) {
    row.bookmarkedAt = server.starred ? (article.bookmarkedAt ?? now) : undefined;
  }
  if (server.labels && !pending.label.has(id)) row.tags = [...server.labels];
  return row;
}

/** A label's stream id from its name, as Reader API servers spell it. */
export function labelStreamId(name: string): string {
  return `user/-/label/${name}`;
}

/**
 * What the server holds now, applied: subscriptions and folders reconciled (when the snapshot
 * has them), then read, star and labels of every stored item set from the id lists — except
 * items with a change still queued (a pending change wins). Nothing here queues anything.
 * Returns the item ids the account has stored when it had to read them anyway (a sync's next
 * question), else undefined.
 */
export async function applySnapshot(
  accountId: string,
  snapshot: AccountSnapshot,
  now = Date.now(),
  db = getDb(),
): Promise<Set<string> | undefined> {
  if (snapshot.subscriptions) await applySubscriptions(accountId, snapshot, now, db);
  const unread = new Set(snapshot.unreadIds);
  const starred = new Set(snapshot.starredIds);
  const account = await db.accounts.get(accountId);
  const labelled =
    snapshot.labels && account && syncsLabels(account) ? new Map<string, string[]>() : undefined;
  for (const { name, itemIds } of snapshot.labels ?? []) {
    if (!labelled) break;
    for (const id of itemIds) labelled.set(id, [...(labelled.get(id) ?? []), name]);
  }
  let stored: Set<string> | undefined;
  await db.transaction('rw', [db.accounts, db.articles, db.outbox], async () => {
    const account = await db.accounts.get(accountId);
    if (!account || account.status === 'signed-out') return;
    const pending = await pendingItemState(accountId, db);
    // Without labels to compare, the rows whose read or star state differs are found from
    // index keys alone, and only those are read and written: an incremental sync of a large
    // library reads no article it does not change.
    let rows;
    if (labelled) rows = db.articles.where('accountId').equals(accountId);
    else {
      const differing = await differingState(accountId, unread, starred, db);
      stored = differing.stored;
      rows = db.articles.where(':id').anyOf(differing.ids);
    }
    await rows.modify((article) => {
      const before = syncedState(article);
      const next = withServerState(
        article,
        {
          read: !unread.has(article.remoteId!),
          starred: starred.has(article.remoteId!),
          labels: labelled ? (labelled.get(article.remoteId!) ?? []) : undefined,
        },
        pending,
        now,
      );
      const after = syncedState(next);
      if (
        before.unread === after.unread &&
        before.starred === after.starred &&
        before.tags.join('\n') === after.tags.join('\n')
      ) {
        return false;
      }
      Object.assign(article, next);
      if (next.readAt === undefined) delete article.readAt;
      if (next.bookmarkedAt === undefined) delete article.bookmarkedAt;
      return true;
    });
  });
  return stored;
}

/**
 * Ids of the account's stored items whose read or star state differs from the server's, and
 * the item ids stored (the sync's next question, answered from the same read).
 */
async function differingState(
  accountId: string,
  unread: Set<string>,
  starred: Set<string>,
  db: BroadsheetDb,
): Promise<{ ids: string[]; stored: Set<string> }> {
  const ids = await accountArticleIds(accountId, db);
  const stored = new Set(ids.map(guidOfArticleId));
  const unreadHere = new Set(
    await db.articles.where('[accountId+unread]').equals([accountId, 1]).primaryKeys(),
  );
  const starredHere = new Set(await db.articles.orderBy('bookmarkedAt').primaryKeys());
  const differing = ids.filter((id) => {
    const remoteId = guidOfArticleId(id);
    return (
      unreadHere.has(id) !== unread.has(remoteId) || starredHere.has(id) !== starred.has(remoteId)
    );
  });
  return { ids: differing, stored };
}

/**
 * Subscriptions and folders as the server has them. A feed or folder whose change is still
 * queued keeps the reader's version; a subscription gone from the server goes here too, its
 * bookmarked items kept (as unsubscribing does).
 */
async function applySubscriptions(
  accountId: string,
  snapshot: AccountSnapshot,
  now: number,
  db: BroadsheetDb,
): Promise<void> {
  const tables = [
    db.accounts,
    db.feeds,
    db.folders,
    db.articles,
    db.positions,
    db.outbox,
    db.fingerprints,
  ];
  await db.transaction('rw', tables, async () => {
    const account = await db.accounts.get(accountId);
    if (!account || account.status === 'signed-out') return;
    const queued = (await db.outbox.where('accountId').equals(accountId).toArray()).map(
      (entry) => entry.change,
    );
    const unsubscribing = new Set(
      queued.flatMap((change) => (change.kind === 'unsubscribe' ? [change.streamId] : [])),
    );
    const touched = new Set(
      queued.flatMap((change) => ('streamId' in change ? [change.streamId] : [])),
    );

    const folders = await db.folders.where('accountId').equals(accountId).toArray();
    const folderByRemote = new Map(folders.map((folder) => [folder.remoteId, folder]));
    const names = new Set<string>([
      ...(snapshot.folders ?? []).map((folder) => folder.name),
      ...snapshot.subscriptions!.flatMap((sub) => sub.folders),
    ]);
    for (const name of names) {
      const remoteId = labelStreamId(name);
      if (folderByRemote.has(remoteId)) continue;
      const folder: Folder = { id: crypto.randomUUID(), name, accountId, remoteId };
      await db.folders.add(folder);
      folderByRemote.set(remoteId, folder);
    }

    const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
    const feedByRemote = new Map(feeds.map((feed) => [feed.remoteId, feed]));
    const seen = new Set<string>();
    for (const sub of snapshot.subscriptions!) {
      seen.add(sub.streamId);
      const existing = feedByRemote.get(sub.streamId);
      const folderId = sub.folders[0]
        ? folderByRemote.get(labelStreamId(sub.folders[0]))?.id
        : undefined;
      // Changed here and not yet sent: the reader's version stands (an unsubscribed feed
      // does not come back).
      if (touched.has(sub.streamId) && (existing || unsubscribing.has(sub.streamId))) continue;
      const feed: Feed = {
        ...(existing ?? { id: crypto.randomUUID(), createdAt: now }),
        accountId,
        remoteId: sub.streamId,
        url: sub.url,
        title: sub.title || existing?.title || sub.url,
        siteUrl: sub.siteUrl ?? existing?.siteUrl,
        iconUrl: sub.iconUrl ?? existing?.iconUrl,
        folderId,
        unsubscribedAt: undefined,
      };
      await db.feeds.put(feed);
    }
    for (const feed of feeds) {
      if (seen.has(feed.remoteId!) || feed.unsubscribedAt) continue;
      await dropAccountFeed(feed, now, db);
    }
    // A folder the server no longer has and no feed is in goes.
    const inUse = new Set(
      (await db.feeds.where('accountId').equals(accountId).toArray()).map((f) => f.folderId),
    );
    for (const folder of folderByRemote.values()) {
      if (!names.has(folder.name) && !inUse.has(folder.id)) await db.folders.delete(folder.id);
    }
    await db.accounts.update(accountId, { subscriptionsAt: now });
  });
}

/** A subscription gone from the server: its items go, bookmarked ones stay with the row. */
async function dropAccountFeed(feed: Feed, now: number, db: BroadsheetDb): Promise<void> {
  const doomed = db.articles
    .where('feedId')
    .equals(feed.id)
    .filter((article) => article.bookmarkedAt === undefined);
  const doomedIds = await doomed.primaryKeys();
  await db.positions.bulkDelete(doomedIds);
  await doomed.delete();
  await forgetArticles(db, doomedIds);
  const kept = await db.articles.where('feedId').equals(feed.id).count();
  if (kept === 0) await db.feeds.delete(feed.id);
  else await db.feeds.update(feed.id, { unsubscribedAt: now, folderId: undefined });
}

/** The account's subscription to `url`, if it holds one (an unsubscribed row does not count). */
export async function findAccountFeedByUrl(
  accountId: string,
  url: string,
  db = getDb(),
): Promise<Feed | undefined> {
  return db.feeds
    .where('url')
    .equals(url)
    .filter((feed) => feed.accountId === accountId && !feed.unsubscribedAt)
    .first();
}

/**
 * Queues subscribing to `url` in the account (into a folder by name); the feed itself arrives
 * with the next pull of subscriptions.
 */
export async function subscribeInAccount(
  accountId: string,
  url: string,
  options: { title?: string; folder?: string; now?: number } = {},
  db = getDb(),
): Promise<void> {
  await db.transaction('rw', db.accounts, db.outbox, async () => {
    if (!(await db.accounts.get(accountId))) throw new LocalizedError('db.accounts.error.gone');
    const change: AccountChange = { kind: 'subscribe', url };
    if (options.title) change.title = options.title;
    if (options.folder) change.folder = options.folder;
    await queueChange(db, accountId, change, options.now ?? Date.now());
  });
}

/**
 * Moves a feed from this computer into an account: subscribing is queued with the move, and
 * the feed is marked `movingTo`; once the account's copy arrives, mergeMovedFeeds folds the
 * local copies into it.
 */
export async function moveLocalFeedToAccount(
  feedId: string,
  accountId: string,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  await db.transaction('rw', [db.accounts, db.feeds, db.folders, db.outbox], async () => {
    const [feed, account] = await Promise.all([db.feeds.get(feedId), db.accounts.get(accountId)]);
    if (!account) throw new LocalizedError('db.accounts.error.gone');
    if (!feed || feed.unsubscribedAt) throw new LocalizedError('db.accounts.error.feedGone');
    if (feed.accountId) throw new LocalizedError('db.accounts.error.feedInAccount');
    if (feed.movingTo) return;
    const folder = feed.folderId ? await db.folders.get(feed.folderId) : undefined;
    const change: AccountChange = {
      kind: 'subscribe',
      url: feed.url,
      title: feed.customTitle ?? feed.title,
    };
    if (folder?.name.trim()) change.folder = folder.name.trim();
    await queueChange(db, accountId, change, now);
    await db.feeds.update(feedId, { movingTo: accountId });
  });
}

/** The server confirmed a queued `subscribe` with this stream id: remember it on a moving feed. */
export async function recordSubscribed(
  accountId: string,
  url: string,
  streamId: string,
  db = getDb(),
): Promise<void> {
  await db.feeds
    .where('url')
    .equals(url)
    .filter((feed) => feed.movingTo === accountId && !feed.accountId)
    .modify({ remoteId: streamId });
}

/**
 * Folds every local feed moving into the account into the account's copy of it, once that
 * copy is stored (same stream id, or same address). An article both hold (same address) takes
 * the reader's state from the local copy — read, bookmark, tags, note — and the changes that
 * makes to the account's item are queued; other local articles move into the account's feed
 * as rows of this computer (they never queue anything). Reading positions and images follow.
 */
export async function mergeMovedFeeds(
  accountId: string,
  now = Date.now(),
  db = getDb(),
): Promise<number> {
  const isMoving = (feed: Feed) => feed.movingTo === accountId && !feed.accountId;
  // Every sync asks; almost always nothing is moving, and then no write lock over five tables
  // is taken for it.
  if (!(await db.feeds.filter(isMoving).first())) return 0;
  const tables = [db.feeds, db.articles, db.positions, db.images, db.outbox, db.fingerprints];
  return db.transaction('rw', tables, async () => {
    const moving = await db.feeds.filter(isMoving).toArray();
    if (moving.length === 0) return 0;
    const accountFeeds = await db.feeds.where('accountId').equals(accountId).toArray();
    let merged = 0;
    for (const local of moving) {
      const target = accountCopyOf(local, accountFeeds);
      if (!target) continue;
      await mergeLocalInto(local, target, now, db);
      merged++;
    }
    return merged;
  });
}

/**
 * The account's copy of a local feed moving into it (same stream id, or same address), among
 * `feeds`; an unsubscribed row does not count.
 */
export function accountCopyOf(local: Feed, feeds: readonly Feed[]): Feed | undefined {
  if (!local.movingTo) return undefined;
  const ofAccount = feeds.filter(
    (feed) => feed.accountId === local.movingTo && !feed.unsubscribedAt,
  );
  return (
    ofAccount.find((feed) => local.remoteId !== undefined && feed.remoteId === local.remoteId) ??
    ofAccount.find((feed) => feed.url === local.url)
  );
}

async function mergeLocalInto(
  local: Feed,
  target: Feed,
  now: number,
  db: BroadsheetDb,
): Promise<void> {
  const theirs = await db.articles.where('feedId').equals(target.id).toArray();
  const byUrl = new Map(theirs.filter((a) => a.url).map((a) => [a.url!, a]));
  const mine = await db.articles.where('feedId').equals(local.id).toArray();
  const recorder = new OutboxRecorder();
  const renamed = new Map<string, string>();
  const writes: Article[] = [];
  for (const article of mine) {
    const match = article.url ? byUrl.get(article.url) : undefined;
    if (match) {
      const before = syncedState(match);
      const next: Article = {
        ...match,
        unread: match.unread === 0 || article.unread === 0 ? 0 : 1,
        readAt: match.readAt ?? article.readAt,
        bookmarkedAt: match.bookmarkedAt ?? article.bookmarkedAt,
        tags: [...new Set([...match.tags, ...article.tags])],
        note: match.note ?? article.note,
      };
      if (next.unread === 0) next.readAt ??= now;
      recorder.note(before, next);
      writes.push(next);
      byUrl.set(article.url!, next);
      renamed.set(article.id, match.id);
    } else {
      const id = articleId(target.id, article.guid);
      writes.push({ ...article, id, feedId: target.id });
      renamed.set(article.id, id);
    }
  }
  const oldIds = mine.map((article) => article.id);
  const positions = (await db.positions.bulkGet(oldIds)).filter((row) => row !== undefined);
  const images = await db.images.where('articleIds').anyOf(oldIds).toArray();
  await db.articles.bulkDelete(oldIds);
  await db.articles.bulkPut(writes);
  await moveFingerprints(db, renamed);
  await db.positions.bulkDelete(oldIds);
  await db.positions.bulkPut(
    positions.map((row) => ({ ...row, articleId: renamed.get(row.articleId)! })),
  );
  await db.images.bulkPut(
    images.map((image) => ({
      ...image,
      articleIds: [...new Set(image.articleIds.map((id) => renamed.get(id) ?? id))],
    })),
  );
  await db.feeds.delete(local.id);
  if (local.customTitle && !target.customTitle) {
    await db.feeds.update(target.id, { customTitle: local.customTitle });
  }
  await recorder.flush(db, now);
}

/**
 * Signing out (or removing) an account: its bookmarked items become Saved articles, with their
 * read state, tags and note; everything else of the account goes — subscriptions, folders,
 * items, reading positions, images only they used, and the queue of unsent changes. The row
 * stays, 'signed-out', unless the account is removed.
 */
export async function signOutAccount(
  accountId: string,
  options: { remove?: boolean; now?: number } = {},
  db = getDb(),
): Promise<{ keptBookmarks: number; droppedChanges: number }> {
  const now = options.now ?? Date.now();
  const tables = [
    db.accounts,
    db.feeds,
    db.folders,
    db.articles,
    db.positions,
    db.images,
    db.outbox,
    db.purged,
    db.fingerprints,
  ];
  return db.transaction('rw', tables, async () => {
    await db.purged.where('accountId').equals(accountId).delete();
    const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
    const names = new Map(feeds.map((feed) => [feed.id, feed.customTitle ?? feed.title]));
    const articles = await db.articles.where('accountId').equals(accountId).toArray();
    // Rows of this computer that moved into an account feed go with it, unless bookmarked.
    const feedIds = feeds.map((feed) => feed.id);
    const strays = await db.articles
      .where('feedId')
      .anyOf(feedIds)
      .filter((article) => article.accountId === undefined)
      .toArray();
    const renamed = new Map<string, string>();
    const saved: Article[] = [];
    for (const article of [...articles, ...strays]) {
      if (article.bookmarkedAt === undefined) continue;
      const key = article.url ?? article.remoteId ?? article.guid;
      const id = articleId(SAVED_FEED_ID, key);
      if (renamed.has(article.id)) continue;
      renamed.set(article.id, id);
      const { accountId: _account, remoteId: _remote, ...rest } = article;
      void _account;
      void _remote;
      saved.push({
        ...rest,
        id,
        feedId: SAVED_FEED_ID,
        guid: key,
        savedAt: now,
        siteName: article.siteName ?? names.get(article.feedId),
      });
    }
    const allIds = [...articles, ...strays].map((article) => article.id);
    const present = new Map(
      (await db.articles.bulkGet(saved.map((row) => row.id)))
        .filter((row) => row !== undefined)
        .map((row) => [row.id, row]),
    );
    const positions = (await db.positions.bulkGet(allIds)).filter((row) => row !== undefined);
    const images = await db.images.where('articleIds').anyOf(allIds).toArray();
    await db.articles.bulkDelete(allIds);
    // A page already saved keeps its own row; the bookmark joins it.
    await db.articles.bulkPut(
      saved.map((row) => {
        const existing = present.get(row.id);
        if (!existing) return row;
        return {
          ...existing,
          bookmarkedAt: existing.bookmarkedAt ?? row.bookmarkedAt,
          tags: [...new Set([...existing.tags, ...row.tags])],
          note: existing.note ?? row.note,
        };
      }),
    );
    await moveFingerprints(db, renamed);
    await forgetArticles(
      db,
      allIds.filter((id) => !renamed.has(id)),
    );
    await db.positions.bulkDelete(allIds);
    await db.positions.bulkPut(
      positions
        .filter((row) => renamed.has(row.articleId))
        .map((row) => ({ ...row, articleId: renamed.get(row.articleId)! })),
    );
    const orphaned: string[] = [];
    const gone = new Set(allIds);
    const kept = images.flatMap((image) => {
      const articleIds = [
        ...new Set(
          image.articleIds.flatMap((id) =>
            renamed.has(id) ? [renamed.get(id)!] : gone.has(id) ? [] : [id],
          ),
        ),
      ];
      if (articleIds.length === 0) {
        orphaned.push(image.url);
        return [];
      }
      return [{ ...image, articleIds }];
    });
    await db.images.bulkDelete(orphaned);
    await db.images.bulkPut(kept);
    await db.feeds.bulkDelete(feedIds);
    await db.folders.where('accountId').equals(accountId).delete();
    const droppedChanges = await db.outbox.where('accountId').equals(accountId).delete();
    // Local feeds on their way into this account stay on this computer.
    await db.feeds
      .filter((feed) => feed.movingTo === accountId)
      .modify((feed) => {
        delete feed.movingTo;
        delete feed.remoteId;
      });
    if (options.remove) await db.accounts.delete(accountId);
    else
      await db.accounts.update(accountId, {
        status: 'signed-out',
        since: undefined,
        subscriptionsAt: undefined,
        lastSyncAt: undefined,
        lastError: undefined,
      });
    return { keptBookmarks: saved.length, droppedChanges };
  });
}

/** Removing an account: as signing out, and the row goes too. */
export function removeAccount(
  accountId: string,
  now = Date.now(),
  db = getDb(),
): Promise<{ keptBookmarks: number; droppedChanges: number }> {
  return signOutAccount(accountId, { remove: true, now }, db);
}
