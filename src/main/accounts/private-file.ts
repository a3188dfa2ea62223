/**
 * A file only its owner may read, replaced atomically: the credential store's bytes on disk.
 *
 * Mode 0600 from the moment the file exists (the temporary file is opened with it, so there is
 * no window in which another user could open it), and set again on every read and write in
 * case someone loosened it. The folder is created 0700. Windows ignores these modes; there
 * the per-user profile folder is what keeps other users out.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../shared/result';
import type { CredentialStoreDeps } from './credential-store';

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function privateFile(path: string): Pick<CredentialStoreDeps, 'read' | 'write'> {
  return {
    read: async () => {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return undefined;
        throw new AppError('internal', 'main.account.readFailed', { path, code: String(code) });
      }
      await chmod(path, FILE_MODE).catch(() => undefined);
      return new Uint8Array(bytes);
    },
    write: (bytes) =>
      replace(path, bytes).catch((error: NodeJS.ErrnoException) => {
        // The reader learns where and why; the message holds a path and a code, no contents.
        throw new AppError('internal', 'main.account.saveFailed', {
          path,
          code: error.code ?? error.message,
        });
      }),
  };
}

async function replace(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
  // Same folder, so the rename cannot cross file systems and is atomic.
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', FILE_MODE);
  try {
    // The umask may have taken bits away, never added; set exactly what we mean anyway.
    await handle.chmod(FILE_MODE);
    await handle.writeFile(bytes);
    // On disk before the rename, so a power cut cannot leave an empty file in its place.
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
