import { describe, expect, it } from 'vitest';
import { backupFileName, parseBackupFileName } from '@main/backups/backup-names';

describe('backup file names', () => {
  it('round-trips when and why, and sorts by date', () => {
    const daily = { createdAt: Date.UTC(2026, 0, 2, 3, 4, 5, 6), reason: 'daily' as const };
    const upgrade = {
      createdAt: Date.UTC(2026, 10, 2),
      reason: 'before-upgrade' as const,
      fromVersion: 4,
    };
    expect(backupFileName(daily)).toBe('auto-2026-01-02T03-04-05-006Z-daily.json');
    expect(parseBackupFileName(backupFileName(daily))).toEqual(daily);
    expect(parseBackupFileName(backupFileName(upgrade))).toEqual(upgrade);
    expect([backupFileName(upgrade), backupFileName(daily)].sort()[0]).toBe(backupFileName(daily));
  });

  it('knows nothing else as an automatic backup', () => {
    for (const name of [
      'upload-0000000000000001.tmp',
      'auto-2026-01-02T03-04-05-006Z-daily.json.tmp',
      'auto-2026-13-02T03-04-05-006Z-daily.json',
      'auto-2026-01-02T03-04-05-006Z-weekly.json',
      'auto-2026-01-02T03-04-05-006Z-before-upgrade-from-0.json',
      '../auto-2026-01-02T03-04-05-006Z-daily.json',
      'broadsheet-backup-2026-01-02.json',
    ]) {
      expect(parseBackupFileName(name), name).toBeUndefined();
    }
  });
});
