import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { markRead, markUnread, setBookmarked } from '@renderer/db/articles-repository';
import { addTag } from '@renderer/db/bookmarks-repository';
import { renameFeed } from '@renderer/db/feeds-repository';
import { purgeArticles } from '@renderer/db/retention-repository';
import { countPending } from '@renderer/db/outbox-repository';
import { SAVED_FEED_ID } from '@renderer/db/entities';
import { createAccount, REMOTE_BATCH_SIZE } from '@renderer/db/accounts-repository';
import {
  addAccountAfterSignIn,
  moveLocalFeedToAccount,
  signOutAccount,
  syncAccount,
  syncAllAccounts,
} from '@renderer/pipeline/account-sync';
import type { BroadsheetApi } from '@shared/contract';
import {
  startReaderApiServer,
  type ReaderApiServer,
} from '../../../fixture-server/reader-api-server';
import { testDatabases } from '../db/test-db';
import { accountApi } from './account-api';
import { storedText } from '@renderer/lib/message-ref';

/*
 * The pipeline against the real thing: main's account handlers (the Reader API client, the
 * credential store, the contract's own validation in the dispatcher) talking to the loopback
 * Reader API fixture server, and the renderer's repositories on (fake) IndexedDB.
 */

const freshDb = testDatabases('account-sync');
let server: ReaderApiServer;
let api: BroadsheetApi;

beforeEach(async () => {
  server = await startReaderApiServer({ flavor: 'freshrss' });
  api = accountApi();
});

afterEach(async () => {
  await server.close();
});

/** Signs in at the fixture and keeps the account's row, as the accounts UI does. */
async function signIn(
  db: ReturnType<typeof freshDb>,
  service: 'freshrss' | 'miniflux' = 'freshrss',
): Promise<string> {
  const answer = await api.invoke('accounts.signIn', {
    service,
    serverUrl: server.url,
    username: 'alice',
    password: 'alice-api-pass',
  });
  if (!answer.ok) throw new Error(answer.error.message);
  await createAccount(answer.value.account, undefined, Date.now(), db);
  return answer.value.account.id;
}

const routes = (from: number) => server.requests.slice(from).map((r) => r.route);

