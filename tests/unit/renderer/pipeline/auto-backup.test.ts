import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createBackupHandlers } from '@main/backups/backup-handlers';
import { createBackupStore } from '@main/backups/backup-store';
import { backUpLibrary } from '@renderer/db/backup-repository';
import { getDb } from '@renderer/db/database';
import { backUpIfDue, keepBackup, listBackups, loadBackup } from '@renderer/pipeline/auto-backup';
import { DAILY_BACKUP_MS } from '@shared/backup-model';
import type { BroadsheetApi, Handlers } from '@shared/contract';
import { storedArticle, storedFeed } from '../db/fixtures';

let root: string;
let dir: string;
let now = Date.UTC(2026, 11, 1, 9);

// The page's api answered by main's real backup handlers over a real temporary folder.
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'broadsheet-auto-backup-'));
  dir = join(root, 'backups');
  const store = createBackupStore({
    dir,
    fs: nodeFs,
    now: () => now,
    randomHex: () => crypto.randomUUID().replace(/-/g, ''),
  });
  const dispatch = createDispatcher(createBackupHandlers(store) as Handlers, () => undefined);
  const api: BroadsheetApi = {
    invoke: (method, params) => dispatch(method, params) as never,
    on: () => () => undefined,
  };
  (window as { broadsheet?: BroadsheetApi }).broadsheet = api;
});

afterEach(async () => {
  const db = getDb();
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) await table.clear();
  });
});

// Every test awaited its backups, so nothing writes to the folder any more.
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('automatic backups', () => {
  it('sends a file of several chunks to main and reads the same bytes back', async () => {
    const db = getDb();
    await db.feeds.put(storedFeed('f1'));
    // About 1.2 MB of articles: two chunks each way.
    const body = `<p>${'x'.repeat(20_000)}</p>`;
    await db.articles.bulkPut(
      Array.from({ length: 60 }, (_, i) =>
        storedArticle(`f1|${i}`, { feedId: 'f1', contentHtml: body }),
      ),
    );
    const file = await backUpLibrary(db, { images: false });
    expect(file.size).toBeGreaterThan(1024 * 1024);
    const entry = await keepBackup(file, { reason: 'daily' });
    expect(entry).toMatchObject({ reason: 'daily', articles: 60, images: false, size: file.size });
    expect((await listBackups())[0]).toEqual(entry);

    const back = await loadBackup(entry);
    // Compared as text: a deep equality over a million bytes takes longer than the backup.
    expect(back.size).toBe(file.size);
    expect((await back.text()) === (await file.text())).toBe(true);
  });

  it('keeps a daily backup only when one is due, and never of an empty library', async () => {
    const before = readdirSync(dir).length;
    now += 2 * DAILY_BACKUP_MS;
    expect(await backUpIfDue(now)).toBe(false);
    expect(readdirSync(dir)).toHaveLength(before);

    await getDb().feeds.put(storedFeed('f1'));
    expect(await backUpIfDue(now)).toBe(true);
    expect(await backUpIfDue(now + DAILY_BACKUP_MS - 1)).toBe(false);
    now += DAILY_BACKUP_MS;
    expect(await backUpIfDue(now)).toBe(true);
    expect(readdirSync(dir)).toHaveLength(before + 2);
  });
});
