import { afterEach, describe, expect, it } from 'vitest';
import { createAccountService } from '@main/accounts/account-service';
import { createMemoryCredentialStore } from '@main/accounts/credential-store';
import { createGReaderClient } from '@main/accounts/greader-client';
import { createGReaderProtocol } from '@main/accounts/greader-protocol';
import { RateLimitedError, type SyncProtocol } from '@main/accounts/sync-protocol';
import type { AccountChange } from '@shared/account-model';
import { AppError } from '@shared/result';
import {
  startReaderApiServer,
  type ReaderApiServer,
} from '../../../fixture-server/reader-api-server';

const USER = { username: 'alice', password: 'alice-api-pass' };
let fixture: ReaderApiServer | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

function greader(): SyncProtocol {
  return createGReaderProtocol((options) =>
    createGReaderClient({
      ...options,
      userAgent: 'Broadsheet/test',
      now: Date.now,
      sleep: async () => undefined,
    }),
  );
}

describe('the Google Reader API as a sync protocol', () => {
  it('signs in from a typed address, then pulls ids only: three requests when nothing is new', async () => {
    fixture = await startReaderApiServer({ flavor: 'freshrss', users: [USER] });
    const feed = fixture.addSubscription({ title: 'Tech', folder: 'News' });
    const [first, second] = fixture.addItems(feed.streamId, [{ starred: true }, { read: true }]);
    const protocol = greader();
    const { apiUrl, auth } = await protocol.signIn({
      typed: fixture.url,
      service: 'freshrss',
      ...USER,
      fetch: globalThis.fetch,
    });
    expect(apiUrl).toBe(fixture.apiUrl);

    const session = protocol
      .connect({ apiUrl, service: 'freshrss', fetch: globalThis.fetch })
      .session(auth);
    const full = await session.pull({ subscriptions: true });
    expect(full.subscriptions?.map((s) => [s.title, s.folders])).toEqual([['Tech', ['News']]]);
    expect(full.unreadIds).toEqual([fixture.longId(first!)]);
    expect(full.starredIds).toEqual([fixture.longId(first!)]);
    expect(full.newIds.sort()).toEqual([fixture.longId(first!), fixture.longId(second!)].sort());

    fixture.requests.length = 0;
    const later = await session.pull({ since: Date.now() + 60_000, subscriptions: false });
    expect(later).toMatchObject({ newIds: [], unreadIds: [fixture.longId(first!)] });
    expect(fixture.requests.map((r) => r.route)).toEqual([
      'stream/items/ids',
      'stream/items/ids',
      'stream/items/ids',
    ]);
  });

  it('counts a subscribe the server already holds as done, with its stream id', async () => {
    fixture = await startReaderApiServer({ flavor: 'freshrss', users: [USER] });
    const protocol = greader();
    const { apiUrl, auth } = await protocol.signIn({
      typed: fixture.apiUrl,
      service: 'freshrss',
      ...USER,
      fetch: globalThis.fetch,
    });
    const session = protocol
      .connect({ apiUrl, service: 'freshrss', fetch: globalThis.fetch })
      .session(auth);
    const change: AccountChange = { kind: 'subscribe', url: `${fixture.url}/feeds/a.xml` };
    const streamId = await session.apply(change);
    expect(streamId).toMatch(/^feed\//);
    // The answer was lost and the outbox sends it again: the same subscription, no error.
    expect(await session.apply(change)).toBe(streamId);
    expect(fixture.state.subscriptions).toHaveLength(1);
  });
});

/**
 * The seam docs/SYNC.md describes: the account service keeps the sign-in, the order of a push
 * and the cursor for any protocol. A second protocol here is a few lines, answering from memory.
 */
describe('another protocol behind the same account service', () => {
  function memoryProtocol(log: string[]): SyncProtocol {
    return {
      signIn: async ({ username, password }) => {
        if (password !== 'right')
          throw new AppError('unauthorized', 'main.error.untranslated', {
            message: 'Wrong password.',
          });
        return { apiUrl: 'https://news.example.com/api', auth: `${username}-token` };
      },
      connect: () => ({
        session: (auth) => ({
          pull: async () => ({ unreadIds: ['u'], starredIds: [], newIds: ['u'] }),
          fetchItems: async (ids) => ({ items: [], missing: ids }),
          apply: async (change) => {
            if (change.kind === 'unstar')
              throw new AppError('unauthorized', 'main.error.untranslated', {
                message: 'Token expired.',
              });
            log.push(`${auth}:${change.kind}`);
            return undefined;
          },
          requestCount: () => 1,
        }),
      }),
    };
  }

  it('gets sign-in, cursor, push order and "sign in again" without writing any of them', async () => {
    const log: string[] = [];
    const store = createMemoryCredentialStore();
    const service = createAccountService({
      store,
      protocolFor: () => memoryProtocol(log),
      fetchFor: () => globalThis.fetch,
      typed: async () => undefined,
      now: () => 1_000_000,
      newId: () => 'acc',
    });
    await expect(
      service.signIn({
        service: 'greader',
        serverUrl: 'https://news.example.com',
        username: 'bo',
        password: 'wrong',
      }),
    ).rejects.toThrow('Wrong password.');
    const { account } = await service.signIn({
      service: 'greader',
      serverUrl: 'https://news.example.com',
      username: 'bo',
      password: 'right',
    });
    expect(account).toMatchObject({ id: 'acc', apiUrl: 'https://news.example.com/api' });
    expect(JSON.stringify(account)).not.toContain('bo-token');

    expect(await service.pull({ accountId: 'acc', subscriptions: false })).toMatchObject({
      unreadIds: ['u'],
      nextSince: 1_000_000 - 60_000,
      requests: 1,
    });

    const result = await service.push({
      accountId: 'acc',
      changes: [
        { kind: 'read', itemIds: ['u'] },
        { kind: 'unstar', itemIds: ['u'] },
        { kind: 'star', itemIds: ['u'] },
      ],
    });
    expect(result).toMatchObject({ applied: 1, error: { code: 'unauthorized' } });
    expect(log).toEqual(['bo-token:read']);
    // The dead token is forgotten: the account asks to sign in again.
    expect((await service.list())[0]).toMatchObject({ id: 'acc', signedIn: false });
    expect((await store.get('acc'))?.auth).toBeUndefined();
  });

  it('holds an account the server asked to wait: nothing is sent until then, whoever asks', async () => {
    let now = 1_000_000;
    let pulls = 0;
    const protocol: SyncProtocol = {
      signIn: async () => ({ apiUrl: 'https://news.example.com/api', auth: 'token' }),
      connect: () => ({
        session: () => ({
          pull: async () => {
            pulls += 1;
            if (pulls === 1) {
              throw new RateLimitedError(
                'main.error.untranslated',
                { message: 'news.example.com asked to wait 2 minutes.' },
                120_000,
              );
            }
            return { unreadIds: [], starredIds: [], newIds: [] };
          },
          fetchItems: async (ids) => ({ items: [], missing: ids }),
          apply: async () => undefined,
          requestCount: () => 1,
        }),
      }),
    };
    const service = createAccountService({
      store: createMemoryCredentialStore(),
      protocolFor: () => protocol,
      fetchFor: () => globalThis.fetch,
      typed: async () => undefined,
      now: () => now,
      newId: () => 'acc',
    });
    await service.signIn({
      service: 'greader',
      serverUrl: 'https://news.example.com',
      username: 'bo',
      password: 'right',
    });
    const pull = () => service.pull({ accountId: 'acc', subscriptions: false });
    await expect(pull()).rejects.toMatchObject({ code: 'rate-limited' });
    now += 60_000;
    await expect(pull()).rejects.toThrow('asked to wait 2 minutes');
    // Refused before it starts, as a push without a sign-in is: the queue stays as it was.
    await expect(
      service.push({ accountId: 'acc', changes: [{ kind: 'read', itemIds: ['u'] }] }),
    ).rejects.toMatchObject({ code: 'rate-limited' });
    expect(pulls).toBe(1);
    now += 60_001;
    await expect(pull()).resolves.toMatchObject({ unreadIds: [] });
    expect(pulls).toBe(2);
  });
});
