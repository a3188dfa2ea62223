import { guidOfArticleId } from '@renderer/db/article-id';
import { describe, expect, it } from 'vitest';
import type { AccountSnapshot, RemoteItem } from '@shared/account-model';
import {
  applySnapshot,
  countAccountBookmarks,
  createAccount,
  listAccounts,
  mergeMovedFeeds,
  moveLocalFeedToAccount,
  recordSubscribed,
  removeAccount,
  renameAccount,
  signOutAccount,
  storedItemIds,
  storeRemoteItems,
} from '@renderer/db/accounts-repository';
import { markRead, setBookmarked } from '@renderer/db/articles-repository';
import { SAVED_FEED_ID } from '@renderer/db/entities';
import { unsubscribeFeed } from '@renderer/db/feeds-repository';
import { countPending } from '@renderer/db/outbox-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { storedArticle } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('accounts');
const ACC = 'acc-1';
const item = (n: number) => `tag:google.com,2005:reader/item/${n.toString(16).padStart(16, '0')}`;
const summary = {
  id: ACC,
  service: 'freshrss' as const,
  serverUrl: 'https://rss.example',
  apiUrl: 'https://rss.example/api/greader.php',
  username: 'me',
  signedIn: true,
};

function remote(n: number, extra: Partial<RemoteItem> = {}): RemoteItem {
  return {
    id: item(n),
    streamId: 'feed/1',
    url: `https://e.com/${n}`,
    title: `Item ${n}`,
    authors: [],
    published: 1000 + n,
    contentHtml: `<p>${n}</p>`,
    images: [],
    enclosures: [],
    categories: [],
    labels: [],
    read: false,
    starred: false,
    ...extra,
  };
}

function snapshot(extra: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return { unreadIds: [], starredIds: [], newIds: [], nextSince: 500, requests: 3, ...extra };
}

/** An account with one subscription (feed/1 in folder Tech), as a first pull leaves it. */
async function seedAccount(db: BroadsheetDb): Promise<string> {
  await createAccount(summary, undefined, 1, db);
  await applySnapshot(
    ACC,
    snapshot({
      subscriptions: [
        { streamId: 'feed/1', title: 'E News', url: 'https://e.com/feed', folders: ['Tech'] },
      ],
      folders: [{ id: 'user/-/label/Tech', name: 'Tech' }],
    }),
    2,
    db,
  );
  const feed = await db.feeds.where('[accountId+remoteId]').equals([ACC, 'feed/1']).first();
  return feed!.id;
}

