import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dexieExport, setup } from './backup-fixtures';
import { createBackupStore, type BackupFs } from '@main/backups/backup-store';

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
    const entry = await write(dexieExport(2, { version: 4 }), {
      reason: 'before-upgrade',
      fromVersion: 4,
    });
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
    // The killed process's open file, closed here only so the test leaves nothing open.
    await first.store.abort(uploadId);
  });

  it('at start deletes only its own temporary files, never the reader’s', async () => {
    const { dir, store } = setup();
    await store.list();
    writeFileSync(join(dir, 'upload-00000000000000aa.tmp'), 'cut short');
    writeFileSync(join(dir, 'my-notes.tmp'), 'mine');
    const next = createBackupStore({ dir, fs: nodeFs, now: Date.now, randomHex: () => 'ab' });
    await next.list();
    expect(readdirSync(dir)).toEqual(['my-notes.tmp']);
  });

  it('takes a backup made while the clock ran ahead as the oldest: the next one lists first', async () => {
    const { write, store, advance } = setup();
    advance(30 * DAY);
    const ahead = await write(dexieExport(1));
    advance(-30 * DAY);
    const now = await write(dexieExport(2));
    expect((await store.list()).map((e) => e.id)).toEqual([now.id, ahead.id]);
    // Seven more days of real backups push the one from the future out first.
    const later = [];
    for (let i = 0; i < 6; i++) {
      advance(DAY);
      later.push(await write(dexieExport(3)));
    }
    const ids = (await store.list()).map((e) => e.id);
    expect(ids).toHaveLength(7);
    expect(ids).not.toContain(ahead.id);
    expect(ids).toContain(now.id);
  });

  it('two backups finished in the same millisecond both stay, under names of their own', async () => {
    const { dir, store } = setup();
    const bytes = dexieExport(1);
    const begun = await Promise.all(
      [0, 1].map(() => store.begin({ reason: 'daily', size: bytes.byteLength })),
    );
    for (const { uploadId } of begun) await store.append(uploadId, 0, bytes);
    const [a, b] = await Promise.all(begun.map(({ uploadId }) => store.finish(uploadId)));
    expect(a!.id).not.toBe(b!.id);
    expect(readdirSync(dir).sort()).toEqual([a!.id, b!.id].sort());
    expect((await store.list()).map((e) => e.id).sort()).toEqual([a!.id, b!.id].sort());
  });

  it('holds at most 4 uploads open, and drops one left idle for 10 minutes', async () => {
    const { dir, store, advance } = setup();
    const open = [];
    for (let i = 0; i < 4; i++) open.push(await store.begin({ reason: 'daily', size: 10 }));
    await expect(store.begin({ reason: 'daily', size: 10 })).rejects.toThrow(
      'Too many backups are being written at once.',
    );
    advance(10 * 60 * 1000);
    await expect(store.begin({ reason: 'daily', size: 10 })).rejects.toThrow('Too many');
    advance(1);
    const next = await store.begin({ reason: 'daily', size: 10 });
    // The four abandoned uploads and their files are gone; only the new one is open.
    expect(readdirSync(dir)).toEqual([`upload-${next.uploadId}.tmp`]);
    await expect(store.append(open[0]!.uploadId, 0, new Uint8Array(1))).rejects.toThrow(
      'This backup is no longer being written',
    );
    await store.abort(next.uploadId);
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

  it('refuses a backup larger than the room left on the disk before writing any of it', async () => {
    const { dir, write } = setup({
      ...nodeFs,
      statfs: async () => ({ bavail: 10, bsize: 4096 }),
    });
    const failed = write(new Uint8Array(10 * 4096 + 1));
    await expect(failed).rejects.toMatchObject({ code: 'no-space' });
    expect(readdirSync(dir)).toEqual([]);
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
