import { describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createBackupHandlers, unsupportedBackupHandlers } from '@main/backups/backup-handlers';
import { MAX_BACKUP_CHUNK_BYTES } from '@shared/backup-model';
import type { Handlers } from '@shared/contract';
import { dexieExport, setup } from './backup-fixtures';

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

describe('without a backups folder', () => {
  it('every backup method says automatic backups are not kept', async () => {
    const dispatch = createDispatcher(unsupportedBackupHandlers() as unknown as Handlers);
    for (const [method, params] of [
      ['backups.list', {}],
      ['backups.begin', { reason: 'daily', size: 10 }],
      ['backups.read', { id: 'auto-2026-12-01T08-00-00-000Z-daily.json', offset: 0, length: 1 }],
    ] as const) {
      expect(await dispatch(method, params)).toEqual({
        ok: false,
        error: {
          code: 'unsupported',
          message: 'Automatic backups are not kept by this Broadsheet.',
          text: { id: 'main.backup.unsupported' },
        },
      });
    }
  });
});