// Hundreds of items through HTTP and IndexedDB: give a busy machine time.
describe('syncing an account', { timeout: 30_000 }, () => {
  it('first sync stores every item in batches; a second with nothing new fetches no contents', async () => {
    const db = freshDb();
    const tech = server.addSubscription({
      title: 'Tech',
      url: 'https://t.example/feed',
      folder: 'Tech',
    });
    const news = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    server.addItems(tech.streamId, 300);
    server.addItems(news.streamId, [
      { title: 'Starred', starred: true, read: true, labels: ['Later'] },
      { title: 'Read', read: true },
    ]);
    const accountId = await signIn(db);

    const transactions = new Set<unknown>();
    db.articles.hook('creating', () => {
      transactions.add(Dexie.currentTransaction);
    });
    const first = await syncAccount(accountId, { api, db });
    expect(first).toMatchObject({ status: 'ok', fetched: 302 });
    expect(await db.articles.where('accountId').equals(accountId).count()).toBe(302);
    // 302 items in batches of at most REMOTE_BATCH_SIZE: no one transaction held them all.
    expect(transactions.size).toBeGreaterThanOrEqual(Math.ceil(302 / REMOTE_BATCH_SIZE));
    const feeds = await db.feeds.where('accountId').equals(accountId).toArray();
    expect(feeds.map((f) => f.title).sort()).toEqual(['News', 'Tech']);
    const folder = await db.folders
      .where('accountId')
      .equals(accountId)
      .filter((f) => f.name === 'Tech')
      .first();
    expect(folder?.name).toBe('Tech');
    expect(feeds.find((f) => f.title === 'Tech')?.folderId).toBe(folder?.id);
    const starred = await db.articles.filter((a) => a.title === 'Starred').first();
    expect(starred).toMatchObject({ unread: 0, tags: ['Later'], offline: 'pending' });
    expect(starred?.bookmarkedAt).toBeDefined();
    const account = await db.accounts.get(accountId);
    expect(account).toMatchObject({ status: 'ok' });
    expect(account?.since).toBeGreaterThan(0);
    expect(await db.outbox.count()).toBe(0);

    const before = server.requests.length;
    const second = await syncAccount(accountId, { api, db });
    expect(second).toMatchObject({ status: 'ok', fetched: 0 });
    expect(routes(before)).not.toContain('stream/items/contents');
    expect(routes(before)).not.toContain('subscription/list');
    expect(await db.articles.where('accountId').equals(accountId).count()).toBe(302);

    // Something new on the server: only it is fetched.
    server.addItems(news.streamId, [{ title: 'Fresh' }]);
    const third = await syncAccount(accountId, { api, db });
    expect(third).toMatchObject({ status: 'ok', fetched: 1 });
    expect(await db.articles.where('accountId').equals(accountId).count()).toBe(303);
  });

  it('a change made while the server is unreachable stays queued and is sent later', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    const [one, two] = server.addItems(sub.streamId, 2);
    const accountId = await signIn(db);
    await syncAccount(accountId, { api, db });
    const rowOf = async (long: string) =>
      (await db.articles.where('[accountId+remoteId]').equals([accountId, long]).first())!;

    await server.stop();
    await markRead((await rowOf(server.longId(one!))).id, Date.now(), db);
    await addTag((await rowOf(server.longId(two!))).id, 'Later', Date.now(), db);
    const offline = await syncAccount(accountId, { api, db });
    expect(offline.status).toBe('error');
    expect(offline.message).toMatch(/127\.0\.0\.1/);
    expect(await db.accounts.get(accountId)).toMatchObject({ status: 'error' });
    expect(await countPending(accountId, db)).toBe(3);
    // The reader's state stands meanwhile.
    expect(await rowOf(server.longId(one!))).toMatchObject({ unread: 0 });

    await server.start();
    const back = await syncAccount(accountId, { api, db });
    expect(back).toMatchObject({ status: 'ok', pushed: 3 });
    expect(await countPending(accountId, db)).toBe(0);
    expect(server.item(server.longId(one!))).toMatchObject({ read: true });
    expect(server.item(server.longId(two!))).toMatchObject({ starred: true, labels: ['Later'] });
    expect(await db.accounts.get(accountId)).toMatchObject({ status: 'ok' });
    expect(await rowOf(server.longId(one!))).toMatchObject({ unread: 0 });
  });

  it('a pending change wins over older server state, then the server is the truth', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    const [one] = server.addItems(sub.streamId, [{ title: 'One', read: true }]);
    const accountId = await signIn(db);
    await syncAccount(accountId, { api, db });
    const id = (await db.articles.where('accountId').equals(accountId).first())!.id;

    // Marked unread here while the server still says read; its write fails this time.
    await markUnread(id, db);
    server.failNext('edit-tag', { status: 503, headers: { 'Retry-After': '3600' } });
    const refused = await syncAccount(accountId, { api, db });
    expect(refused.status).toBe('error');
    expect(await db.articles.get(id)).toMatchObject({ unread: 1 });
    expect(await countPending(accountId, db)).toBe(1);

    await syncAccount(accountId, { api, db });
    expect(server.item(server.longId(one!))).toMatchObject({ read: false });
    expect(await countPending(accountId, db)).toBe(0);
    // Read elsewhere later: with nothing queued, the server's state arrives.
    server.item(server.longId(one!))!.read = true;
    await syncAccount(accountId, { api, db });
    expect(await db.articles.get(id)).toMatchObject({ unread: 0 });
  });

  it('a refused sign-in marks the account signed out and keeps its queue', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    server.addItems(sub.streamId, 1);
    const accountId = await signIn(db);
    await syncAccount(accountId, { api, db });
    const id = (await db.articles.where('accountId').equals(accountId).first())!.id;
    await setBookmarked(id, true, Date.now(), db);
    server.revokeAuth();
    const outcome = await syncAccount(accountId, { api, db });
    expect(outcome.status).toBe('signed-out');
    expect(await db.accounts.get(accountId)).toMatchObject({ status: 'signed-out' });
    expect(await countPending(accountId, db)).toBe(1);
    // Signed out, nothing more is asked of the server until the reader signs in again.
    const before = server.requests.length;
    await syncAllAccounts({ api, db });
    expect(server.requests.length).toBe(before);
  });

  it('storage cut short mid-batch loses nothing and duplicates nothing on the next run', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    server.addItems(sub.streamId, 600);
    const accountId = await signIn(db);
    let written = 0;
    const dying = () => {
      written++;
      if (written === REMOTE_BATCH_SIZE + 10) throw new Error('the page closed');
    };
    db.articles.hook('creating', dying);
    await expect(syncAccount(accountId, { api, db })).rejects.toThrow('the page closed');
    expect(await db.articles.count()).toBe(REMOTE_BATCH_SIZE);
    expect((await db.accounts.get(accountId))?.since).toBeUndefined();
    db.articles.hook('creating').unsubscribe(dying);

    const before = server.requests.length;
    const again = await syncAccount(accountId, { api, db });
    expect(again).toMatchObject({ status: 'ok', fetched: 600 - REMOTE_BATCH_SIZE });
    expect(await db.articles.count()).toBe(600);
    const ids = await db.articles.where('accountId').equals(accountId).primaryKeys();
    expect(new Set(ids).size).toBe(600);
    // Only what was missing was fetched again.
    const asked = server.requests
      .slice(before)
      .filter((r) => r.route === 'stream/items/contents')
      .reduce((n, r) => n + (r.body?.match(/(^|&)i=/g)?.length ?? 0), 0);
    expect(asked).toBe(600 - REMOTE_BATCH_SIZE);
  });

  it('items retention purged are not fetched again, and an unread late arrival is', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    server.addItems(sub.streamId, 5);
    const accountId = await signIn(db);
    await syncAccount(accountId, { api, db });
    // Some syncs later: the cursor is past these items' arrival (beyond the pull's overlap).
    await db.accounts.update(accountId, { since: Date.now() + 120_000 });
    // Retention takes three (kept two weeks, unread for a day here).
    const ids = await db.articles.where('accountId').equals(accountId).primaryKeys();
    await db.articles.where(':id').anyOf(ids.slice(0, 3)).modify({ fetchedAt: 1 });
    expect(
      await purgeArticles(
        { keepReadDays: 14, keepUnreadDays: 1, maxPerFeed: null },
        Date.now(),
        db,
      ),
    ).toBe(3);
    expect(await db.purged.count()).toBe(3);
    let before = server.requests.length;
    expect(await syncAccount(accountId, { api, db })).toMatchObject({ fetched: 0 });
    expect(routes(before)).not.toContain('stream/items/contents');
    expect(await db.articles.count()).toBe(2);

    // An unread item the server files with an old date (Miniflux's `new` goes by publication
    // date): not new since the cursor, but unread and not stored, so it is fetched.
    server.addItems(sub.streamId, [{ title: 'Late', published: 1 }]);
    before = server.requests.length;
    expect(await syncAccount(accountId, { api, db })).toMatchObject({ fetched: 1 });
    expect(routes(before)).toContain('stream/items/contents');
    expect(await db.articles.count()).toBe(3);
    // Once the server counts the purged ones as read, their records go too.
    for (const item of server.state.items) item.read = true;
    await db.accounts.update(accountId, { since: Date.now() + 120_000 });
    await syncAccount(accountId, { api, db });
    expect(await db.purged.count()).toBe(0);
  });

  it('an item the server lost is asked for once, not on every sync', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    server.addItems(sub.streamId, 2);
    const accountId = await signIn(db);
    // The server lists them as unread but can no longer give their contents.
    server.failNext('stream/items/contents', { status: 200, body: '{"items":[]}' });
    await syncAccount(accountId, { api, db });
    expect(await db.articles.count()).toBe(0);
    const before = server.requests.length;
    expect(await syncAccount(accountId, { api, db })).toMatchObject({ status: 'ok', fetched: 0 });
    expect(routes(before)).not.toContain('stream/items/contents');
  });

  it('signing out keeps bookmarks as Saved articles', async () => {
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    server.addItems(sub.streamId, [{ title: 'Keep', starred: true }, { title: 'Drop' }]);
    const signed = await api.invoke('accounts.signIn', {
      service: 'freshrss',
      serverUrl: server.url,
      username: 'alice',
      password: 'alice-api-pass',
    });
    if (!signed.ok) throw new Error(signed.error.message);
    const account = await addAccountAfterSignIn(signed.value, 'Home', { api, db });
    expect(account.name).toBe('Home');
    // The first sync started by itself.
    await expect.poll(() => db.articles.count(), { timeout: 5000 }).toBe(2);
    await syncAccount(account.id, { api, db });

    expect(await signOutAccount(account.id, { api, db })).toMatchObject({ keptBookmarks: 1 });
    const left = await db.articles.toArray();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ title: 'Keep', feedId: SAVED_FEED_ID });
    expect(await db.accounts.get(account.id)).toMatchObject({ status: 'signed-out' });
    const listed = await api.invoke('accounts.list', {});
    expect(listed.ok && listed.value.accounts[0]?.signedIn).toBe(false);
  });

  it('a change the server refuses outright is given up after 3 tries; the rest of the queue goes', async () => {
    const db = freshDb();
    const gone = server.addSubscription({ title: 'Gone', url: 'https://g.example/feed' });
    const stays = server.addSubscription({ title: 'Stays', url: 'https://s.example/feed' });
    const [kept] = server.addItems(stays.streamId, 1);
    const accountId = await signIn(db);
    await syncAccount(accountId, { api, db });
    const goneFeed = await db.feeds
      .where('[accountId+remoteId]')
      .equals([accountId, gone.streamId])
      .first();
    await renameFeed(goneFeed!.id, 'Renamed', 1, db);
    const article = await db.articles.where('accountId').equals(accountId).first();
    await markRead(article!.id, 2, db);
    // The server refuses the rename outright, every time (and meanwhile unsubscribed it).
    for (let n = 0; n < 3; n++) {
      server.failNext('subscription/edit', { status: 400, body: 'Unknown subscription' });
    }
    server.state.subscriptions = server.state.subscriptions.filter((s) => s !== gone);

    for (const attempt of [1, 2]) {
      const outcome = await syncAccount(accountId, { api, db });
      expect(outcome.status, `attempt ${attempt}`).toBe('error');
      expect(await countPending(accountId, db)).toBe(2);
    }
    const third = await syncAccount(accountId, { api, db });
    expect(third.status).toBe('error');
    expect(third.message).toMatch(/given up after 3 tries/);
    // Stored with its message, so the account's row reads in the language in use.
    const { lastError } = (await db.accounts.get(accountId))!;
    expect(lastError?.text?.id).toBe('pipeline.accountSync.givenUp');
    expect(storedText(lastError!.message, lastError!.text)).toBe(third.message);
    expect(await countPending(accountId, db)).toBe(0);
    expect(server.item(server.longId(kept!))).toMatchObject({ read: true });
    // The pull that followed took the feed away here too.
    expect(await db.feeds.get(goneFeed!.id)).toBeUndefined();
    expect(await syncAccount(accountId, { api, db })).toMatchObject({ status: 'ok' });
  });

  it('Miniflux keeps tags here (it has no item labels) and still syncs stars', async () => {
    await server.close();
    server = await startReaderApiServer({ flavor: 'miniflux' });
    const db = freshDb();
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    const [one] = server.addItems(sub.streamId, 1);
    const accountId = await signIn(db, 'miniflux');
    await syncAccount(accountId, { api, db });
    const id = (await db.articles.where('accountId').equals(accountId).first())!.id;
    await addTag(id, 'Later', 1, db);
    const outcome = await syncAccount(accountId, { api, db });
    expect(outcome).toMatchObject({ status: 'ok', pushed: 1 });
    expect(server.item(server.longId(one!))).toMatchObject({ starred: true });
    expect(await countPending(accountId, db)).toBe(0);
    expect(await db.articles.get(id)).toMatchObject({ tags: ['Later'] });
  });

  it('moving a local feed subscribes it on the server and merges the local copies into the account’s', async () => {
    const db = freshDb();
    // The reader's phone already follows it: the server has its items.
    const sub = server.addSubscription({ title: 'M', url: 'https://m.example/feed' });
    const [first, second] = server.addItems(sub.streamId, [
      { title: 'A', url: 'https://m.example/a' },
      { title: 'B', url: 'https://m.example/b' },
    ]);
    server.state.subscriptions = [];
    const accountId = await signIn(db);
    await syncAccount(accountId, { api, db });
    await db.feeds.put({ id: 'local', url: 'https://m.example/feed', title: 'M', createdAt: 1 });
    await db.articles.bulkPut([
      {
        id: 'local|a',
        feedId: 'local',
        guid: 'a',
        url: 'https://m.example/a',
        title: 'A',
        authors: [],
        publishedAt: 1,
        fetchedAt: 1,
        images: [],
        categories: [],
        unread: 0,
        readAt: 1,
        tags: [],
      },
      {
        id: 'local|b',
        feedId: 'local',
        guid: 'b',
        url: 'https://m.example/b',
        title: 'B',
        authors: [],
        publishedAt: 1,
        fetchedAt: 1,
        images: [],
        categories: [],
        unread: 1,
        bookmarkedAt: 2,
        tags: [],
      },
    ]);
    server.state.subscriptions = [sub];
    await moveLocalFeedToAccount('local', accountId, { api, db });
    await expect.poll(async () => (await db.feeds.get('local')) === undefined).toBe(true);
    await syncAccount(accountId, { api, db });
    expect(server.state.subscriptions.map((s) => s.url)).toEqual(['https://m.example/feed']);
    const target = (await db.feeds.where('accountId').equals(accountId).first())!;
    const rows = await db.articles.where('feedId').equals(target.id).toArray();
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.accountId === accountId)).toBe(true);
    // The reader's state from this computer reached the server.
    expect(server.item(server.longId(first!))).toMatchObject({ read: true });
    expect(server.item(server.longId(second!))).toMatchObject({ starred: true });
    expect(await countPending(accountId, db)).toBe(0);
  });
});
