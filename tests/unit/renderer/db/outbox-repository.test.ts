import { describe, expect, it } from 'vitest';
import type { AccountChange } from '@shared/account-model';
import { markAllRead, markRead, markUnread, setBookmarked } from '@renderer/db/articles-repository';
import {
  addTag,
  deleteTag,
  removeTag,
  renameTag,
  restoreBookmark,
  setNote,
} from '@renderer/db/bookmarks-repository';
import { importBookmarks } from '@renderer/db/bookmark-import-repository';
import type { Article } from '@renderer/db/entities';
import {
  addFeed,
  deleteFolder,
  findFeedByUrl,
  importOpmlTree,
  moveFeed,
  renameFeed,
  renameFolder,
  unsubscribeFeed,
} from '@renderer/db/feeds-repository';
import { confirmOutbox, countPending, takeOutboxBatch } from '@renderer/db/outbox-repository';
import { listFeedSyncStates } from '@renderer/db/queries';
import { foldReadMarks } from '@renderer/db/read-marks';
import { purgeArticles } from '@renderer/db/retention-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { fetchedFeed, parsedItem, storedArticle } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('outbox');
const ACC = 'acc-1';
const item = (n: number) => `tag:google.com,2005:reader/item/${n.toString(16).padStart(16, '0')}`;

/** An account item as a sync stores it: `${feedId}|${remoteId}`, guid = remoteId. */
function accountArticle(n: number, extra: Partial<Article> = {}): Article {
  return storedArticle(`af|${item(n)}`, { accountId: ACC, remoteId: item(n), ...extra });
}

async function seed(db: BroadsheetDb, articles: Article[] = []): Promise<void> {
  await db.accounts.put({
    id: ACC,
    service: 'freshrss',
    serverUrl: 'https://rss.example',
    username: 'me',
    name: 'FreshRSS (me)',
    createdAt: 1,
    status: 'ok',
  });
  await db.folders.bulkPut([
    { id: 'af-folder', name: 'Tech', accountId: ACC, remoteId: 'user/-/label/Tech' },
    { id: 'af-folder-2', name: 'News', accountId: ACC, remoteId: 'user/-/label/News' },
    { id: 'local-folder', name: 'Local' },
  ]);
  await db.feeds.bulkPut([
    {
      id: 'af',
      url: 'https://e.com/feed',
      title: 'E (account)',
      createdAt: 1,
      accountId: ACC,
      remoteId: 'feed/7',
      folderId: 'af-folder',
    },
    { id: 'f1', url: 'https://e.com/feed', title: 'E (local)', createdAt: 1 },
  ]);
  await db.articles.bulkPut(articles);
}

const queued = async (db: BroadsheetDb): Promise<AccountChange[]> =>
  (await db.outbox.orderBy('seq').toArray()).map((entry) => entry.change);

