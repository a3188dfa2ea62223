/**
 * The desktop app's seal for the credential store: Electron's safeStorage, which encrypts with
 * a key the operating system keeps for this user (Keychain, DPAPI, the Secret Service or
 * KWallet). Passed the safeStorage object, so it is tested with a fake cipher.
 */
import type { SafeStorage } from 'electron';
import { AppError } from '../../shared/result';
import type { Seal } from '../accounts/credential-store';

export type Cipher = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'
>;

export function safeStorageSeal(cipher: Cipher): Seal {
  return {
    encrypt: async (text) => {
      // Asked every time: a keyring can be locked or unlocked while the app runs.
      if (!(await cipher.isAsyncEncryptionAvailable())) {
        throw new AppError('unsupported', 'main.account.sealUnavailable');
      }
      return new Uint8Array(await cipher.encryptStringAsync(text));
    },
    decrypt: async (bytes) => {
      if (!(await cipher.isAsyncEncryptionAvailable())) {
        throw new AppError('unsupported', 'main.account.sealLocked');
      }
      return (await cipher.decryptStringAsync(Buffer.from(bytes))).result;
    },
  };
}
