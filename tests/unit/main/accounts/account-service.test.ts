import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { createCredentialStore } from '@main/accounts/credential-store';
import { privateFile } from '@main/accounts/private-file';
import { createDispatcher, type Dispatch } from '@main/api/dispatch';
import { createCore } from '@main/core';
import { createNetGuard, type NetGuard } from '@main/net/guarded-fetch';
import type { AccountChange } from '@shared/account-model';
import { AppError, type Result } from '@shared/result';
import { hideSecrets } from '@main/accounts/account-service';
import {
  startReaderApiServer,
  type ReaderApiServer,
} from '../../../fixture-server/reader-api-server';
import { startFixtureServer } from '../../../fixture-server/server';

const PASSWORD = 'alice-api-pass';
const NOW = Date.UTC(2026, 11, 6, 9, 0, 0);

let server: ReaderApiServer;
let dispatch: Dispatch;
let guard: NetGuard;
let storePath: string;
let disposeScheduler = (): void => undefined;
/** Every value a handler returned in this test, to look for secrets in. */
let answers: unknown[];

/** A fresh app: the real net guard (loopback is the reader's own network), a private file. */
function startApp(keepStore = false): void {
  if (!keepStore) {
    storePath = join(mkdtempSync(join(tmpdir(), 'broadsheet-accounts-')), 'accounts.json');
    // After afterEach has stopped the app; a restart with keepStore reuses this folder.
    const folder = dirname(storePath);
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  }
  guard = createNetGuard({
    // reader.test plays a server on the reader's network under a name (plain http, not loopback).
    resolve: async (hostname) =>
      hostname === 'reader.test'
        ? [{ address: '127.0.0.1', family: 4 }]
        : lookup(hostname, { all: true }),
  });
  const core = createCore({
    net: guard,
    userAgent: 'Broadsheet/test',
    now: () => NOW,
    appInfo: { name: 'Broadsheet', version: '0', host: 'browser', platform: 'linux' },
    emit: () => undefined,
    credentials: createCredentialStore(privateFile(storePath)),
    logError: () => undefined,
  });
  disposeScheduler = () => core.scheduler.dispose();
  const inner = createDispatcher(core.handlers, () => undefined);
  dispatch = async (method, params) => {
    const result = await inner(method, params);
    answers.push(result);
    return result;
  };
}

