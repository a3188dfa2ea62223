import { peakImportFile } from 'dexie-export-import';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteLibrary, exportLibraryAt, inspectLibrary } from '@renderer/db/open-library';
import { createDb } from '@renderer/db/schema';
import { putSetting } from '@renderer/db/settings-repository';
import { DB_NAME, LATEST_VERSION } from '@renderer/db/versions';
import { storedArticle, storedFeed } from './fixtures';

afterEach(async () => {
  await deleteLibrary();
});

/** The stored IndexedDB version, read without changing anything (Dexie's N is N × 10). */
async function storedVersion(): Promise<number | undefined> {
  const names = await indexedDB.databases();
  return names.find((info) => info.name === DB_NAME)?.version;
}

/** A library written by the app at schema `version`, with one feed and its article. */
async function libraryAt(version: number, { images = false } = {}): Promise<void> {
  const db = createDb(DB_NAME, version);
  await db.open();
  await db.table('feeds').put(storedFeed('f1'));
  await db.table('articles').put(storedArticle('f1|1', { feedId: 'f1' }));
  if (images) await putSetting('backups', { includeImages: true }, db);
  db.close();
}

describe('inspectLibrary', () => {
  it('calls a missing library empty, and does not create one by looking', async () => {
    expect(await inspectLibrary()).toEqual({ kind: 'empty' });
    expect(await storedVersion()).toBeUndefined();
  });

  it('calls a library at the latest version with something in it ready', async () => {
    await libraryAt(LATEST_VERSION);
    expect(await inspectLibrary()).toEqual({ kind: 'ready' });
  });

  it('calls a library with no feeds and no articles empty, whatever its version', async () => {
    const db = createDb(DB_NAME, 2);
    await db.open();
    db.close();
    expect(await inspectLibrary()).toEqual({ kind: 'empty' });
  });

  it('says an older library needs an upgrade, and leaves it at its version', async () => {
    await libraryAt(4);
    expect(await inspectLibrary()).toEqual({ kind: 'needs-upgrade', from: 4 });
    expect(await storedVersion()).toBe(40);
  });

  it('says a library of a newer Broadsheet is newer, and never changes it', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, (LATEST_VERSION + 1) * 10);
      request.onupgradeneeded = () => request.result.createObjectStore('feeds', { keyPath: 'id' });
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    expect(await inspectLibrary()).toEqual({ kind: 'newer', version: LATEST_VERSION + 1 });
    expect(await storedVersion()).toBe((LATEST_VERSION + 1) * 10);
  });

  it('says a library the browser cannot open is unreadable, with the browser’s reason', async () => {
    const broken = {
      databases: async () => [{ name: DB_NAME, version: 50 }],
      open: () => {
        const request = {
          error: new DOMException('Internal error opening backing store', 'UnknownError'),
        } as unknown as IDBOpenDBRequest;
        setTimeout(() => request.onerror?.(new Event('error')), 0);
        return request;
      },
    } as unknown as IDBFactory;
    expect(await inspectLibrary(broken)).toEqual({
      kind: 'unreadable',
      error: 'UnknownError: Internal error opening backing store',
    });
  });
});

describe('exportLibraryAt', () => {
  it('exports an older library at its own version without upgrading it', async () => {
    await libraryAt(4);
    const file = await exportLibraryAt(4);
    const meta = await peakImportFile(file);
    expect(meta.data.databaseVersion).toBe(4);
    expect(meta.data.tables.find((t) => t.name === 'articles')?.rowCount).toBe(1);
    // Images are left out unless the reader asked for them.
    expect(meta.data.tables.map((t) => t.name)).not.toContain('images');
    expect(await storedVersion()).toBe(40);
  });

  it('puts the images in when the reader asked for them', async () => {
    await libraryAt(3, { images: true });
    const meta = await peakImportFile(await exportLibraryAt(3));
    expect(meta.data.tables.map((t) => t.name)).toContain('images');
  });
});
