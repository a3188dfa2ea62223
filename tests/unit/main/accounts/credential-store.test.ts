import { describe, expect, it } from 'vitest';
import {
  createCredentialStore,
  type AccountRecord,
  type CredentialStoreDeps,
} from '@main/accounts/credential-store';
import { AppError } from '@shared/result';

const record: AccountRecord = {
  service: 'freshrss',
  serverUrl: 'https://rss.example.org',
  apiUrl: 'https://rss.example.org/api/greader.php',
  username: 'alice',
  auth: 'alice/0123456789abcdef',
};

/** Bytes kept in memory, as a file would keep them; counts writes. */
function memory(initial?: Uint8Array) {
  const state = { bytes: initial, writes: 0 };
  const deps: CredentialStoreDeps = {
    read: async () => state.bytes,
    write: async (bytes) => {
      state.writes++;
      state.bytes = bytes;
    },
  };
  return { state, deps };
}

describe('credential store', () => {
  it('keeps records across instances, in the order they were added', async () => {
    const { deps } = memory();
    const store = createCredentialStore(deps);
    await store.put('b', record);
    await store.put('a', { ...record, username: 'bob', auth: undefined });
    const again = createCredentialStore(deps);
    expect((await again.list()).map(([id]) => id)).toEqual(['b', 'a']);
    expect(await again.get('b')).toEqual(record);
    expect(await again.get('a')).not.toHaveProperty('auth');
  });

  it('updates and removes one record without touching the others', async () => {
    const { deps } = memory();
    const store = createCredentialStore(deps);
    await store.put('one', record);
    await store.put('two', { ...record, username: 'bob' });
    const updated = await store.update('one', ({ auth: _dropped, ...rest }) => rest);
    expect(updated).not.toHaveProperty('auth');
    expect(await store.update('nobody', (r) => r)).toBeUndefined();
    expect(await store.remove('two')).toBe(true);
    expect(await store.remove('two')).toBe(false);
    const { auth: _auth, ...signedOut } = record;
    expect(await createCredentialStore(deps).list()).toEqual([['one', signedOut]]);
  });

  it('loses neither of two writes made at the same time', async () => {
    const { deps } = memory();
    const store = createCredentialStore(deps);
    await Promise.all([store.put('x', record), store.put('y', record), store.put('z', record)]);
    const fresh = createCredentialStore(deps);
    expect((await fresh.list()).map(([id]) => id).sort()).toEqual(['x', 'y', 'z']);
  });

  it('refuses a damaged file without echoing it and never writes over it', async () => {
    const damaged = new TextEncoder().encode(
      '{"version":1,"accounts":[{"id":"a","record":{"auth":"SECRET-TOKEN"',
    );
    const { state, deps } = memory(damaged);
    const store = createCredentialStore(deps);
    const error = await store.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/could not be read/);
    expect((error as AppError).message).not.toContain('SECRET-TOKEN');
    await expect(store.put('b', record)).rejects.toThrow(/could not be read/);
    expect(state.writes).toBe(0);
    expect(state.bytes).toBe(damaged);
  });

  it('refuses a file whose records have the wrong shape', async () => {
    const text = JSON.stringify({ version: 1, accounts: [{ id: 'a', record: { service: 'x' } }] });
    const { deps } = memory(new TextEncoder().encode(text));
    await expect(createCredentialStore(deps).list()).rejects.toThrow(/damaged/);
  });
});

describe('credential store with a seal', () => {
  // A stand-in for safeStorage: reversible, and visibly not the plain text.
  const fakeSeal = {
    encrypt: async (text: string) =>
      new TextEncoder().encode(`sealed:${Buffer.from(text).toString('base64')}`),
    decrypt: async (bytes: Uint8Array) => {
      const text = new TextDecoder().decode(bytes);
      if (!text.startsWith('sealed:')) throw new Error('bad seal');
      return Buffer.from(text.slice(7), 'base64').toString();
    },
  };

  it('writes only sealed bytes and reads them back', async () => {
    const { state, deps } = memory();
    await createCredentialStore({ ...deps, seal: fakeSeal }).put('a', record);
    const onDisk = new TextDecoder().decode(state.bytes);
    expect(onDisk.startsWith('sealed:')).toBe(true);
    expect(onDisk).not.toContain(record.auth);
    expect(onDisk).not.toContain('alice');
    expect(await createCredentialStore({ ...deps, seal: fakeSeal }).get('a')).toEqual(record);
  });

  it('says the store cannot be decrypted when the seal fails, and keeps the bytes', async () => {
    const { state, deps } = memory(new TextEncoder().encode('not sealed'));
    const store = createCredentialStore({ ...deps, seal: fakeSeal });
    await expect(store.get('a')).rejects.toThrow(/could not be decrypted/);
    await expect(store.put('a', record)).rejects.toThrow();
    expect(state.writes).toBe(0);
  });

  it('writes nothing when the seal refuses, and tries again later', async () => {
    let available = false;
    const seal = {
      encrypt: async (text: string) => {
        if (!available)
          throw new AppError('unsupported', 'main.error.untranslated', { message: 'no keyring' });
        return fakeSeal.encrypt(text);
      },
      decrypt: fakeSeal.decrypt,
    };
    const { state, deps } = memory();
    const store = createCredentialStore({ ...deps, seal });
    await expect(store.put('a', record)).rejects.toThrow('no keyring');
    expect(state.writes).toBe(0);
    expect(await store.list()).toEqual([]);
    available = true;
    await store.put('a', record);
    expect(await createCredentialStore({ ...deps, seal }).get('a')).toEqual(record);
  });
});