async function call<T = unknown>(method: string, params: unknown): Promise<T> {
  const result = (await dispatch(method, params)) as Result<T>;
  if (!result.ok)
    throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function failure(method: string, params: unknown) {
  const result = await dispatch(method, params);
  if (result.ok) throw new Error(`${method} succeeded, failure expected`);
  return result.error;
}

async function signIn(extra: Record<string, unknown> = {}) {
  return call<{ account: { id: string; signedIn: boolean; apiUrl: string }; warning?: string }>(
    'accounts.signIn',
    { service: 'freshrss', serverUrl: server.url, username: 'alice', password: PASSWORD, ...extra },
  );
}

/** The Auth token the fixture hands out for alice, as a secret to look for. */
async function authToken(): Promise<string> {
  const response = await fetch(`${server.apiUrl}/accounts/ClientLogin`, {
    method: 'POST',
    body: new URLSearchParams({ Email: 'alice', Passwd: PASSWORD }),
  });
  return /^Auth=(.+)$/m.exec(await response.text())![1]!;
}

function requestsSince(mark: number) {
  return server.requests.slice(mark).map((request) => request.route);
}

beforeEach(async () => {
  answers = [];
  server = await startReaderApiServer({ flavor: 'freshrss' });
  startApp();
});

afterEach(async () => {
  // Whatever happened, no handler answer carried a secret.
  // (FreshRSS tokens read `<user>/<40 hex>`.)
  const everything = JSON.stringify(answers);
  expect(everything).not.toContain(PASSWORD);
  expect(everything).not.toMatch(/alice\/[0-9a-f]{40}/);
  disposeScheduler();
  await guard.close();
  await server.close();
});

describe('signing in', () => {
  it('keeps the token in main only: in the private file, never in an answer', async () => {
    const { account, warning } = await signIn();
    expect(account).toMatchObject({
      service: 'freshrss',
      serverUrl: server.url,
      apiUrl: server.apiUrl,
      username: 'alice',
      signedIn: true,
    });
    // Loopback: nobody between here and there to read it.
    expect(warning).toBeUndefined();
    const token = await authToken();
    const file = readFileSync(storePath, 'utf8');
    expect(file).toContain(token);
    expect(file).not.toContain(PASSWORD);
    expect(statSync(storePath).mode & 0o777).toBe(0o600);
    const listed = await call<{ accounts: unknown[] }>('accounts.list', {});
    expect(listed.accounts).toEqual([account]);
    expect(JSON.stringify(answers)).not.toContain(token);
  });

  it('finds the API under p/ when the web root has none there', async () => {
    await server.close();
    server = await startReaderApiServer({ flavor: 'freshrss', basePath: '/p/api/greader.php' });
    const { account } = await signIn();
    expect(account.apiUrl).toBe(`${server.url}/p/api/greader.php`);
  });

  it('says the server cannot be reached, naming it', async () => {
    const gone = await startReaderApiServer({ flavor: 'freshrss' });
    const address = gone.url;
    await gone.close();
    const error = await failure('accounts.signIn', {
      service: 'freshrss',
      serverUrl: address,
      username: 'alice',
      password: PASSWORD,
    });
    expect(error.code).toBe('network');
    expect(error.message).toContain(new URL(address).host);
  });

  it('says an address is not a Reader API endpoint after trying each likely place', async () => {
    const feeds = await startFixtureServer();
    try {
      const error = await failure('accounts.signIn', {
        service: 'freshrss',
        serverUrl: feeds.url,
        username: 'alice',
        password: PASSWORD,
      });
      expect(error.code).toBe('not-reader-api');
      expect(error.message).toContain('/api/greader.php');
    } finally {
      await feeds.close();
    }
    expect((await call<{ accounts: unknown[] }>('accounts.list', {})).accounts).toEqual([]);
  });

  it('says the password is wrong, without repeating it, and stores nothing', async () => {
    const error = await failure('accounts.signIn', {
      service: 'freshrss',
      serverUrl: server.url,
      username: 'alice',
      password: 'not-the-api-password',
    });
    expect(error.code).toBe('unauthorized');
    expect(error.message).not.toContain('not-the-api-password');
    // A wrong password proves the API is there: no other address is tried.
    expect(server.requests.map((r) => r.route)).toEqual(['accounts/ClientLogin']);
    expect((await call<{ accounts: unknown[] }>('accounts.list', {})).accounts).toEqual([]);
  });

  it('blanks the password out of a server refusal that repeats it', async () => {
    server.failNext('accounts/ClientLogin', {
      status: 500,
      body: `Error: bad login alice:${PASSWORD}`,
    });
    const error = await failure('accounts.signIn', {
      service: 'freshrss',
      serverUrl: server.url,
      username: 'alice',
      password: PASSWORD,
    });
    expect(error.message).toContain('bad login alice:•••');
    expect(error.message).not.toContain(PASSWORD);
  });

  it('says API access is switched off on the server', async () => {
    server.disableApi();
    const error = await failure('accounts.signIn', {
      service: 'freshrss',
      serverUrl: server.url,
      username: 'alice',
      password: PASSWORD,
    });
    expect(error.code).toBe('api-disabled');
  });

  it('warns about plain http to a server that is not this computer, and allows only its host', async () => {
    const serverUrl = `http://reader.test:${server.port}`;
    const { account, warning } = await signIn({ serverUrl });
    expect(warning).toMatch(/plain http/);
    // The allowance for reader.test is kept with the account: later requests reach it...
    await call('accounts.pull', { accountId: account.id, subscriptions: false });
    const record = JSON.parse(readFileSync(storePath, 'utf8')).accounts[0].record;
    expect(record.allowPrivateHost).toBe('reader.test');
    expect(record.apiUrl).toBe(`${serverUrl}/api/greader.php`);
  });

  it('signs an account in again only with the same server and user', async () => {
    await server.close();
    server = await startReaderApiServer({
      flavor: 'freshrss',
      users: [
        { username: 'alice', password: PASSWORD },
        { username: 'bob', password: 'bob-pass' },
      ],
    });
    const { account } = await signIn();
    await call('accounts.signOut', { accountId: account.id });
    const other = await failure('accounts.signIn', {
      service: 'freshrss',
      serverUrl: server.url,
      username: 'bob',
      password: 'bob-pass',
      accountId: account.id,
    });
    expect(other.code).toBe('invalid-params');
    expect(other.message).not.toContain('bob-pass');
    const again = await signIn({ accountId: account.id, serverUrl: `${server.url}/` });
    expect(again.account).toMatchObject({ id: account.id, signedIn: true });
    expect((await call<{ accounts: unknown[] }>('accounts.list', {})).accounts).toHaveLength(1);
  });

  it('adding an account it already holds signs that one in again rather than a second copy', async () => {
    const { account } = await signIn();
    await call('accounts.signOut', { accountId: account.id });
    const again = await signIn({ serverUrl: `${server.url}/` });
    expect(again.account).toMatchObject({ id: account.id, signedIn: true });
    expect((await call<{ accounts: unknown[] }>('accounts.list', {})).accounts).toHaveLength(1);
  });

  it('signs out (token forgotten, account kept) and removes', async () => {
    const { account } = await signIn();
    const token = await authToken();
    expect(await call('accounts.signOut', { accountId: account.id })).toBeNull();
    expect(readFileSync(storePath, 'utf8')).not.toContain(token);
    expect(
      (await call<{ accounts: { signedIn: boolean }[] }>('accounts.list', {})).accounts,
    ).toEqual([expect.objectContaining({ id: account.id, signedIn: false })]);
    const pulled = await failure('accounts.pull', { accountId: account.id, subscriptions: false });
    expect(pulled.code).toBe('unauthorized');
    expect(await call('accounts.remove', { accountId: account.id })).toBeNull();
    expect((await call<{ accounts: unknown[] }>('accounts.list', {})).accounts).toEqual([]);
  });
});

describe('the private-network allowance', () => {
  it('lets the account reach its own host only', async () => {
    const { account } = await signIn();
    // Someone points the stored account at another host on this computer (localhost, not the
    // 127.0.0.1 the reader typed): the guard refuses it, the allowance does not travel.
    const stored = JSON.parse(readFileSync(storePath, 'utf8'));
    stored.accounts[0].record.apiUrl = server.apiUrl.replace('127.0.0.1', 'localhost');
    await privateFile(storePath).write(new TextEncoder().encode(JSON.stringify(stored)));
    disposeScheduler();
    await guard.close();
    startApp(true);
    const error = await failure('accounts.pull', { accountId: account.id, subscriptions: false });
    expect(error.code).toBe('forbidden');
  });
});

describe('pulling', () => {
  it('a first sync: subscriptions, folders, labels and every id list', async () => {
    const tech = server.addSubscription({ title: 'Tech', folder: 'Tech' });
    const food = server.addSubscription({ title: 'Food' });
    const [a, b] = server.addItems(tech.streamId, [{ starred: true, labels: ['Later'] }, {}]);
    const [c] = server.addItems(food.streamId, [{ read: true }]);
    const { account } = await signIn();
    const snapshot = await call<Record<string, unknown>>('accounts.pull', {
      accountId: account.id,
      subscriptions: true,
    });
    const long = (item: typeof a) => server.longId(item!);
    expect(snapshot).toMatchObject({
      subscriptions: [
        expect.objectContaining({ streamId: tech.streamId, title: 'Tech', folders: ['Tech'] }),
        expect.objectContaining({ streamId: food.streamId, title: 'Food' }),
      ],
      // FreshRSS puts every feed in a folder, "Uncategorized" by default.
      folders: [
        { id: 'user/-/label/Uncategorized', name: 'Uncategorized' },
        { id: 'user/-/label/Tech', name: 'Tech' },
      ],
      labels: [{ name: 'Later', itemIds: [long(a)] }],
      unreadIds: [long(b), long(a)],
      starredIds: [long(a)],
      newIds: [long(c), long(b), long(a)],
      nextSince: NOW - 60_000,
    });
    expect(snapshot['requests']).toBeGreaterThanOrEqual(6);
  });

  it('a Miniflux first sync: folders only, so no label streams are asked for', async () => {
    await server.close();
    server = await startReaderApiServer({ flavor: 'miniflux' });
    const feed = server.addSubscription({ title: 'Tech', folder: 'Tech' });
    const [a] = server.addItems(feed.streamId, [{ starred: true }]);
    const { account } = await signIn({ service: 'miniflux' });
    expect(account.apiUrl).toBe(server.url);
    const mark = server.requests.length;
    const snapshot = await call<Record<string, unknown>>('accounts.pull', {
      accountId: account.id,
      subscriptions: true,
    });
    expect(snapshot).toMatchObject({
      subscriptions: [expect.objectContaining({ streamId: feed.streamId, folders: ['Tech'] })],
      labels: [],
      unreadIds: [server.longId(a!)],
      starredIds: [server.longId(a!)],
      newIds: [server.longId(a!)],
    });
    expect(requestsSince(mark)).toEqual([
      'subscription/list',
      'tag/list',
      'stream/items/ids',
      'stream/items/ids',
      'stream/items/ids',
    ]);
  });

  it('an incremental sync with nothing asked but states and news is exactly 3 requests', async () => {
    const feed = server.addSubscription({ title: 'Tech' });
    // FreshRSS item ids are the crawl time in µs, and `ot` compares them.
    const [old, fresh] = server.addItems(feed.streamId, 2);
    old!.id = (NOW - 3_600_000) * 1000;
    fresh!.id = (NOW - 1_000) * 1000;
    const { account } = await signIn();
    const mark = server.requests.length;
    const snapshot = await call<Record<string, unknown>>('accounts.pull', {
      accountId: account.id,
      since: NOW - 60_000,
      subscriptions: false,
    });
    expect(requestsSince(mark)).toEqual([
      'stream/items/ids',
      'stream/items/ids',
      'stream/items/ids',
    ]);
    expect(snapshot).toEqual({
      unreadIds: [server.longId(fresh!), server.longId(old!)],
      starredIds: [],
      newIds: [server.longId(fresh!)],
      nextSince: NOW - 60_000,
      requests: 3,
    });
    const since = server.requests.slice(mark).map((r) => new URL(r.path, server.url));
    expect(since[2]!.searchParams.get('ot')).toBe(String((NOW - 60_000) / 1000));
  });

  it('fetches contents, saying which ids the server no longer has', async () => {
    const feed = server.addSubscription({ title: 'Tech' });
    const items = server.addItems(feed.streamId, 3);
    const { account } = await signIn();
    const gone = 'tag:google.com,2005:reader/item/00000000000000ff';
    const result = await call<{ items: { id: string }[]; missing: string[] }>(
      'accounts.fetchItems',
      { accountId: account.id, ids: [...items.map((i) => server.longId(i)), gone] },
    );
    expect(result.items.map((item) => item.id).sort()).toEqual(
      items.map((i) => server.longId(i)).sort(),
    );
    expect(result.missing).toEqual([gone]);
  });

  it('a refused token (401) signs the account out; the rest of the record stays', async () => {
    const { account } = await signIn();
    server.revokeAuth();
    const error = await failure('accounts.pull', { accountId: account.id, subscriptions: true });
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/sign in again/);
    const [listed] = (await call<{ accounts: object[] }>('accounts.list', {})).accounts;
    expect(listed).toMatchObject({ id: account.id, apiUrl: server.apiUrl, signedIn: false });
    // The next call does not even ask the server.
    const mark = server.requests.length;
    expect(
      (await failure('accounts.pull', { accountId: account.id, subscriptions: false })).code,
    ).toBe('unauthorized');
    expect(server.requests.length).toBe(mark);
  });

  it('a server asking to wait long is rate-limited, and the sign-in is kept', async () => {
    const { account } = await signIn();
    server.failNext('stream/items/ids', { status: 429, headers: { 'Retry-After': '600' } });
    const error = await failure('accounts.pull', { accountId: account.id, subscriptions: false });
    expect(error.code).toBe('rate-limited');
    const [listed] = (await call<{ accounts: object[] }>('accounts.list', {})).accounts;
    expect(listed).toMatchObject({ signedIn: true });
  });
});

