import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackupStore, type BackupFs } from '@main/backups/backup-store';
import { createBackupHandlers } from '@main/backups/backup-handlers';
import { createDispatcher } from '@main/api/dispatch';
import { MAX_BACKUP_CHUNK_BYTES, type BackupReason } from '@shared/backup-model';
import type { Handlers } from '@shared/contract';

/** A file as dexie-export-import writes it (head, then rows). */
function dexieExport(articles: number, { images = false, version = 5 } = {}): Uint8Array {
  const tables = [
    { name: 'feeds', schema: 'id,url,folderId', rowCount: 1 },
    { name: 'articles', schema: 'id,feedId', rowCount: articles },
    ...(images ? [{ name: 'images', schema: 'url,*articleIds', rowCount: 0 }] : []),
  ];
  const rows = Array.from({ length: articles }, (_, i) => ({ id: `a${i}`, feedId: 'f1' }));
  const text = JSON.stringify({
    formatName: 'dexie',
    formatVersion: 1,
    data: {
      databaseName: 'broadsheet',
      databaseVersion: version,
      tables,
      data: [
        { tableName: 'feeds', inbound: true, rows: [{ id: 'f1', url: 'https://a.test/' }] },
        { tableName: 'articles', inbound: true, rows },
      ],
    },
  });
  return new TextEncoder().encode(text);
}

