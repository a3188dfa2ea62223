import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCredentialStore } from '@main/accounts/credential-store';
import { privateFile } from '@main/accounts/private-file';

const posix = process.platform !== 'win32';
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** A fresh folder, removed when the test ends (its files and modes are of no use after). */
function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-private-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('private file', () => {
  it('reads nothing before the first write, and creates no file by reading', async () => {
    const dir = tempFolder();
    const file = privateFile(join(dir, 'data', 'accounts.json'));
    expect(await file.read()).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(posix)('creates the file 0600 in a 0700 folder, whatever the umask', async () => {
    const dir = tempFolder();
    const path = join(dir, 'data', 'accounts.json');
    const previous = process.umask(0o000);
    try {
      await privateFile(path).write(new TextEncoder().encode('{"a":1}'));
    } finally {
      process.umask(previous);
    }
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(dir, 'data'))).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}');
  });

  it.runIf(posix)('tightens a file someone loosened, on read and on write', async () => {
    const dir = tempFolder();
    const path = join(dir, 'accounts.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    const file = privateFile(path);
    expect(new TextDecoder().decode(await file.read())).toBe('old');
    expect(modeOf(path)).toBe(0o600);
    chmodSync(path, 0o666);
    await file.write(new TextEncoder().encode('new'));
    expect(modeOf(path)).toBe(0o600);
  });

  it('replaces the file whole, through a temporary file it does not leave behind', async () => {
    const dir = tempFolder();
    const path = join(dir, 'accounts.json');
    const file = privateFile(path);
    await file.write(new TextEncoder().encode('first version, rather long'));
    const inodeBefore = statSync(path).ino;
    await file.write(new TextEncoder().encode('second'));
    expect(readFileSync(path, 'utf8')).toBe('second');
    // A rename puts a new file in place; writing in place would keep the inode (and could
    // leave a half-written file after a crash).
    if (posix) expect(statSync(path).ino).not.toBe(inodeBefore);
    expect(readdirSync(dir)).toEqual(['accounts.json']);
  });

  it('says where and why when it cannot write, and leaves what was there', async () => {
    const dir = tempFolder();
    // A folder where the file should be: the rename over it fails (as root too, unlike modes).
    const path = join(dir, 'accounts.json');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'kept');
    await expect(privateFile(path).write(new TextEncoder().encode('lost'))).rejects.toThrow(
      `Could not save sync accounts to ${path}: EISDIR`,
    );
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual(['accounts.json']);
  });

  it('holds a credential store: the token is in the file only as the store wrote it', async () => {
    const dir = tempFolder();
    const path = join(dir, 'accounts.json');
    const record = {
      service: 'miniflux' as const,
      serverUrl: 'http://127.0.0.1:8080',
      apiUrl: 'http://127.0.0.1:8080',
      username: 'alice',
      auth: 'token-123',
      allowPrivateHost: '127.0.0.1',
    };
    await createCredentialStore(privateFile(path)).put('id-1', record);
    if (posix) expect(modeOf(path)).toBe(0o600);
    expect(await createCredentialStore(privateFile(path)).get('id-1')).toEqual(record);
  });
});
