import { mkdtempSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createBackupHandlers } from '@main/backups/backup-handlers';
import { createBackupStore } from '@main/backups/backup-store';
import { backUpLibrary } from '@renderer/db/backup-repository';
import { getDb } from '@renderer/db/database';
import { deleteLibrary } from '@renderer/db/open-library';
import { createDb } from '@renderer/db/schema';
import { DB_NAME } from '@renderer/db/versions';
import { LibraryGate } from '@renderer/features/recovery/components/library-gate';
import { AppError } from '@shared/result';
import {
  click,
  getByRole,
  mount,
  queryAllByRole,
  waitFor,
  type Mounted,
} from '../../../support/dom';
import { installMainBridge } from '../../../support/main-bridge';
import { storedArticle, storedFeed } from '../../../db/fixtures';

let mounted: Mounted | undefined;
const realOpen = indexedDB.open.bind(indexedDB);
const realDelete = indexedDB.deleteDatabase.bind(indexedDB);

afterEach(async () => {
  mounted?.unmount();
  mounted = undefined;
  indexedDB.open = realOpen;
  indexedDB.deleteDatabase = realDelete;
  getDb().close();
  await deleteLibrary();
  document.body.innerHTML = '';
});

/** Main's real backup handlers over a fresh temporary folder. */
function backupsInMain() {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-gate-'));
  // After afterEach has unmounted the gate: nothing reads or writes backups any more.
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const store = createBackupStore({
    dir: join(root, 'backups'),
    fs: nodeFs,
    now: Date.now,
    randomHex: () => crypto.randomUUID().replace(/-/g, ''),
  });
  installMainBridge(createBackupHandlers(store));
  return store;
}

/** A library written by the app at schema `version`, with one feed and `articles` articles. */
async function libraryAt(version: number, articles: number) {
  const db = createDb(DB_NAME, version);
  await db.open();
  await db.table('feeds').put(storedFeed('f1'));
  for (let i = 0; i < articles; i++) {
    await db.table('articles').put(storedArticle(`f1|${i}`, { feedId: 'f1' }));
  }
  return db;
}

const app = <p>The app</p>;
const appShown = () => document.body.textContent?.includes('The app') ?? false;

describe('the library gate', () => {
  it('offers the newest backup for a library that cannot be opened, and restores it after asking', async () => {
    const store = backupsInMain();
    const db = await libraryAt(5, 3);
    const file = await backUpLibrary(db);
    const { uploadId } = await store.begin({ reason: 'daily', size: file.size });
    await store.append(uploadId, 0, new Uint8Array(await file.arrayBuffer()));
    await store.finish(uploadId);
    db.close();
    // The browser fails to open the library (a damaged backing store) until it is deleted.
    let broken = true;
    indexedDB.open = ((name: string, version?: number) => {
      if (name !== DB_NAME || !broken) return realOpen(name, version);
      const request = {
        error: new DOMException('Internal error opening backing store', 'UnknownError'),
      } as unknown as IDBOpenDBRequest;
      setTimeout(() => request.onerror?.(new Event('error')), 0);
      return request;
    }) as typeof indexedDB.open;
    indexedDB.deleteDatabase = (name: string) => {
      if (name === DB_NAME) broken = false;
      return realDelete(name);
    };
    mounted = mount(<LibraryGate>{app}</LibraryGate>);
    await waitFor(
      () =>
        queryAllByRole(document.body, 'heading', 'Broadsheet cannot open your library').length > 0,
      'the offer',
    );
    expect(appShown()).toBe(false);
    click(getByRole(document.body, 'button', /^Restore from backup \(.+, 3 articles\)$/));
    // Restoring deletes the library the app cannot read: the reader confirms first.
    const confirm = getByRole(document.body, 'group', /Restoring deletes the library/);
    click(getByRole(confirm, 'button', 'Delete and restore'));
    await waitFor(appShown, 'the app');
    expect(getByRole(document.body, 'status').textContent).toContain('3 articles');
    expect(await getDb().articles.count()).toBe(3);
  });

  it('offers the backup of a library that went empty, named by its minute and article count', async () => {
    const store = backupsInMain();
    const db = await libraryAt(5, 1);
    const file = await backUpLibrary(db);
    const { uploadId } = await store.begin({ reason: 'daily', size: file.size });
    await store.append(uploadId, 0, new Uint8Array(await file.arrayBuffer()));
    await store.finish(uploadId);
    db.close();
    await deleteLibrary();
    mounted = mount(<LibraryGate>{app}</LibraryGate>);
    await waitFor(
      () => queryAllByRole(document.body, 'heading', 'Your library is empty').length > 0,
      'the offer',
    );
    expect(document.body.textContent).toContain(
      'There are no feeds and no articles in the library stored here. Broadsheet keeps automatic backups in its data folder; the newest is from ',
    );
    // One article, in the singular: the count is an ICU plural, not a glued "article(s)".
    getByRole(
      document.body,
      'button',
      /^Restore from backup \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}, 1 article\)$/,
    );
    click(getByRole(document.body, 'button', 'Start with an empty library'));
    await waitFor(appShown, 'the app');
  });

  it('refuses to upgrade when the copy before it fails, until the reader says otherwise', async () => {
    installMainBridge({
      'backups.begin': async () => {
        throw new AppError('internal', 'main.error.untranslated', {
          message: 'Could not start a backup in /data/backups: EACCES',
        });
      },
    });
    (await libraryAt(4, 2)).close();
    mounted = mount(<LibraryGate>{app}</LibraryGate>);
    await waitFor(() => queryAllByRole(document.body, 'alert').length > 0, 'the refusal');
    const alert = getByRole(document.body, 'alert');
    expect(alert.textContent).toContain('Your library was not upgraded');
    expect(alert.textContent).toContain('EACCES');
    expect(appShown()).toBe(false);
    const names = await indexedDB.databases();
    expect(names.find((n) => n.name === DB_NAME)?.version).toBe(40);

    click(getByRole(document.body, 'button', 'Upgrade without a copy'));
    await waitFor(appShown, 'the app');
  });

  it('upgrades anyway when the disk is full, and says so', async () => {
    installMainBridge({
      'backups.begin': async () => {
        throw new AppError('no-space', 'main.error.untranslated', {
          message: 'Could not start a backup: the disk is full (/data).',
        });
      },
    });
    (await libraryAt(4, 2)).close();
    mounted = mount(<LibraryGate>{app}</LibraryGate>);
    await waitFor(appShown, 'the app');
    expect(getByRole(document.body, 'alert').textContent).toContain(
      'Broadsheet upgraded your library without keeping a copy first: Could not start a backup: the disk is full',
    );
  });
});