function setup(fs: BackupFs = nodeFs) {
  const dir = join(mkdtempSync(join(tmpdir(), 'broadsheet-backups-')), 'backups');
  let now = Date.UTC(2026, 11, 1, 8, 0, 0);
  let n = 0;
  const store = createBackupStore({
    dir,
    fs,
    now: () => now,
    randomHex: () => (++n).toString(16).padStart(16, '0'),
    logError: () => undefined,
  });
  const write = async (
    bytes: Uint8Array,
    reason: BackupReason = 'daily',
    fromVersion?: number,
    chunk = 100,
  ) => {
    const { uploadId } = await store.begin({ reason, fromVersion, size: bytes.byteLength });
    for (let offset = 0; offset < bytes.byteLength; offset += chunk) {
      await store.append(uploadId, offset, bytes.subarray(offset, offset + chunk));
    }
    return store.finish(uploadId);
  };
  return {
    dir,
    store,
    write,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

const DAY = 24 * 60 * 60 * 1000;

describe('backup store', () => {
  it('writes a backup in chunks, byte for byte, and lists it with what it holds', async () => {
    const { dir, write, store, now } = setup();
    const bytes = dexieExport(3, { images: true });
    const entry = await write(bytes);
    expect(entry).toEqual({
      id: 'auto-2026-12-01T08-00-00-000Z-daily.json',
      createdAt: now(),
      reason: 'daily',
      articles: 3,
      size: bytes.byteLength,
      schemaVersion: 5,
      images: true,
    });
    expect(new Uint8Array(readFileSync(join(dir, entry.id)))).toEqual(bytes);
    expect(readdirSync(dir)).toEqual([entry.id]);
    expect(await store.list()).toEqual([entry]);
  });

  it('names why a backup was made before an upgrade, and says images were left out', async () => {
    const { write, store } = setup();
    const entry = await write(dexieExport(2, { version: 4 }), 'before-upgrade', 4);
    expect(entry).toMatchObject({
      id: 'auto-2026-12-01T08-00-00-000Z-before-upgrade-from-4.json',
      reason: 'before-upgrade',
      fromVersion: 4,
      schemaVersion: 4,
      images: false,
    });
    expect((await store.list())[0]).toEqual(entry);
  });

  it('reads a backup back in parts, and nothing past its end', async () => {
    const { write, store } = setup();
    const bytes = dexieExport(50);
    const entry = await write(bytes);
    const parts: Uint8Array[] = [];
    for (let offset = 0; ; offset += 333) {
      const part = await store.read(entry.id, offset, 333);
      expect(part.size).toBe(bytes.byteLength);
      if (part.bytes.byteLength === 0) break;
      parts.push(part.bytes);
    }
    expect(Buffer.concat(parts)).toEqual(Buffer.from(bytes));
  });

  it('keeps the newest 7 automatic backups: the 8th prunes the oldest', async () => {
    const { dir, write, store, advance } = setup();
    const written = [];
    for (let i = 0; i < 8; i++) {
      written.push(await write(dexieExport(i + 1)));
      advance(DAY);
    }
    const listed = await store.list();
    expect(listed.map((e) => e.id)).toEqual(
      written
        .slice(1)
        .map((e) => e.id)
        .reverse(),
    );
    expect(readdirSync(dir)).not.toContain(written[0]!.id);
    expect(listed.map((e) => e.articles)).toEqual([8, 7, 6, 5, 4, 3, 2]);
  });

  it('never prunes the backup just written, even when the clock went back', async () => {
    const { write, store, advance } = setup();
    for (let i = 0; i < 7; i++) {
      await write(dexieExport(1));
      advance(DAY);
    }
    advance(-30 * DAY);
    const old = await write(dexieExport(9));
    const ids = (await store.list()).map((e) => e.id);
    expect(ids).toContain(old.id);
    expect(ids).toHaveLength(7);
  });

  it('leaves files that are not automatic backups alone', async () => {
    const { dir, write, store } = setup();
    await write(dexieExport(1));
    writeFileSync(join(dir, 'my-own-backup.json'), '{}');
    expect((await store.list()).map((e) => e.id)).not.toContain('my-own-backup.json');
    expect(readdirSync(dir)).toContain('my-own-backup.json');
  });

  it('never lists a half-written file, and deletes it at the next start', async () => {
    const first = setup();
    const bytes = dexieExport(3);
    const { uploadId } = await first.store.begin({ reason: 'daily', size: bytes.byteLength });
    await first.store.append(uploadId, 0, bytes.subarray(0, 40));
    // The process is killed here: the temporary file stays on disk.
    expect(readdirSync(first.dir)).toHaveLength(1);
    expect(await first.store.list()).toEqual([]);
    const next = createBackupStore({
      dir: first.dir,
      fs: nodeFs,
      now: first.now,
      randomHex: () => 'ffffffffffffffff',
    });
    expect(await next.list()).toEqual([]);
    expect(readdirSync(first.dir)).toEqual([]);
  });

  it('refuses chunks out of order, past the announced size, and an incomplete finish', async () => {
    const { dir, store } = setup();
    const bytes = dexieExport(2);
    const { uploadId } = await store.begin({ reason: 'daily', size: bytes.byteLength });
    await expect(store.append(uploadId, 10, bytes.subarray(10, 20))).rejects.toThrow(
      'This backup chunk starts at byte 10, but byte 0 comes next.',
    );
    await expect(store.append(uploadId, 0, new Uint8Array(bytes.byteLength + 1))).rejects.toThrow(
      'This backup is longer than its announced size.',
    );
    await store.append(uploadId, 0, bytes.subarray(0, 20));
    await expect(store.finish(uploadId)).rejects.toThrow(
      `This backup is incomplete: 20 of ${bytes.byteLength} bytes arrived.`,
    );
    // The failed upload is gone, its temporary file with it.
    expect(readdirSync(dir)).toEqual([]);
    await expect(store.append(uploadId, 20, bytes.subarray(20))).rejects.toThrow(
      'This backup is no longer being written',
    );
  });

  it('refuses a file that is not a library backup, and keeps nothing of it', async () => {
    const { dir, store } = setup();
    const bytes = new TextEncoder().encode('{"hello":"world"}');
    const { uploadId } = await store.begin({ reason: 'daily', size: bytes.byteLength });
    await store.append(uploadId, 0, bytes);
    await expect(store.finish(uploadId)).rejects.toThrow(
      'This is not a Broadsheet library backup.',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says the disk is full when it is, and leaves no partial file', async () => {
    const full: BackupFs = {
      ...nodeFs,
      open: async (path, flags, mode) => {
        const handle = await nodeFs.open(path, flags, mode);
        if (flags !== 'wx') return handle;
        return Object.assign(Object.create(handle) as typeof handle, {
          write: async () => {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
          close: () => handle.close(),
        });
      },
    };
    const { dir, store, write } = setup(full);
    const failed = write(dexieExport(2));
    await expect(failed).rejects.toMatchObject({ code: 'no-space' });
    await expect(failed).rejects.toThrow('the disk is full');
    expect(readdirSync(dir)).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('reads only automatic backups by name, never a path', async () => {
    const { store } = setup();
    await expect(store.read('../accounts.json', 0, 10)).rejects.toThrow(
      'There is no automatic backup of that name.',
    );
    await expect(store.read('auto-2026-12-01T08-00-00-000Z-daily.json', 0, 10)).rejects.toThrow(
      'This backup is no longer there.',
    );
  });
});

describe('backup handlers through the dispatcher', () => {
  it('bounds every chunk and names only backups', async () => {
    const { store, write } = setup();
    const dispatch = createDispatcher(createBackupHandlers(store) as unknown as Handlers);
    const entry = await write(dexieExport(1));
    const big = await dispatch('backups.append', {
      uploadId: '0000000000000001',
      offset: 0,
      bytes: new Uint8Array(MAX_BACKUP_CHUNK_BYTES + 1),
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const path = await dispatch('backups.read', { id: '../x.json', offset: 0, length: 10 });
    expect(path).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const tooLong = await dispatch('backups.read', {
      id: entry.id,
      offset: 0,
      length: MAX_BACKUP_CHUNK_BYTES + 1,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const noVersion = await dispatch('backups.begin', { reason: 'before-upgrade', size: 10 });
    expect(noVersion).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    expect(await dispatch('backups.list', {})).toEqual({ ok: true, value: { backups: [entry] } });
  });
});