describe('the outbox: account changes are queued with the change itself', () => {
  it('read, unread, bookmark and tags of an account item each queue their change', async () => {
    const db = freshDb();
    await seed(db, [accountArticle(1)]);
    const id = `af|${item(1)}`;
    await markRead(id, 10, db);
    expect(await db.articles.get(id)).toMatchObject({ unread: 0, readAt: 10 });
    expect(await queued(db)).toEqual([{ kind: 'read', itemIds: [item(1)] }]);

    await markUnread(id, db);
    await addTag(id, 'Rust', 11, db);
    await removeTag(id, 'Rust', db);
    await setBookmarked(id, false, 12, db);
    expect((await queued(db)).slice(1)).toEqual([
      { kind: 'unread', itemIds: [item(1)] },
      // A tag bookmarks the article: the star and the label are one change of the reader's.
      { kind: 'star', itemIds: [item(1)] },
      { kind: 'label', label: 'Rust', itemIds: [item(1)] },
      { kind: 'unlabel', label: 'Rust', itemIds: [item(1)] },
      { kind: 'unstar', itemIds: [item(1)] },
    ]);
    expect((await db.outbox.toArray()).every((entry) => entry.accountId === ACC)).toBe(true);
  });

  it('a note bookmarks (stars) the item but stays on this computer', async () => {
    const db = freshDb();
    await seed(db, [accountArticle(1)]);
    await setNote(`af|${item(1)}`, 'remember this', 5, db);
    expect(await queued(db)).toEqual([{ kind: 'star', itemIds: [item(1)] }]);
    await setNote(`af|${item(1)}`, 'edited', 6, db);
    expect(await countPending(ACC, db)).toBe(1);
  });

  it('a change whose queue row cannot be written is not made either (one transaction)', async () => {
    const db = freshDb();
    await seed(db, [accountArticle(1)]);
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(markRead(`af|${item(1)}`, 10, db)).rejects.toThrow('disk full');
    expect(await db.articles.get(`af|${item(1)}`)).toMatchObject({ unread: 1 });
    await expect(addTag(`af|${item(1)}`, 'x', 10, db)).rejects.toThrow('disk full');
    expect(await db.articles.get(`af|${item(1)}`)).toMatchObject({ tags: [] });
    expect((await db.articles.get(`af|${item(1)}`))?.bookmarkedAt).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('a transaction that throws after the change leaves neither the change nor its queue row', async () => {
    const db = freshDb();
    await seed(db, [accountArticle(1)]);
    await expect(
      db.transaction('rw', db.articles, db.outbox, async () => {
        await markRead(`af|${item(1)}`, 10, db);
        throw new Error('the page died');
      }),
    ).rejects.toThrow('the page died');
    expect(await db.articles.get(`af|${item(1)}`)).toMatchObject({ unread: 1 });
    expect(await db.outbox.count()).toBe(0);
  });

  it('local feeds’ articles never queue anything', async () => {
    const db = freshDb();
    await seed(db, [storedArticle('f1|a'), storedArticle('f1|b')]);
    await markRead('f1|a', 1, db);
    await setBookmarked('f1|a', true, 1, db);
    await addTag('f1|b', 'x', 1, db);
    await renameTag('x', 'y', db);
    await deleteTag('y', db);
    await markAllRead({ kind: 'all' }, { now: 2 }, db);
    await renameFeed('f1', 'Mine', 3, db);
    await moveFeed('f1', 'local-folder', 3, db);
    await renameFolder('local-folder', 'Renamed', db);
    await deleteFolder('local-folder', db);
    await unsubscribeFeed('f1', 4, db);
    expect(await db.outbox.count()).toBe(0);
  });

  it('mark all read queues one change for many items, split at the contract’s bound', async () => {
    const db = freshDb();
    const many = Array.from({ length: 1205 }, (_, n) => accountArticle(n + 1));
    await seed(db, [...many, storedArticle('f1|local')]);
    // A feed's view is marked in place, in one transaction with its outbox rows.
    expect(await markAllRead({ kind: 'feed', feedId: 'af' }, { now: 5 }, db)).toBe(1205);
    const changes = await queued(db);
    expect(changes.map((c) => c.kind)).toEqual(['read', 'read']);
    const ids = changes.flatMap((c) => ('itemIds' in c ? c.itemIds : []));
    expect(ids).toHaveLength(1205);
    expect(new Set(ids)).toEqual(new Set(many.map((a) => a.remoteId)));
  });

  it('a mark all read folded in the background queues every item once, with each chunk', async () => {
    const db = freshDb();
    const many = Array.from({ length: 1205 }, (_, n) => accountArticle(n + 1));
    await seed(db, [...many, storedArticle('f1|local')]);
    expect(await markAllRead({ kind: 'all' }, { now: 5 }, db)).toBe(1206);
    // Recorded, not yet folded: nothing is queued until the rows say read.
    expect(await db.outbox.count()).toBe(0);
    await foldReadMarks(db);
    const changes = await queued(db);
    expect(changes.every((c) => c.kind === 'read')).toBe(true);
    const ids = changes.flatMap((c) => ('itemIds' in c ? c.itemIds : []));
    expect(ids).toHaveLength(1205);
    expect(new Set(ids)).toEqual(new Set(many.map((a) => a.remoteId)));
    expect(await db.articles.where('[accountId+unread]').equals([ACC, 1]).count()).toBe(0);
  });

  it('tag renames and deletions relabel the account’s items; restoring a bookmark queues it back', async () => {
    const db = freshDb();
    await seed(db, [
      accountArticle(1, { bookmarkedAt: 1, tags: ['old'] }),
      accountArticle(2, { bookmarkedAt: 1, tags: ['old', 'keep'] }),
    ]);
    await renameTag('old', 'New', db);
    expect(await queued(db)).toEqual([
      { kind: 'label', label: 'New', itemIds: [item(1), item(2)] },
      { kind: 'unlabel', label: 'old', itemIds: [item(1), item(2)] },
    ]);
    await db.outbox.clear();
    await deleteTag('keep', db);
    expect(await queued(db)).toEqual([{ kind: 'unlabel', label: 'keep', itemIds: [item(2)] }]);
    await db.outbox.clear();
    await setBookmarked(`af|${item(1)}`, false, 5, db);
    await restoreBookmark(`af|${item(1)}`, { bookmarkedAt: 1, tags: ['New'], note: 'n' }, db);
    expect(await queued(db)).toEqual([
      { kind: 'unstar', itemIds: [item(1)] },
      { kind: 'unlabel', label: 'New', itemIds: [item(1)] },
      { kind: 'star', itemIds: [item(1)] },
      { kind: 'label', label: 'New', itemIds: [item(1)] },
    ]);
  });

  it('importing bookmarks stars an account item it matches', async () => {
    const db = freshDb();
    await seed(db, [accountArticle(1)]);
    await importBookmarks(
      [
        {
          id: `af|${item(1)}`,
          url: null,
          title: 't',
          source: '',
          publishedAt: 1,
          bookmarkedAt: 2,
          tags: ['x'],
          note: '',
        },
      ],
      3,
      db,
    );
    expect(await queued(db)).toEqual([
      { kind: 'star', itemIds: [item(1)] },
      { kind: 'label', label: 'x', itemIds: [item(1)] },
    ]);
  });

  it('subscription changes of an account feed are queued: rename, move, folder rename and delete, unsubscribe', async () => {
    const db = freshDb();
    await seed(db, [accountArticle(1), accountArticle(2, { bookmarkedAt: 1 })]);
    await renameFeed('af', 'Mine', 1, db);
    await moveFeed('af', 'af-folder-2', 2, db);
    await renameFolder('af-folder-2', 'Daily', db, 3);
    await deleteFolder('af-folder-2', db, 4);
    await unsubscribeFeed('af', 5, db);
    expect(await queued(db)).toEqual([
      { kind: 'rename', streamId: 'feed/7', title: 'Mine' },
      { kind: 'move', streamId: 'feed/7', from: 'Tech', to: 'News' },
      { kind: 'move', streamId: 'feed/7', from: 'News', to: 'Daily' },
      { kind: 'move', streamId: 'feed/7', from: 'Daily' },
      { kind: 'unsubscribe', streamId: 'feed/7' },
    ]);
    expect(await db.folders.get('af-folder-2')).toBeUndefined();
  });

  it('an account feed goes only into its own account’s folders', async () => {
    const db = freshDb();
    await seed(db);
    await expect(moveFeed('af', 'local-folder', 1, db)).rejects.toThrow(/that account’s folders/);
    await expect(moveFeed('f1', 'af-folder', 1, db)).rejects.toThrow(/move it to the account/);
    expect(await db.feeds.get('af')).toMatchObject({ folderId: 'af-folder' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('retention purges queue nothing, and never purge bookmarked account items', async () => {
    const db = freshDb();
    const old = { fetchedAt: 0, publishedAt: 0 };
    await seed(db, [
      accountArticle(1, old),
      accountArticle(2, { ...old, bookmarkedAt: 1, tags: ['t'] }),
      accountArticle(3, { ...old, unread: 0, readAt: 0 }),
    ]);
    const purged = await purgeArticles(
      { keepReadDays: 1, keepUnreadDays: 1, maxPerFeed: null },
      Date.UTC(2026, 0, 1),
      db,
    );
    expect(purged).toBe(2);
    expect(await db.articles.where('accountId').equals(ACC).primaryKeys()).toEqual([
      `af|${item(2)}`,
    ]);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('addresses are unique among this computer’s feeds only', () => {
  it('lookups, revivals and OPML import see local feeds, never an account’s copy', async () => {
    const db = freshDb();
    await seed(db);
    await db.feeds.delete('f1');
    expect(await findFeedByUrl('https://e.com/feed', db)).toBeUndefined();
    // Subscribing here to an address the account has makes a feed of this computer.
    const feed = await addFeed('https://e.com/feed', fetchedFeed([parsedItem('a')]), 5, db);
    expect(feed.id).not.toBe('af');
    expect(feed.accountId).toBeUndefined();
    expect(await db.feeds.get('af')).toMatchObject({ accountId: ACC, title: 'E (account)' });
    expect(await db.articles.where('feedId').equals('af').count()).toBe(0);
    await db.feeds.delete(feed.id);
    const summary = await importOpmlTree(
      {
        title: 'x',
        feeds: [{ title: 'E', xmlUrl: 'https://e.com/feed' }],
        folders: [
          { title: 'Tech', feeds: [{ title: 'T', xmlUrl: 'https://t.com/feed' }], folders: [] },
        ],
      },
      6,
      db,
    );
    expect(summary).toMatchObject({ added: 2, skipped: [], folders: 1 });
    const local = (await db.feeds.toArray()).filter((f) => !f.accountId);
    expect(local.map((f) => f.url).sort()).toEqual(['https://e.com/feed', 'https://t.com/feed']);
    // The file's folder "Tech" is a new local one, not the account's label of that name.
    const tech = local.find((f) => f.url === 'https://t.com/feed')!;
    expect(tech.folderId).not.toBe('af-folder');
  });

  it('the scheduler is never told of an account’s feeds', async () => {
    const db = freshDb();
    await seed(db);
    expect((await listFeedSyncStates(db)).map((f) => f.id)).toEqual(['f1']);
  });
});

describe('taking the outbox for a push', () => {
  const entry = (change: AccountChange) => ({ accountId: ACC, change, at: 1 });

  it('coalesces: the last read and star per item win; labels per label; subscription changes keep their place', async () => {
    const db = freshDb();
    await db.outbox.bulkAdd([
      entry({ kind: 'read', itemIds: ['a', 'b'] }),
      entry({ kind: 'unread', itemIds: ['a'] }),
      entry({ kind: 'star', itemIds: ['a'] }),
      entry({ kind: 'label', label: 'x', itemIds: ['a'] }),
      entry({ kind: 'unstar', itemIds: ['a'] }),
      entry({ kind: 'unlabel', label: 'x', itemIds: ['a'] }),
      entry({ kind: 'label', label: 'y', itemIds: ['b'] }),
      entry({ kind: 'unsubscribe', streamId: 'feed/1' }),
      entry({ kind: 'read', itemIds: ['a'] }),
      { accountId: 'other', change: { kind: 'read', itemIds: ['z'] }, at: 1 },
    ]);
    const { changes, seqs } = await takeOutboxBatch(ACC, undefined, db);
    expect(changes).toEqual([
      { kind: 'unread', itemIds: ['a'] },
      { kind: 'read', itemIds: ['b'] },
      { kind: 'unstar', itemIds: ['a'] },
      { kind: 'unlabel', label: 'x', itemIds: ['a'] },
      { kind: 'label', label: 'y', itemIds: ['b'] },
      { kind: 'unsubscribe', streamId: 'feed/1' },
      { kind: 'read', itemIds: ['a'] },
    ]);
    // A run's rows are confirmed with its last change: a push cut short inside a run confirms
    // none of them, and the run is sent again whole.
    expect(seqs.map((s) => s.length)).toEqual([0, 0, 0, 0, 7, 1, 1]);
    await confirmOutbox(seqs.slice(0, 6).flat(), db);
    expect(await countPending(ACC, db)).toBe(1);
    expect((await takeOutboxBatch(ACC, undefined, db)).changes).toEqual([
      { kind: 'read', itemIds: ['a'] },
    ]);
    expect(await countPending(undefined, db)).toBe(2);
  });

  it('stops at the batch size, keeping order', async () => {
    const db = freshDb();
    await db.outbox.bulkAdd(
      Array.from({ length: 5 }, (_, n) => entry({ kind: 'unsubscribe', streamId: `feed/${n}` })),
    );
    const { changes } = await takeOutboxBatch(ACC, 3, db);
    expect(changes.map((c) => ('streamId' in c ? c.streamId : ''))).toEqual([
      'feed/0',
      'feed/1',
      'feed/2',
    ]);
  });

  it('never splits a run across batches, and cuts one too large for any batch so each push confirms rows', async () => {
    const db = freshDb();
    // Five label changes, each its own label: five coalesced changes from one run.
    await db.outbox.bulkAdd([
      entry({ kind: 'unsubscribe', streamId: 'feed/0' }),
      ...[1, 2, 3, 4, 5].map((n) => entry({ kind: 'label', label: `l${n}`, itemIds: ['a'] })),
    ]);
    const first = await takeOutboxBatch(ACC, 3, db);
    // The run does not fit beside the unsubscribe: it waits, whole, for the next batch.
    expect(first.changes).toEqual([{ kind: 'unsubscribe', streamId: 'feed/0' }]);
    await confirmOutbox(first.seqs.flat(), db);
    // Alone it still does not fit in 3: cut to the rows that do, and those are confirmed.
    const second = await takeOutboxBatch(ACC, 3, db);
    expect(second.changes.map((c) => ('label' in c ? c.label : ''))).toEqual(['l1', 'l2', 'l3']);
    expect(second.seqs.flat()).toHaveLength(3);
    await confirmOutbox(second.seqs.flat(), db);
    const third = await takeOutboxBatch(ACC, 3, db);
    expect(third.changes.map((c) => ('label' in c ? c.label : ''))).toEqual(['l4', 'l5']);
    await confirmOutbox(third.seqs.flat(), db);
    expect(await countPending(ACC, db)).toBe(0);
  });
});