describe('accounts', () => {
  it('are created without secrets, named, renamed and listed', async () => {
    const db = freshDb();
    const account = await createAccount(
      { ...summary, password: 'hunter2', auth: 'tok' } as typeof summary,
      undefined,
      1,
      db,
    );
    expect(account).toMatchObject({ name: 'FreshRSS (me)', status: 'ok' });
    const row = await db.accounts.get(ACC);
    expect(JSON.stringify(row)).not.toMatch(/hunter2|tok|apiUrl/);
    await renameAccount(ACC, '  Home  ', db);
    await createAccount({ ...summary, id: 'b', username: 'zed' }, 'Work', 1, db);
    expect((await listAccounts(db)).map((a) => a.name)).toEqual(['Home', 'Work']);
    await expect(renameAccount(ACC, ' ', db)).rejects.toThrow('needs a name');
    // Signing in again keeps the name the reader gave.
    await db.accounts.update(ACC, { status: 'signed-out' });
    expect(await createAccount(summary, undefined, 2, db)).toMatchObject({
      name: 'Home',
      status: 'ok',
      createdAt: 1,
    });
  });

  it('a pull’s subscriptions and folders become the account’s feeds and folders', async () => {
    const db = freshDb();
    const feedId = await seedAccount(db);
    expect(await db.feeds.get(feedId)).toMatchObject({
      accountId: ACC,
      url: 'https://e.com/feed',
      title: 'E News',
    });
    const folder = await db.folders.where('accountId').equals(ACC).first();
    expect(folder).toMatchObject({ name: 'Tech', remoteId: 'user/-/label/Tech' });
    expect((await db.feeds.get(feedId))?.folderId).toBe(folder!.id);
    // Gone from the server: the feed goes, its bookmarked items stay with the row.
    await storeRemoteItems(ACC, [remote(1), remote(2, { starred: true })], {}, db);
    await applySnapshot(ACC, snapshot({ subscriptions: [], folders: [] }), 3, db);
    expect(await db.feeds.get(feedId)).toMatchObject({ unsubscribedAt: 3 });
    expect([...(await storedItemIds(ACC, db))]).toEqual([item(2)]);
    expect(await db.folders.where('accountId').equals(ACC).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('storing what a sync brings', () => {
  it("keeps every account article's item id readable from its own id (sync compares them so)", async () => {
    const db = freshDb();
    await seedAccount(db);
    await storeRemoteItems(
      ACC,
      [remote(1), remote(0xfedcba), remote(3, { starred: true })],
      {},
      db,
    );
    const rows = await db.articles.where('accountId').equals(ACC).toArray();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(guidOfArticleId(row.id)).toBe(row.remoteId);
    expect([...(await storedItemIds(ACC, db))].sort()).toEqual(
      [item(1), item(3), item(0xfedcba)].sort(),
    );
  });

  it('stores items in batches, with the cursor written only with the last batch', async () => {
    const db = freshDb();
    const feedId = await seedAccount(db);
    const items = Array.from({ length: 7 }, (_, n) =>
      remote(n + 1, { read: n % 2 === 0, starred: n === 3, labels: n === 3 ? ['Later'] : [] }),
    );
    const result = await storeRemoteItems(
      ACC,
      items,
      { cursor: { since: 777 }, now: 50, batchSize: 3 },
      db,
    );
    expect(result).toEqual({ stored: 7, skipped: 0, notices: [] });
    expect(await db.accounts.get(ACC)).toMatchObject({ since: 777, lastSyncAt: 50 });
    const stored = await db.articles.get(`${feedId}|${item(4)}`);
    expect(stored).toMatchObject({
      accountId: ACC,
      remoteId: item(4),
      guid: item(4),
      unread: 1,
      bookmarkedAt: 50,
      tags: ['Later'],
      offline: 'pending',
    });
    expect(await db.articles.get(`${feedId}|${item(1)}`)).toMatchObject({ unread: 0 });
    // Storing what the server says queues nothing.
    expect(await db.outbox.count()).toBe(0);
  });

  it.each([5, 7])(
    'a batch that fails (at item %i) keeps the earlier batches and the old cursor; the next run duplicates nothing',
    async (failAt) => {
      const db = freshDb();
      await seedAccount(db);
      await db.accounts.update(ACC, { since: 100 });
      const items = Array.from({ length: 7 }, (_, n) => remote(n + 1));
      let written = 0;
      const hook = () => {
        written++;
        if (written === failAt) throw new Error('the page died');
      };
      db.articles.hook('creating', hook);
      await expect(
        storeRemoteItems(ACC, items, { cursor: { since: 900 }, batchSize: 3 }, db),
      ).rejects.toThrow('the page died');
      // Whole batches before the failing one are stored; the cursor still says "from 100".
      expect((await storedItemIds(ACC, db)).size).toBe(failAt === 5 ? 3 : 6);
      expect((await db.accounts.get(ACC))?.since).toBe(100);
      db.articles.hook('creating').unsubscribe(hook);
      await storeRemoteItems(ACC, items, { cursor: { since: 900 }, batchSize: 3 }, db);
      expect(await db.articles.where('accountId').equals(ACC).count()).toBe(7);
      expect((await db.accounts.get(ACC))?.since).toBe(900);
    },
  );

  it('a pending change wins over older server state; afterwards the server is the truth', async () => {
    const db = freshDb();
    const feedId = await seedAccount(db);
    await storeRemoteItems(ACC, [remote(1), remote(2)], {}, db);
    await markRead(`${feedId}|${item(1)}`, 5, db);
    await setBookmarked(`${feedId}|${item(2)}`, true, 5, db);
    // The server has not heard yet: it still says both are unread and nothing is starred.
    const stale = snapshot({ unreadIds: [item(1), item(2)], starredIds: [] });
    await applySnapshot(ACC, stale, 6, db);
    await storeRemoteItems(ACC, [remote(1), remote(2)], {}, db);
    expect(await db.articles.get(`${feedId}|${item(1)}`)).toMatchObject({ unread: 0 });
    expect((await db.articles.get(`${feedId}|${item(2)}`))?.bookmarkedAt).toBe(5);
    // Confirmed: the queue is empty, and what the server says next is applied.
    await db.outbox.clear();
    await applySnapshot(ACC, stale, 7, db);
    expect(await db.articles.get(`${feedId}|${item(1)}`)).toMatchObject({ unread: 1 });
    expect((await db.articles.get(`${feedId}|${item(2)}`))?.bookmarkedAt).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
  });

  it('a feed unsubscribed here, not yet sent, does not come back with a pull', async () => {
    const db = freshDb();
    const feedId = await seedAccount(db);
    await unsubscribeFeed(feedId, 3, db);
    expect(await db.feeds.get(feedId)).toBeUndefined();
    await applySnapshot(
      ACC,
      snapshot({
        subscriptions: [
          { streamId: 'feed/1', title: 'E News', url: 'https://e.com/feed', folders: ['Tech'] },
        ],
      }),
      4,
      db,
    );
    expect(await db.feeds.where('accountId').equals(ACC).count()).toBe(0);
    expect(await countPending(ACC, db)).toBe(1);
  });

  it('nothing is stored for an account signed out meanwhile', async () => {
    const db = freshDb();
    await seedAccount(db);
    await db.accounts.update(ACC, { status: 'signed-out' });
    await storeRemoteItems(ACC, [remote(1)], { cursor: { since: 9 } }, db);
    expect(await db.articles.count()).toBe(0);
    expect((await db.accounts.get(ACC))?.since).toBeUndefined();
  });
});

describe('signing out and removing', () => {
  it('keeps bookmarks as Saved articles and drops the rest of the account, its queue too', async () => {
    const db = freshDb();
    const feedId = await seedAccount(db);
    await storeRemoteItems(
      ACC,
      [remote(1), remote(2, { starred: true, labels: ['Later'], read: true })],
      {},
      db,
    );
    await db.positions.put({ articleId: `${feedId}|${item(2)}`, fraction: 0.4, updatedAt: 1 });
    await db.images.bulkPut([
      {
        url: 'https://e.com/1.png',
        articleIds: [`${feedId}|${item(1)}`],
        status: 'failed',
        attempts: 1,
      },
      {
        url: 'https://e.com/2.png',
        articleIds: [`${feedId}|${item(2)}`, 'f9|x'],
        status: 'failed',
        attempts: 1,
      },
    ]);
    await markRead(`${feedId}|${item(1)}`, 5, db);
    expect(await countAccountBookmarks(ACC, db)).toBe(1);
    expect(await countPending(ACC, db)).toBe(1);

    expect(await signOutAccount(ACC, { now: 9 }, db)).toEqual({
      keptBookmarks: 1,
      droppedChanges: 1,
    });
    const saved = await db.articles.toArray();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      id: `${SAVED_FEED_ID}|https://e.com/2`,
      feedId: SAVED_FEED_ID,
      savedAt: 9,
      tags: ['Later'],
      unread: 0,
      siteName: 'E News',
      title: 'Item 2',
    });
    expect(saved[0]!.accountId).toBeUndefined();
    expect(await db.positions.get(`${SAVED_FEED_ID}|https://e.com/2`)).toMatchObject({
      fraction: 0.4,
    });
    // Images go with the items that went, and follow the ones kept.
    expect(await db.images.get('https://e.com/1.png')).toBeUndefined();
    expect((await db.images.get('https://e.com/2.png'))?.articleIds).toEqual([
      `${SAVED_FEED_ID}|https://e.com/2`,
      'f9|x',
    ]);
    expect(await db.feeds.where('accountId').equals(ACC).count()).toBe(0);
    expect(await db.folders.where('accountId').equals(ACC).count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.accounts.get(ACC)).toMatchObject({ status: 'signed-out' });
    expect((await db.accounts.get(ACC))?.since).toBeUndefined();

    await removeAccount(ACC, 10, db);
    expect(await db.accounts.count()).toBe(0);
    expect(await db.articles.count()).toBe(1);
  });
});

describe('moving a local feed into an account', () => {
  it('queues the subscription, then merges the local copies into the account’s when it arrives', async () => {
    const db = freshDb();
    await createAccount(summary, undefined, 1, db);
    await db.folders.put({ id: 'lf', name: 'Reading' });
    await db.feeds.put({
      id: 'local',
      url: 'https://m.com/feed',
      title: 'M',
      customTitle: 'My M',
      createdAt: 1,
      folderId: 'lf',
    });
    await db.articles.bulkPut([
      storedArticle('local|a', { url: 'https://m.com/a', unread: 0, readAt: 3 }),
      storedArticle('local|b', { url: 'https://m.com/b', bookmarkedAt: 4, tags: ['keep'] }),
      storedArticle('local|c', { url: 'https://m.com/c' }),
    ]);
    await moveLocalFeedToAccount('local', ACC, 5, db);
    expect(await db.outbox.toArray()).toMatchObject([
      {
        accountId: ACC,
        change: { kind: 'subscribe', url: 'https://m.com/feed', title: 'My M', folder: 'Reading' },
      },
    ]);
    expect(await db.feeds.get('local')).toMatchObject({ movingTo: ACC });
    // The server confirmed it and named the stream; nothing to merge into yet.
    await db.outbox.clear();
    await recordSubscribed(ACC, 'https://m.com/feed', 'feed/9', db);
    expect(await mergeMovedFeeds(ACC, 6, db)).toBe(0);

    await applySnapshot(
      ACC,
      snapshot({
        subscriptions: [
          // The server files it under the address it resolved to: the stream id still matches.
          { streamId: 'feed/9', title: 'M', url: 'https://m.com/rss', folders: ['Reading'] },
        ],
      }),
      7,
      db,
    );
    await storeRemoteItems(
      ACC,
      [
        remote(1, { streamId: 'feed/9', url: 'https://m.com/a' }),
        remote(2, { streamId: 'feed/9', url: 'https://m.com/b' }),
      ],
      {},
      db,
    );
    expect(await mergeMovedFeeds(ACC, 8, db)).toBe(1);
    expect(await db.feeds.get('local')).toBeUndefined();
    const target = (await db.feeds.where('accountId').equals(ACC).first())!;
    expect(target.customTitle).toBe('My M');
    const rows = await db.articles.where('feedId').equals(target.id).toArray();
    expect(rows).toHaveLength(3);
    expect(rows.find((a) => a.remoteId === item(1))).toMatchObject({ unread: 0 });
    expect(rows.find((a) => a.remoteId === item(2))).toMatchObject({
      bookmarkedAt: 4,
      tags: ['keep'],
    });
    // The article the server does not have stays, as a row of this computer: it queues nothing.
    const stray = rows.find((a) => a.url === 'https://m.com/c');
    expect(stray?.accountId).toBeUndefined();
    // The reader's state carried over is sent to the server.
    expect((await db.outbox.toArray()).map((e) => e.change)).toEqual([
      { kind: 'read', itemIds: [item(1)] },
      { kind: 'star', itemIds: [item(2)] },
      { kind: 'label', label: 'keep', itemIds: [item(2)] },
    ]);
  });
});
