import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '@main/api/dispatch';
import { createCore } from '@main/core';
import {
  startReaderApiServer,
  type ReaderApiServer,
} from '../../../fixture-server/reader-api-server';

let server: ReaderApiServer;
let dispatch: Dispatch;
let dispose = (): void => undefined;

beforeAll(async () => {
  server = await startReaderApiServer({ flavor: 'freshrss' });
  const core = createCore({
    net: { fetchFor: () => globalThis.fetch, isPrivateHost: async () => false },
    userAgent: 'Broadsheet/test',
    now: Date.now,
    appInfo: { name: 'Broadsheet', version: '0', host: 'browser', platform: 'linux' },
    emit: () => undefined,
  });
  dispose = () => core.scheduler.dispose();
  dispatch = createDispatcher(core.handlers, () => undefined);
});

afterAll(async () => {
  dispose();
  await server.close();
});

const signIn = (overrides: Record<string, unknown>) => ({
  service: 'freshrss',
  serverUrl: server.url,
  username: 'alice',
  password: 'alice-api-pass',
  ...overrides,
});

describe('accounts.* parameters are checked before anything is sent', () => {
  it('refuses a bad server address, an empty user name or password, an unknown service', async () => {
    const bad = [
      signIn({ serverUrl: 'ftp://example.org' }),
      signIn({ serverUrl: 'not an address' }),
      signIn({ serverUrl: '' }),
      signIn({ username: '   ' }),
      signIn({ password: '' }),
      signIn({ service: 'feedly' }),
      signIn({ extra: true }),
    ];
    for (const params of bad) {
      const result = await dispatch('accounts.signIn', params);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    }
    expect(server.requests).toEqual([]);
  });

  it('never repeats a refused password in its explanation', async () => {
    const password = `secret-${'x'.repeat(1000)}`;
    const result = await dispatch('accounts.signIn', signIn({ password, serverUrl: 'nope' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(JSON.stringify(result)).not.toContain('secret-');
  });

  it('refuses malformed pulls, item lists and changes', async () => {
    const bad: [string, unknown][] = [
      ['accounts.pull', { accountId: 'a' }],
      ['accounts.pull', { accountId: '', subscriptions: true }],
      ['accounts.pull', { accountId: 'a', subscriptions: true, since: -1 }],
      ['accounts.fetchItems', { accountId: 'a', ids: [] }],
      ['accounts.fetchItems', { accountId: 'a', ids: Array(1001).fill('1') }],
      ['accounts.push', { accountId: 'a', changes: [] }],
      ['accounts.push', { accountId: 'a', changes: [{ kind: 'delete-everything' }] }],
      ['accounts.push', { accountId: 'a', changes: [{ kind: 'read', itemIds: [] }] }],
      ['accounts.push', { accountId: 'a', changes: [{ kind: 'subscribe', url: 'file:///etc' }] }],
      ['accounts.signOut', {}],
      ['accounts.remove', { accountId: 7 }],
    ];
    for (const [method, params] of bad) {
      const result = await dispatch(method, params);
      expect(result, `${method} ${JSON.stringify(params).slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid-params' },
      });
    }
    expect(server.requests).toEqual([]);
  });

  it('an account main holds no sign-in for asks the reader to sign in again', async () => {
    const result = await dispatch('accounts.pull', { accountId: 'unknown', subscriptions: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
