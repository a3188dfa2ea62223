/**
 * Automatic backups of the library, kept by main in the app's data folder (main/backups): the
 * same file Settings → Back up library saves, sent to main in chunks (never one giant message),
 * and read back the same way to restore one.
 *
 * `startAutoBackup` keeps one daily: at start when the newest is older than a day (or there is
 * none), and again while the app stays open. The gate (features/recovery) takes one before
 * every schema upgrade through `keepBackup`.
 */
import { DAILY_BACKUP_MS, type BackupEntry, type BackupWhy } from '@shared/backup-model';
import type { MethodName, MethodParams, MethodResult } from '@shared/contract';
import { AppError } from '@shared/result';
import { getApi } from '../api/broadsheet-api';
import { unwrap } from '../api/unwrap';
import { backUpLibrary } from '../db/backup-repository';
import { getDb } from '../db/database';
import { getSetting } from '../db/settings-repository';
import { whenListPainted } from '../lib/list-painted';
import { translate } from '../i18n/current-locale';
import { errorText } from '../i18n/localized-error';

/** Bytes per message: well under the contract's bound, and small enough to keep the page live. */
const CHUNK_BYTES = 1024 * 1024;
/** How often an open app asks whether the daily backup is due. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

async function call<K extends MethodName>(
  method: K,
  params: MethodParams<K>,
): Promise<MethodResult<K>> {
  // AppError's code tells a full disk, or a host that keeps no backups, from the rest.
  return unwrap(await getApi().invoke(method, params));
}

/** Sends a backup file to main, chunk by chunk; main keeps it only once it is whole. */
export async function keepBackup(file: Blob, why: BackupWhy): Promise<BackupEntry> {
  const { uploadId } = await call('backups.begin', { ...why, size: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
      const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
      await call('backups.append', { uploadId, offset, bytes });
    }
    return await call('backups.finish', { uploadId });
  } catch (error) {
    // Main drops a failed upload itself; this covers a failure on this side (a read error).
    await getApi()
      .invoke('backups.abort', { uploadId })
      .catch(() => undefined);
    throw error;
  }
}

/** Every automatic backup, newest first. */
export async function listBackups(): Promise<BackupEntry[]> {
  return (await call('backups.list', {})).backups;
}

/** One automatic backup's file, read back in chunks. */
export async function loadBackup(entry: Pick<BackupEntry, 'id' | 'size'>): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const { bytes, size } = await call('backups.read', {
      id: entry.id,
      offset,
      length: CHUNK_BYTES,
    });
    if (bytes.byteLength === 0) break;
    parts.push(new Uint8Array(bytes));
    offset += bytes.byteLength;
    if (offset >= size) break;
  }
  return new Blob(parts, { type: 'application/json' });
}

/** Whether a library has anything to keep (an empty one would only push real backups out). */
async function holdsSomething(): Promise<boolean> {
  const db = getDb();
  // The first key of each, not a count: counting walks every article row.
  return (
    (await db.feeds.limit(1).primaryKeys()).length > 0 ||
    (await db.articles.limit(1).primaryKeys()).length > 0
  );
}

let lastFailure: unknown;
/** What went wrong with the last automatic backup this session, if it failed, in words now. */
export function lastAutoBackupFailure(): string | undefined {
  return lastFailure === undefined ? undefined : errorText(lastFailure, translate);
}

/** Makes the daily backup when it is due; true when one was written. */
export async function backUpIfDue(now = Date.now()): Promise<boolean> {
  const newest = (await listBackups())[0];
  // A newest dated ahead of now was made while the clock ran ahead: not a reason to wait.
  if (newest && newest.createdAt <= now && now - newest.createdAt < DAILY_BACKUP_MS) return false;
  if (!(await holdsSomething())) return false;
  const { includeImages } = await getSetting('backups');
  await keepBackup(await backUpLibrary(getDb(), { images: includeImages }), { reason: 'daily' });
  return true;
}

/**
 * Keeps the daily backup while the app runs; returns the stop function. It waits for the first
 * list paint (exporting reads the whole library) and never runs twice at once.
 */
export function startAutoBackup(): () => void {
  let stopped = false;
  let running = false;
  const check = async () => {
    if (stopped || running) return;
    running = true;
    try {
      await backUpIfDue();
      lastFailure = undefined;
    } catch (error) {
      // A host that keeps no automatic backups (switched off) says so once: stop asking.
      if (error instanceof AppError && error.code === 'unsupported') {
        clearInterval(timer);
        return;
      }
      lastFailure = error;
      console.warn('Automatic backup failed:', error);
    } finally {
      running = false;
    }
  };
  void whenListPainted().then(check);
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
