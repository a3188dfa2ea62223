import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@renderer/db/accounts-repository';
import { markRead } from '@renderer/db/articles-repository';
import { getDb } from '@renderer/db/database';
import { startAccountSync } from '@renderer/pipeline/account-sync-runner';
import { refreshFeeds } from '@renderer/pipeline/sync-client';
import {
  startReaderApiServer,
  type ReaderApiServer,
} from '../../../fixture-server/reader-api-server';
import { accountApi } from './account-api';

// The page's api as the preload would expose it, answered by main's real account handlers.
const api = accountApi();
Object.assign(window, { broadsheet: api });
let server: ReaderApiServer;
let stop: (() => void) | undefined;

beforeAll(async () => {
  server = await startReaderApiServer({ flavor: 'freshrss' });
});

afterEach(() => {
  stop?.();
});

afterAll(async () => {
  await server.close();
  await getDb().delete();
});

describe('the account sync runner', { timeout: 30_000 }, () => {
  it('syncs at start, sends a change about a second after it is made, and syncs on Refresh', async () => {
    const sub = server.addSubscription({ title: 'News', url: 'https://n.example/feed' });
    const [one] = server.addItems(sub.streamId, 2);
    const answer = await api.invoke('accounts.signIn', {
      service: 'freshrss',
      serverUrl: server.url,
      username: 'alice',
      password: 'alice-api-pass',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const accountId = answer.value.account.id;
    await createAccount(answer.value.account);

    stop = startAccountSync();
    const db = getDb();
    await expect.poll(() => db.articles.count(), { timeout: 10_000 }).toBe(2);

    const row = await db.articles
      .where('[accountId+remoteId]')
      .equals([accountId, server.longId(one!)])
      .first();
    const edits = () => server.requests.filter((r) => r.route === 'edit-tag').length;
    expect(edits()).toBe(0);
    await markRead(row!.id);
    await expect.poll(() => server.item(server.longId(one!))?.read, { timeout: 5000 }).toBe(true);
    expect(edits()).toBe(1);
    await expect.poll(() => db.outbox.count()).toBe(0);

    // Refresh (the button, its shortcut) brings what is new on the server.
    server.addItems(sub.streamId, [{ title: 'Fresh' }]);
    void refreshFeeds();
    await expect.poll(() => db.articles.count(), { timeout: 10_000 }).toBe(3);
  });

  it('asks the server nothing while the computer is offline, and syncs once it is back', async () => {
    const sub = server.addSubscription({ title: 'Offline', url: 'https://o.example/feed' });
    server.addItems(sub.streamId, [{ title: 'While away' }]);
    const db = getDb();
    const [account] = await db.accounts.toArray();
    const before = server.requests.length;
    const online = Object.getOwnPropertyDescriptor(navigator, 'onLine');
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    try {
      stop = startAccountSync();
      void refreshFeeds();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(server.requests.length).toBe(before);
      expect(await db.accounts.get(account!.id)).toMatchObject({ status: 'ok' });
    } finally {
      if (online) Object.defineProperty(navigator, 'onLine', online);
      else delete (navigator as { onLine?: boolean }).onLine;
    }
    void refreshFeeds();
    await expect
      .poll(async () => (await db.articles.toArray()).some((a) => a.title === 'While away'), {
        timeout: 10_000,
      })
      .toBe(true);
  });
});
