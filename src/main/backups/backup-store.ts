/**
 * The automatic backups folder: files arrive in chunks (backups.begin / append / finish), are
 * checked, and become backups in one rename; the newest KEEP_AUTOMATIC_BACKUPS stay.
 *
 * Kill-safe: a backup is written to a temporary file in the same folder, flushed to disk
 * (fsync) and only then renamed to its name, so a backup on the list is always whole. A
 * temporary file left by a kill is never listed (its name is no backup's) and is deleted the
 * next time the store starts. The file system and the clock are passed in (tests use real
 * temporary folders, and a file system that runs out of space on cue).
 */
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { KEEP_AUTOMATIC_BACKUPS, type BackupEntry } from '../../shared/backup-model';
import type { ValidParams } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { HEADER_BYTES, readBackupHeader } from './backup-header';
import { backupFileName, parseBackupFileName, type BackupName } from './backup-names';

/** What the store uses of `node:fs/promises`. */
export interface BackupFs {
  mkdir(path: string, options: { recursive: true; mode?: number }): Promise<unknown>;
  open(path: string, flags: string, mode?: number): Promise<FileHandle>;
  readdir(path: string): Promise<string[]>;
  chmod(path: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
  stat(path: string): Promise<{ size: number }>;
  /** Free room on the folder's disk, where the platform tells (Node's fs.statfs). */
  statfs?(path: string): Promise<{ bavail: number; bsize: number }>;
}

export interface BackupStoreDeps {
  dir: string;
  fs: BackupFs;
  now: () => number;
  /** Random hex for upload ids and temporary names. */
  randomHex: () => string;
  logError?: (message: string, error: unknown) => void;
}

export type BeginBackup = ValidParams<'backups.begin'>;

export interface BackupStore {
  begin(request: BeginBackup): Promise<{ uploadId: string }>;
  append(uploadId: string, offset: number, bytes: Uint8Array): Promise<void>;
  finish(uploadId: string): Promise<BackupEntry>;
  abort(uploadId: string): Promise<void>;
  /** Every automatic backup whose head can be read, newest first. */
  list(): Promise<BackupEntry[]>;
  read(id: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }>;
}

type Upload = BeginBackup & {
  temporary: string;
  handle: FileHandle;
  written: number;
  touchedAt: number;
  /** One step at a time per upload: a chunk never overtakes another, or a finish. */
  busy: boolean;
};

/** Uploads open at once (a window or two making a backup); more is a misbehaving caller. */
const MAX_OPEN_UPLOADS = 4;
/** An upload not heard from for this long was abandoned (its page went away): dropped. */
const ABANDONED_MS = 10 * 60 * 1000;
/** What `begin` names an upload's file: only these are ours to delete at start. */
const TEMPORARY = /^upload-[0-9a-f]{16,64}\.tmp$/;
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function createBackupStore(deps: BackupStoreDeps): BackupStore {
  const { dir, fs } = deps;
  const log = deps.logError ?? ((message, error) => console.error(message, error));
  const uploads = new Map<string, Upload>();
  // Naming, renaming and pruning are one step at a time for the whole folder: two windows
  // finishing together must neither take one name nor prune the other's new backup.
  let saving: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(step: () => Promise<T>): Promise<T> => {
    const run = saving.then(step, step);
    saving = run.catch(() => undefined);
    return run;
  };

  // Once per start: temporary files of writes a kill or a power cut interrupted go.
  let started: Promise<void> | undefined;
  const start = () =>
    (started ??= (async () => {
      await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
      // A folder made looser since (by hand, a copy) holds the library again only for this user.
      await fs.chmod(dir, DIR_MODE);
      for (const name of await fs.readdir(dir)) {
        if (TEMPORARY.test(name)) await fs.rm(join(dir, name), { force: true });
      }
    })().catch((error: unknown) => {
      started = undefined;
      throw failure('prepare', error, dir);
    }));

  const drop = async (uploadId: string) => {
    const upload = uploads.get(uploadId);
    if (!upload) return;
    uploads.delete(uploadId);
    await upload.handle.close().catch(() => undefined);
    await fs.rm(upload.temporary, { force: true }).catch(() => undefined);
  };

  const take = (uploadId: string): Upload => {
    const upload = uploads.get(uploadId);
    if (!upload) {
      throw new AppError('invalid-params', 'main.backup.notWriting');
    }
    if (upload.busy) throw new AppError('invalid-params', 'main.backup.oneByOne');
    upload.busy = true;
    upload.touchedAt = deps.now();
    return upload;
  };

  const entryOf = async (name: string): Promise<BackupEntry | undefined> => {
    const named = parseBackupFileName(name);
    if (!named) return undefined;
    const path = join(dir, name);
    const head = await readAt(path, 0, HEADER_BYTES);
    const header = readBackupHeader(head.bytes);
    if (!header) return undefined;
    return { id: name, ...named, ...header, size: head.size };
  };

  const readAt = async (path: string, offset: number, length: number) => {
    const handle = await fs.open(path, 'r');
    try {
      const { size } = await handle.stat();
      const bytes = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(
          bytes,
          filled,
          bytes.length - filled,
          offset + filled,
        );
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return { bytes: bytes.subarray(0, filled), size };
    } finally {
      await handle.close();
    }
  };

  /**
   * The automatic backups among `names`, newest first. One dated after now was made while the
   * clock ran ahead: it counts as older than every other, so it neither holds off the daily
   * backup until its date comes nor outlives the backups made since.
   */
  const automatic = (names: string[]): string[] => {
    const now = deps.now();
    const dated = names.flatMap((name) => {
      const named = parseBackupFileName(name);
      return named ? [{ name, at: named.createdAt }] : [];
    });
    dated.sort((a, b) => Number(a.at > now) - Number(b.at > now) || b.at - a.at);
    return dated.map((d) => d.name);
  };

  const prune = async (keep: string, names: string[]) => {
    const others = names.filter((name) => name !== keep);
    const kept = new Set([keep, ...others.slice(0, KEEP_AUTOMATIC_BACKUPS - 1)]);
    for (const name of names) {
      if (!kept.has(name)) await fs.rm(join(dir, name), { force: true });
    }
  };

  return {
    async begin(request) {
      await start();
      const now = deps.now();
      for (const [id, upload] of uploads) {
        if (!upload.busy && now - upload.touchedAt > ABANDONED_MS) await drop(id);
      }
      if (uploads.size >= MAX_OPEN_UPLOADS) {
        throw new AppError('invalid-params', 'main.backup.tooMany');
      }
      // A backup that cannot fit fails at once, before a byte is written: the reader (or the
      // upgrade waiting on it) learns now, and the disk is not filled to the last byte.
      const free = await fs.statfs?.(dir).catch(() => undefined);
      if (free && free.bavail * free.bsize < request.size) {
        throw failure('start', Object.assign(new Error('no room'), { code: 'ENOSPC' }), dir);
      }
      const uploadId = deps.randomHex();
      const temporary = join(dir, `upload-${uploadId}.tmp`);
      let handle: FileHandle;
      try {
        handle = await fs.open(temporary, 'wx', FILE_MODE);
      } catch (error) {
        throw failure('start', error, dir);
      }
      uploads.set(uploadId, {
        ...request,
        temporary,
        handle,
        written: 0,
        touchedAt: now,
        busy: false,
      });
      return { uploadId };
    },

    async append(uploadId, offset, bytes) {
      const upload = take(uploadId);
      try {
        if (offset !== upload.written) {
          throw new AppError('invalid-params', 'main.backup.wrongOffset', {
            offset: String(offset),
            next: String(upload.written),
          });
        }
        // (The contract bounds each chunk.)
        if (offset + bytes.byteLength > upload.size) {
          throw new AppError('invalid-params', 'main.backup.tooLong');
        }
        try {
          let done = 0;
          while (done < bytes.byteLength) {
            const { bytesWritten } = await upload.handle.write(
              bytes,
              done,
              bytes.byteLength - done,
            );
            done += bytesWritten;
          }
        } catch (error) {
          // Nothing of a failed backup stays: no half-written file, and no room held.
          await drop(uploadId);
          throw failure('write', error, dir);
        }
        upload.written += bytes.byteLength;
      } finally {
        upload.busy = false;
      }
    },

    async finish(uploadId) {
      const upload = take(uploadId);
      try {
        if (upload.written !== upload.size) {
          throw new AppError('invalid-params', 'main.backup.incomplete', {
            written: String(upload.written),
            size: String(upload.size),
          });
        }
        // On disk before the rename, so a power cut cannot leave a short file under the name.
        try {
          await upload.handle.sync();
          await upload.handle.close();
        } catch (error) {
          throw failure('write', error, dir);
        }
        const head = await readAt(upload.temporary, 0, HEADER_BYTES);
        const header = readBackupHeader(head.bytes);
        if (!header) {
          throw new AppError('invalid-params', 'main.backup.notABackup');
        }
        const entry = await oneAtATime(async () => {
          const existing = await fs.readdir(dir);
          // The same millisecond twice must not replace the first backup.
          const why =
            upload.reason === 'daily'
              ? ({ reason: 'daily' } as const)
              : ({ reason: 'before-upgrade', fromVersion: upload.fromVersion } as const);
          let named: BackupName = { ...why, createdAt: deps.now() };
          while (existing.includes(backupFileName(named))) {
            named = { ...named, createdAt: named.createdAt + 1 };
          }
          const name = backupFileName(named);
          try {
            await fs.rename(upload.temporary, join(dir, name));
            await syncFolder(fs, dir);
          } catch (error) {
            throw failure('save', error, dir);
          }
          uploads.delete(uploadId);
          // A failed prune keeps an extra backup: worth a log line, not a failed backup.
          await prune(name, automatic([...existing, name])).catch((error: unknown) =>
            log('Could not prune old backups', error),
          );
          return { id: name, ...named, ...header, size: upload.size };
        });
        return entry;
      } catch (error) {
        await drop(uploadId);
        throw error;
      } finally {
        upload.busy = false;
      }
    },

    async abort(uploadId) {
      await drop(uploadId);
    },

    async list() {
      await start();
      const entries: BackupEntry[] = [];
      for (const name of automatic(await fs.readdir(dir))) {
        // A file that went between the listing and the reading, or cannot be read: not listed.
        const entry = await entryOf(name).catch(() => undefined);
        if (entry) entries.push(entry);
      }
      return entries;
    },

    async read(id, offset, length) {
      if (!parseBackupFileName(id)) {
        throw new AppError('invalid-params', 'main.backup.noSuchBackup');
      }
      try {
        return await readAt(join(dir, id), offset, length);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new AppError('invalid-params', 'main.backup.gone');
        }
        throw failure('read', error, dir);
      }
    },
  };
}

/** The rename itself reaches the disk once the folder is flushed (POSIX; Windows refuses). */
async function syncFolder(fs: BackupFs, dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform can open or flush a folder; the file itself is flushed already.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** What the store was doing when the disk failed, as `doing` in the messages below. */
type Doing = 'prepare' | 'start' | 'write' | 'save' | 'read';

function failure(doing: Doing, error: unknown, dir: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('no-space', 'main.backup.diskFull', { doing, dir });
  }
  return new AppError('internal', 'main.backup.diskFailed', {
    doing,
    dir,
    detail: code ?? String(error),
  });
}
