import { describe, expect, it } from 'vitest';
import type { RemoteItem } from '@shared/account-model';
import { applySnapshot, storeRemoteItems } from '@renderer/db/accounts-repository';
import { isFirstSync, isStillNews, noticesFor } from '@renderer/db/arrival-notices';
import { setFeedNotify, storeFetchResult } from '@renderer/db/feeds-repository';
import { addRule } from '@renderer/db/rules-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { fetchedFeed, parsedItem, storedAccount, storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('arrival-notices');
const NOW = Date.UTC(2026, 11, 6, 12);

/** A fetch of f1 with these item ids, stored through the real path (scheduler results). */
async function fetchF1(db: BroadsheetDb, ids: string[], now: number) {
  const items = ids.map((id, i) => parsedItem(id, { title: `About ${id}`, published: now - i }));
  return storeFetchResult('f1', fetchedFeed(items), now, db);
}

const named = (notices: { articleId: string }[]) => notices.map((n) => n.articleId).sort();

describe('what a notification may name, decided as a refresh stores', () => {
  it('names nothing on the first sync of a notify feed, then each article new to it', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f1', { title: 'Tech Daily', notify: true }));
    const first = await fetchF1(db, ['a', 'b'], NOW);
    expect(first.added).toBe(2);
    expect(first.notices).toEqual([]);
    // Upstream edits of a and b are no news; c is.
    const second = await fetchF1(db, ['c', 'a', 'b'], NOW + 60_000);
    expect(second.notices).toEqual([
      {
        articleId: 'f1|c',
        feedId: 'f1',
        feedTitle: 'Tech Daily',
        title: 'About c',
        publishedAt: NOW + 60_000,
      },
    ]);
  });

  it('counts every batch of a large first fetch as the first sync', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f1', { notify: true }));
    const ids = Array.from({ length: 1200 }, (_, i) => `i${i}`);
    const stored = await fetchF1(db, ids, NOW);
    expect(stored.added).toBe(1200);
    expect(stored.notices).toEqual([]);
  });

  it('names nothing from a feed without notify, unless a Notify rule matches', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f1', { lastFetchedAt: NOW - 1 }));
    await addRule({ query: 'rocket', action: 'notify' }, NOW - 10, db);
    const items = [
      parsedItem('r', { title: 'A rocket launch', published: NOW }),
      parsedItem('w', { title: 'Weather', published: NOW }),
    ];
    const stored = await storeFetchResult('f1', fetchedFeed(items), NOW, db);
    expect(named(stored.notices)).toEqual(['f1|r']);
    // The rule changed nothing stored.
    expect(await db.articles.get('f1|r')).toMatchObject({ unread: 1 });
    expect((await db.articles.get('f1|r'))?.hiddenAt).toBeUndefined();
  });

  it('leaves out what a rule hid or marked read, even when notify asked for it', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f1', { notify: true, lastFetchedAt: NOW - 1 }));
    await addRule({ query: 'crypto', action: 'hide' }, NOW - 10, db);
    await addRule({ query: 'sports', action: 'read' }, NOW - 9, db);
    await addRule({ query: 'crypto OR sports', action: 'notify' }, NOW - 8, db);
    const items = [
      parsedItem('c', { title: 'Crypto news', published: NOW }),
      parsedItem('s', { title: 'Sports news', published: NOW }),
      parsedItem('n', { title: 'Nature news', published: NOW }),
    ];
    const stored = await storeFetchResult('f1', fetchedFeed(items), NOW, db);
    expect(named(stored.notices)).toEqual(['f1|n']);
  });

  it('follows the notify switch (setFeedNotify)', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f1', { lastFetchedAt: NOW - 1 }));
    expect((await fetchF1(db, ['a'], NOW)).notices).toEqual([]);
    await setFeedNotify('f1', true, db);
    expect(named((await fetchF1(db, ['b'], NOW + 1)).notices)).toEqual(['f1|b']);
    await setFeedNotify('f1', false, db);
    expect((await db.feeds.get('f1'))?.notify).toBeUndefined();
    expect((await fetchF1(db, ['c'], NOW + 2)).notices).toEqual([]);
  });
});