describe('pushing', () => {
  it('applies changes in order and stops at the first failure', async () => {
    const feed = server.addSubscription({ title: 'Tech' });
    const [a, b, c] = server.addItems(feed.streamId, 3);
    const { account } = await signIn();
    server.failNext('subscription/quickadd', { status: 500, body: 'database is locked' });
    const changes: AccountChange[] = [
      { kind: 'read', itemIds: [server.longId(a!)] },
      { kind: 'star', itemIds: [server.longId(b!)] },
      { kind: 'subscribe', url: 'https://new.example.com/feed.xml' },
      { kind: 'read', itemIds: [server.longId(c!)] },
    ];
    const result = await call('accounts.push', { accountId: account.id, changes });
    expect(result).toEqual({
      applied: 2,
      subscribed: [],
      error: {
        code: 'http',
        message: expect.stringContaining('database is locked'),
        // The reader is told it in their language: the server's words travel as a value.
        text: {
          id: 'main.account.httpStatusSaid',
          values: expect.objectContaining({
            doing: 'subscribe',
            said: 'database is locked',
          }),
        },
      },
    });
    expect([a!.read, b!.starred, c!.read]).toEqual([true, true, false]);
    expect(server.state.subscriptions).toHaveLength(1);
  });

  it('every kind of change reaches the server; a subscribe says its stream id', async () => {
    const tech = server.addSubscription({ title: 'Tech', folder: 'Tech' });
    const [a, b] = server.addItems(tech.streamId, [{ read: true, starred: true }, {}]);
    const { account } = await signIn();
    const changes: AccountChange[] = [
      { kind: 'unread', itemIds: [server.longId(a!)] },
      { kind: 'unstar', itemIds: [server.longId(a!)] },
      { kind: 'label', label: 'Later', itemIds: [server.longId(b!)] },
      { kind: 'subscribe', url: 'https://new.example.com/feed.xml', title: 'New', folder: 'Tech' },
      { kind: 'rename', streamId: tech.streamId, title: 'Technology' },
      { kind: 'move', streamId: tech.streamId, from: 'Tech', to: 'Reading' },
      // The fixture files items at the real time.
      { kind: 'mark-all-read', streamId: tech.streamId, before: Date.now() + 60_000 },
    ];
    const result = await call<{
      applied: number;
      subscribed: { index: number; streamId: string }[];
    }>('accounts.push', { accountId: account.id, changes });
    expect(result).toEqual({
      applied: 7,
      subscribed: [{ index: 3, streamId: expect.any(String) }],
    });
    const added = server.state.subscriptions.find(
      (s) => s.streamId === result.subscribed[0]!.streamId,
    );
    expect(added).toMatchObject({
      url: 'https://new.example.com/feed.xml',
      title: 'New',
      folders: ['Tech'],
    });
    expect(server.state.subscriptions[0]).toMatchObject({
      title: 'Technology',
      folders: ['Reading'],
    });
    expect(a).toMatchObject({ starred: false, read: true });
    expect(b).toMatchObject({ labels: ['Later'], read: true });
  });

  it('a subscribe the server already holds (sent again after a lost answer) is confirmed', async () => {
    const existing = server.addSubscription({
      title: 'Kept',
      url: 'https://kept.example.com/feed',
    });
    const { account } = await signIn();
    // What a real FreshRSS answers to a second quickadd of the same address.
    server.failNext('subscription/quickadd', {
      status: 200,
      body: '{"numResults":0,"error":"Already subscribed! https://kept.example.com/feed"}',
    });
    const result = await call('accounts.push', {
      accountId: account.id,
      changes: [{ kind: 'subscribe', url: 'https://kept.example.com/feed' }],
    });
    expect(result).toEqual({
      applied: 1,
      subscribed: [{ index: 0, streamId: existing.streamId }],
    });
  });

  it('an unsubscribe the server already did (sent again) is confirmed; a real refusal is not', async () => {
    const kept = server.addSubscription({ title: 'Kept' });
    const { account } = await signIn();
    // What a real FreshRSS answers to unsubscribing from a feed it no longer has.
    server.failNext('subscription/edit', { status: 400, body: 'Bad Request!' });
    const gone = await call('accounts.push', {
      accountId: account.id,
      changes: [{ kind: 'unsubscribe', streamId: 'feed/999' }],
    });
    expect(gone).toEqual({ applied: 1, subscribed: [] });
    server.failNext('subscription/edit', { status: 400, body: 'Bad Request!' });
    const refused = await call('accounts.push', {
      accountId: account.id,
      changes: [{ kind: 'unsubscribe', streamId: kept.streamId }],
    });
    expect(refused).toMatchObject({ applied: 0, error: { code: 'http' } });
    expect(server.state.subscriptions).toHaveLength(1);
  });

  it('a subscribe the server refuses stops the queue there', async () => {
    const { account } = await signIn();
    server.failNext('subscription/quickadd', {
      status: 200,
      body: '{"numResults":0,"error":"Not a valid feed URL"}',
    });
    const result = await call('accounts.push', {
      accountId: account.id,
      changes: [{ kind: 'subscribe', url: 'https://nothing.example.com/' }],
    });
    expect(result).toMatchObject({ applied: 0, error: { code: 'not-a-feed' } });
  });

  it('a 401 while pushing: confirmed changes reported, the account signed out, the rest left', async () => {
    const feed = server.addSubscription({ title: 'Tech' });
    const [a, b] = server.addItems(feed.streamId, 2);
    const { account } = await signIn();
    server.failNext('edit-tag', { status: 200, body: 'OK' });
    server.failNext('edit-tag', { status: 401, body: 'Unauthorized!' });
    const result = await call('accounts.push', {
      accountId: account.id,
      changes: [
        { kind: 'read', itemIds: [server.longId(a!)] },
        { kind: 'read', itemIds: [server.longId(b!)] },
      ],
    });
    expect(result).toEqual({
      applied: 1,
      subscribed: [],
      error: {
        code: 'unauthorized',
        message: expect.stringMatching(/sign in again/),
        text: expect.objectContaining({ id: 'main.account.signInAgain' }),
      },
    });
    const [listed] = (await call<{ accounts: object[] }>('accounts.list', {})).accounts;
    expect(listed).toMatchObject({ signedIn: false });
  });
});

