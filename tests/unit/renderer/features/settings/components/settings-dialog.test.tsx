import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsButton } from '@renderer/features/settings/components/settings-dialog';
import { ENGLISH } from '@renderer/i18n/catalogue';
import { switchLocale, translate } from '@renderer/i18n/current-locale';
import { PSEUDO_LOCALE } from '@shared/interface-locales';
import type { BackupEntry } from '@shared/backup-model';
import { click, getByRole, mount, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';
import { installMainBridge } from '../../../support/main-bridge';

emptyLibraryBetweenTests();

const BACKUP: BackupEntry = {
  id: 'auto-2026-12-01T08-00-00-000Z-before-upgrade-4.json',
  reason: 'before-upgrade',
  fromVersion: 4,
  createdAt: Date.UTC(2026, 11, 1, 8),
  articles: 1234,
  size: 3 * 1024 * 1024,
  schemaVersion: 5,
  images: false,
};

/** Everything the dialog says: its text, and the names and hints of its controls. */
function said(dialog: HTMLElement): string {
  const attributes = [...dialog.querySelectorAll('[aria-label],[title],[placeholder]')].map((el) =>
    ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? '').join(' '),
  );
  return [dialog.textContent ?? '', ...attributes].join('\n');
}

let unmount = () => undefined as void;

async function openSettings(): Promise<HTMLElement> {
  ({ unmount } = mount(<SettingsButton />));
  click(getByRole(document.body, 'button', translate('settings.dialog.open')));
  const dialog = getByRole(document.body, 'dialog', translate('settings.dialog.title'));
  await waitFor(
    () => said(dialog).includes(translate('settings.backup.beforeUpgrade', { version: 4 })),
    'the automatic backups',
  );
  await waitFor(() => !said(dialog).includes(translate('settings.storage.measuring')), 'storage');
  return dialog;
}

describe('the Settings dialog', () => {
  afterEach(async () => {
    unmount();
    await act(() => switchLocale('en'));
  });

  it('says nothing in English when the interface speaks another language', async () => {
    installMainBridge({
      'backups.list': async () => ({ backups: [BACKUP] }),
      'updates.current': async () => ({ state: 'idle' }),
    });
    await act(() => switchLocale(PSEUDO_LOCALE));
    const dialog = await openSettings();
    const text = said(dialog);
    // Every message of Settings' own without a value in it (those with one are checked below).
    const english = Object.entries(ENGLISH).filter(
      ([id, message]) => id.startsWith('settings.') && !message.includes('{'),
    );
    expect(english.length).toBeGreaterThan(80);
    expect(english.filter(([, message]) => text.includes(message))).toEqual([]);
    expect(text).toContain(translate('settings.updates.heading'));
    // Controls keep their labels whatever those say.
    expect(
      getByRole<HTMLSelectElement>(dialog, 'combobox', translate('settings.keep.readFor')).value,
    ).toBe('30');
    expect(
      [
        ...getByRole<HTMLSelectElement>(dialog, 'combobox', translate('settings.keep.perFeed'))
          .options,
      ].map((option) => option.textContent),
    ).toEqual(['200', '1,000', '5,000', translate('settings.keep.noLimit')]);
  });

  it('names an automatic backup by its date, and says when it holds no images', async () => {
    installMainBridge({
      'backups.list': async () => ({ backups: [BACKUP] }),
      'updates.current': async () => ({ state: 'unsupported', reason: 'Desktop app only.' }),
    });
    const dialog = await openSettings();
    const row = [...dialog.querySelectorAll('tbody tr')].find((tr) =>
      tr.textContent?.includes('Before upgrade from version 4'),
    )!;
    expect(row.textContent).toContain('1,234');
    expect(row.textContent).toContain('3 MB');
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      BACKUP.createdAt,
    );
    click(getByRole(row, 'button', `Restore the backup of ${when}`));
    expect(getByRole(dialog, 'group').textContent).toContain(
      `Replace your whole library with the automatic backup of ${when} (it holds no images: those saved here stay, the others are fetched again)? Everything stored now is removed.`,
    );
  });
});
