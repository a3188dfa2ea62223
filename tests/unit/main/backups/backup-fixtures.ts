import { mkdtempSync, rmSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createBackupStore, type BackupFs } from '@main/backups/backup-store';
import type { BackupWhy } from '@shared/backup-model';

/** A file as dexie-export-import writes it (head, then rows). */
export function dexieExport(articles: number, { images = false, version = 5 } = {}): Uint8Array {
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

/** A store over a fresh folder, removed when the calling test ends (so call it inside a test). */
export function setup(fs: BackupFs = nodeFs) {
  const root = mkdtempSync(join(tmpdir(), 'broadsheet-backups-'));
  onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'backups');
  let now = Date.UTC(2026, 11, 1, 8, 0, 0);
  let n = 0;
  const store = createBackupStore({
    dir,
    fs,
    now: () => now,
    randomHex: () => (++n).toString(16).padStart(16, '0'),
    logError: () => undefined,
  });
  const write = async (bytes: Uint8Array, why: BackupWhy = { reason: 'daily' }, chunk = 100) => {
    const { uploadId } = await store.begin({ ...why, size: bytes.byteLength });
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