describe('a refusal that arrives after a new sign-in', () => {
  it('forgets only the refused token, not the one signed in meanwhile', async () => {
    // Requests for item ids wait at a gate, so a sign-in can finish while a pull is under way.
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const gated: typeof fetch = async (input, init) => {
      if (String(input).includes('/stream/items/ids')) await gate;
      return fetch(input, init);
    };
    const core = createCore({
      net: { fetchFor: () => gated, isPrivateHost: async () => false },
      userAgent: 'Broadsheet/test',
      now: () => NOW,
      appInfo: { name: 'Broadsheet', version: '0', host: 'browser', platform: 'linux' },
      emit: () => undefined,
    });
    try {
      const run = createDispatcher(core.handlers, () => undefined);
      const params = {
        service: 'freshrss',
        serverUrl: server.url,
        username: 'alice',
        password: PASSWORD,
      };
      const first = (await run('accounts.signIn', params)) as Result<{ account: { id: string } }>;
      if (!first.ok) throw new Error(first.error.message);
      const accountId = first.value.account.id;
      server.revokeAuth();
      const pulling = run('accounts.pull', { accountId, subscriptions: false });
      expect(await run('accounts.signIn', { ...params, accountId })).toMatchObject({ ok: true });
      open();
      expect(await pulling).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(await run('accounts.list', {})).toMatchObject({
        ok: true,
        value: { accounts: [{ id: accountId, signedIn: true }] },
      });
      expect(await run('accounts.pull', { accountId, subscriptions: false })).toMatchObject({
        ok: true,
      });
    } finally {
      core.scheduler.dispose();
    }
  });
});