describe("an account's items", () => {
  const ACC = storedAccount().id;
  const remote = (n: number, extra: Partial<RemoteItem> = {}): RemoteItem => ({
    id: `tag:google.com,2005:reader/item/${n.toString(16).padStart(16, '0')}`,
    streamId: 'feed/1',
    title: `Item ${n}`,
    authors: [],
    published: NOW - n,
    images: [],
    enclosures: [],
    categories: [],
    labels: [],
    read: false,
    starred: false,
    ...extra,
  });

  /** The account (never synced unless it already is) and its one subscription, notifying. */
  async function accountWithFeed(db: BroadsheetDb, subscribedAt: number): Promise<string> {
    if (!(await db.accounts.get(ACC)))
      await db.accounts.put(storedAccount({ lastSyncAt: undefined }));
    const snapshot = {
      unreadIds: [],
      starredIds: [],
      newIds: [],
      nextSince: 500,
      requests: 3,
      subscriptions: [
        { streamId: 'feed/1', title: 'E News', url: 'https://e.com/feed', folders: [] },
      ],
      folders: [],
    };
    await applySnapshot(ACC, snapshot, subscribedAt, db);
    const feed = await db.feeds.where('accountId').equals(ACC).first();
    await setFeedNotify(feed!.id, true, db);
    return feed!.id;
  }

  it("names nothing on the account's first sync, then what is new and unread", async () => {
    const db = freshDb();
    await accountWithFeed(db, NOW);
    const first = await storeRemoteItems(ACC, [remote(1)], { cursor: { since: 1 }, now: NOW }, db);
    expect(first.notices).toEqual([]);
    const next = await storeRemoteItems(
      ACC,
      [remote(2), remote(3, { read: true })],
      { cursor: { since: 2 }, now: NOW + 60_000 },
      db,
    );
    expect(next.notices.map((n) => n.title)).toEqual(['Item 2']);
  });

  it('names nothing from a subscription added since the last sync', async () => {
    const db = freshDb();
    await db.accounts.put(storedAccount({ lastSyncAt: NOW - 60_000 }));
    await accountWithFeed(db, NOW);
    const stored = await storeRemoteItems(ACC, [remote(1)], { now: NOW + 1 }, db);
    expect(stored.stored).toBe(1);
    expect(stored.notices).toEqual([]);
  });
});

describe('the rules, as pure decisions', () => {
  it('tells a first sync for a local feed by its last fetch, for an account feed by its sync', () => {
    expect(isFirstSync(storedFeed('f'))).toBe(true);
    expect(isFirstSync(storedFeed('f', { lastFetchedAt: 5 }))).toBe(false);
    const accountFeed = storedFeed('a', { accountId: 'x', remoteId: 'feed/1', createdAt: 10 });
    expect(isFirstSync(accountFeed, {})).toBe(true);
    expect(isFirstSync(accountFeed, { lastSyncAt: 9 })).toBe(true);
    expect(isFirstSync(accountFeed, { lastSyncAt: 10 })).toBe(false);
  });

  it('calls news only what is unread and shown', () => {
    expect(isStillNews({ unread: 1 })).toBe(true);
    expect(isStillNews({ unread: 0 })).toBe(false);
    expect(isStillNews({ unread: 1, hiddenAt: 1 })).toBe(false);
  });

  it('leaves out saved pages, unsubscribed feeds and articles of unknown feeds', () => {
    const feeds = [
      storedFeed('f1', { notify: true, lastFetchedAt: 1 }),
      storedFeed('f2', { notify: true, lastFetchedAt: 1, unsubscribedAt: 2 }),
    ];
    const arrivals = [
      storedArticle('f1|a', { storyId: 'f1|a' }),
      storedArticle('f1|s', { savedAt: 1 }),
      storedArticle('f2|b'),
      storedArticle('f3|c'),
    ];
    expect(noticesFor(arrivals, feeds, new Set())).toEqual([
      expect.objectContaining({ articleId: 'f1|a', storyId: 'f1|a', feedTitle: 'f1' }),
    ]);
  });
});
