/**
 * The startup gate's look at the library, before anything opens it with Dexie: Dexie opened at
 * LATEST_VERSION upgrades an older library at once (no chance to keep a copy first) and fails
 * on a newer one only after the page has started using it. So the stored version is read raw
 * (an IndexedDB open with no version, which never upgrades), and the answer decides what
 * happens next (features/recovery):
 *
 * - `ready`: at LATEST_VERSION with something in it; the app opens it.
 * - `needs-upgrade {from}`: older, with something in it. A copy is taken first
 *   (`exportLibraryAt(from)`: Dexie declared only up to `from`, so nothing moves), then the
 *   app opens it at LATEST and Dexie upgrades it.
 * - `newer {version}`: made by a newer Broadsheet; never opened by Dexie, never modified.
 * - `unreadable {error}`: the raw open itself failed.
 * - `empty`: no library, or one with no feeds and no articles (whatever its version: there is
 *   nothing to lose in an upgrade).
 */
import { backUpLibrary } from './backup-repository';
import { createDb } from './schema';
import { getSetting } from './settings-repository';
import { DB_NAME, LATEST_VERSION } from './versions';
import { LocalizedError } from '../i18n/localized-error';

export type LibraryState =
  | { kind: 'ready' }
  | { kind: 'needs-upgrade'; from: number }
  | { kind: 'newer'; version: number }
  | { kind: 'unreadable'; error: string }
  | { kind: 'empty' };

/** Dexie stores version N as IndexedDB version N × 10. */
const DEXIE_FACTOR = 10;

export async function inspectLibrary(idb: IDBFactory = indexedDB): Promise<LibraryState> {
  let db: IDBDatabase | undefined;
  try {
    // Where the browser lists its databases, an absent library is known without opening one.
    const names = await idb.databases?.().catch(() => undefined);
    if (names && !names.some((info) => info.name === DB_NAME)) return { kind: 'empty' };
    db = await openRaw(idb);
  } catch (error) {
    // Storage the page may not use at all (a policy, a SecurityError) is unreadable too.
    return { kind: 'unreadable', error: describe(error) };
  }
  if (!db) return { kind: 'empty' };
  try {
    const version = Math.ceil(db.version / DEXIE_FACTOR);
    if (version > LATEST_VERSION) return { kind: 'newer', version };
    if (await holdsNothing(db)) return { kind: 'empty' };
    return version < LATEST_VERSION ? { kind: 'needs-upgrade', from: version } : { kind: 'ready' };
  } catch (error) {
    return { kind: 'unreadable', error: describe(error) };
  } finally {
    db.close();
  }
}

/**
 * The library as it is, in the backup format, opened by Dexie declared only up to `version` so
 * that nothing is upgraded. Images are in it when the reader asked for them in automatic
 * backups.
 */
export async function exportLibraryAt(version: number): Promise<Blob> {
  const db = createDb(DB_NAME, version);
  try {
    const { includeImages } = await getSetting('backups', db);
    return await backUpLibrary(db, { images: includeImages });
  } finally {
    db.close();
  }
}

/** Deletes the library (one the app cannot read, after the reader confirmed). */
export function deleteLibrary(idb: IDBFactory = indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = idb.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () =>
      reject(request.error ?? new LocalizedError('db.library.error.notDeleted'));
    // Another window holds it open: the delete waits for it; say nothing, it finishes then.
  });
}

/** The library's connection without upgrading it, or undefined when there is none. */
function openRaw(idb: IDBFactory): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    let absent = false;
    const request = idb.open(DB_NAME);
    // No library yet: an open with no version would create an empty one at version 1. Abort
    // that, so the library is created by Dexie with its real schema, or not at all.
    request.onupgradeneeded = () => {
      absent = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      if (absent) {
        event.preventDefault();
        resolve(undefined);
      } else reject(request.error ?? new LocalizedError('db.library.error.notOpened'));
    };
  });
}

/**
 * No feed and no article. Each store is asked for its first key, not counted: a count walks
 * every row, and the articles hold whole pages; the page shows nothing until this answers.
 */
async function holdsNothing(db: IDBDatabase): Promise<boolean> {
  for (const name of ['feeds', 'articles']) {
    if (!db.objectStoreNames.contains(name)) continue;
    const firstKey = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction(name, 'readonly').objectStore(name).getAllKeys(null, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () =>
        reject(request.error ?? new LocalizedError('db.library.error.notRead', { store: name }));
    });
    if (firstKey.length > 0) return false;
  }
  return true;
}

function describe(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) {
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  }
  return String(error);
}
