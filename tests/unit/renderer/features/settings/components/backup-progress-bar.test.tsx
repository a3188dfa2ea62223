import { afterEach, describe, expect, it } from 'vitest';
import { BackupProgressBar } from '@renderer/features/settings/components/backup-progress-bar';
import { translate } from '@renderer/i18n/current-locale';
import { getByRole, mount } from '../../../support/dom';

let unmount = () => undefined as void;
afterEach(() => unmount());

describe('the backup progress bar', () => {
  it('is a progressbar named for its task, with its rows counted and the step in words', () => {
    ({ unmount } = mount(
      <BackupProgressBar task="restore" progress={{ phase: 'write', done: 1250, total: 40000 }} />,
    ));
    const bar = getByRole(
      document.body,
      'progressbar',
      translate('settings.backup.progress.restore'),
    );
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuenow')).toBe('1250');
    expect(bar.getAttribute('aria-valuemax')).toBe('40000');
    expect(bar.getAttribute('aria-valuetext')).toBe('Replacing the library… 1,250 of 40,000');
    expect(document.body.textContent).toContain('Replacing the library… 1,250 of 40,000');
  });

  it('names a backup as one, and never says more done than there is', () => {
    ({ unmount } = mount(
      <BackupProgressBar task="backUp" progress={{ phase: 'backUp', done: 12, total: 10 }} />,
    ));
    const bar = getByRole(
      document.body,
      'progressbar',
      translate('settings.backup.progress.backUp'),
    );
    expect(bar.getAttribute('aria-valuenow')).toBe('10');
    expect(bar.getAttribute('aria-valuetext')).toBe('Backing up… 10 of 10');
  });
});