describe('hideSecrets', () => {
  const messageOf = (error: unknown) => (error as Error).message;

  it('leaves words alone that merely contain the letters of a short password', () => {
    const error = new AppError('network', 'main.error.untranslated', {
      message: 'Could not reach rss.example.invalid: no such host',
    });
    const hidden = hideSecrets(error, ['x']);
    expect(messageOf(hidden)).toBe('Could not reach rss.example.invalid: no such host');
    expect((hidden as Error).stack).not.toContain('•••');
  });

  it('still blanks a short password the server echoed as a whole', () => {
    const hidden = hideSecrets(
      new AppError('unauthorized', 'main.error.untranslated', {
        message: "Wrong password 'x' (Passwd=x&)",
      }),
      ['x'],
    );
    expect(hidden).toBeInstanceOf(AppError);
    expect((hidden as AppError).code).toBe('unauthorized');
    expect(messageOf(hidden)).toBe("Wrong password '•••' (Passwd=•••&)");
  });

  it('blanks the secret as a form sends it, when the server repeats the request', () => {
    const hidden = hideSecrets(new Error('bad request: Email=alice&Passwd=p%40ss+word'), [
      'p@ss word',
    ]);
    expect(messageOf(hidden)).toBe('bad request: Email=alice&Passwd=•••');
  });

  it('blanks a long secret wherever it appears, and in the stack too', () => {
    const token = 'alice/0123456789abcdef0123456789abcdef01234567';
    const error = new Error(`refused tokenA${token}B and ${token}`);
    const hidden = hideSecrets(error, [token]) as Error;
    expect(messageOf(hidden)).toBe('refused tokenA•••B and •••');
    expect(hidden.stack).not.toContain(token);
  });
});
