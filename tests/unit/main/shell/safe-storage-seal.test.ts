import { describe, expect, it } from 'vitest';
import { createCredentialStore } from '@main/accounts/credential-store';
import { safeStorageSeal, type Cipher } from '@main/shell/safe-storage-seal';

/** A stand-in for Electron's safeStorage: XOR with a key, and a switch for the keyring. */
function fakeCipher(state: { available: boolean }): Cipher {
  const xor = (bytes: Uint8Array) => Buffer.from(bytes.map((b, i) => b ^ (0x5a + (i % 7))));
  return {
    isAsyncEncryptionAvailable: async () => state.available,
    encryptStringAsync: async (text) => xor(Buffer.from(text, 'utf8')),
    decryptStringAsync: async (bytes) => ({
      result: xor(bytes).toString('utf8'),
      shouldReEncrypt: false,
    }),
  };
}

function memory() {
  const state: { bytes?: Uint8Array } = {};
  return {
    state,
    read: async () => state.bytes,
    write: async (bytes: Uint8Array) => void (state.bytes = bytes),
  };
}

const record = {
  service: 'freshrss' as const,
  serverUrl: 'https://rss.example.org',
  apiUrl: 'https://rss.example.org/api/greader.php',
  username: 'alice',
  auth: 'alice/secret-token-value',
};

describe('safeStorage seal', () => {
  it('round-trips the store through the cipher; the token never reaches the bytes in clear', async () => {
    const cipher = fakeCipher({ available: true });
    const file = memory();
    await createCredentialStore({ ...file, seal: safeStorageSeal(cipher) }).put('a', record);
    expect(Buffer.from(file.state.bytes!).toString('latin1')).not.toContain('secret-token');
    const again = createCredentialStore({ ...file, seal: safeStorageSeal(cipher) });
    expect(await again.get('a')).toEqual(record);
  });

  it('refuses to store when the system cannot encrypt, and says why', async () => {
    const file = memory();
    const store = createCredentialStore({
      ...file,
      seal: safeStorageSeal(fakeCipher({ available: false })),
    });
    await expect(store.put('a', record)).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/no way to encrypt.*Nothing was saved/),
    });
    expect(file.state.bytes).toBeUndefined();
  });

  it('leaves stored accounts locked (not lost) while the keyring is unavailable', async () => {
    const state = { available: true };
    const file = memory();
    await createCredentialStore({ ...file, seal: safeStorageSeal(fakeCipher(state)) }).put(
      'a',
      record,
    );
    const stored = file.state.bytes;
    state.available = false;
    const store = createCredentialStore({ ...file, seal: safeStorageSeal(fakeCipher(state)) });
    await expect(store.list()).rejects.toThrow(/stay locked/);
    await expect(store.put('b', record)).rejects.toThrow(/stay locked/);
    expect(file.state.bytes).toBe(stored);
    state.available = true;
    expect(await store.get('a')).toEqual(record);
  });
});
