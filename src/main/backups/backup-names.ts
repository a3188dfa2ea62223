/**
 * An automatic backup's file name holds when and why it was made, so the folder alone says
 * what each file is (nothing beside it to lose or to fall out of step), and the names sort by
 * date: auto-2026-12-06T11-53-49-123Z-daily.json,
 * auto-2026-12-06T11-53-49-123Z-before-upgrade-from-4.json.
 *
 * Anything else in the folder (a temporary file of a write cut short, a file the reader put
 * there) is not an automatic backup: never listed, never read, never pruned.
 */
import type { BackupWhy } from '../../shared/backup-model';

const NAME =
  /^auto-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(daily|before-upgrade-from-([1-9]\d{0,3}))\.json$/;

export type BackupName = BackupWhy & { createdAt: number };

export function backupFileName(named: BackupName): string {
  const stamp = new Date(named.createdAt).toISOString().replace(/:/g, '-').replace('.', '-');
  const why = named.reason === 'daily' ? 'daily' : `before-upgrade-from-${named.fromVersion}`;
  return `auto-${stamp}-${why}.json`;
}

/** What a file name says, or undefined when it is not an automatic backup's. */
export function parseBackupFileName(name: string): BackupName | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, ms, why, from] = match;
  const createdAt = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!, +ms!);
  if (Number.isNaN(createdAt) || backupFileName(parsedOf(createdAt, why!, from)) !== name) {
    return undefined;
  }
  return parsedOf(createdAt, why!, from);
}

function parsedOf(createdAt: number, why: string, from: string | undefined): BackupName {
  return why === 'daily'
    ? { createdAt, reason: 'daily' }
    : { createdAt, reason: 'before-upgrade', fromVersion: Number(from) };
}
