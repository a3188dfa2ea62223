/** The `backups.*` contract methods over the backup store; core.ts spreads them in. */
import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { BackupStore } from './backup-store';

export type BackupHandlers = Pick<
  Handlers,
  | 'backups.begin'
  | 'backups.append'
  | 'backups.finish'
  | 'backups.abort'
  | 'backups.list'
  | 'backups.read'
>;

export function createBackupHandlers(store: BackupStore): BackupHandlers {
  return {
    'backups.begin': (params) => store.begin(params),
    'backups.append': async ({ uploadId, offset, bytes }) => {
      await store.append(uploadId, offset, bytes);
      return null;
    },
    'backups.finish': ({ uploadId }) => store.finish(uploadId),
    'backups.abort': async ({ uploadId }) => {
      await store.abort(uploadId);
      return null;
    },
    'backups.list': async () => ({ backups: await store.list() }),
    'backups.read': ({ id, offset, length }) => store.read(id, offset, length),
  };
}

/** Where no backups folder was given (the CLI, tests, a host run with them off): each says so. */
export function unsupportedBackupHandlers(): BackupHandlers {
  const unsupported = async (): Promise<never> => {
    throw new AppError('unsupported', 'main.backup.unsupported');
  };
  return {
    'backups.begin': unsupported,
    'backups.append': unsupported,
    'backups.finish': unsupported,
    'backups.abort': unsupported,
    'backups.list': unsupported,
    'backups.read': unsupported,
  };
}
