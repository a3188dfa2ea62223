import { useId } from 'react';
import { DEFAULT_DESKTOP_PREFERENCES, type DesktopPreferences } from '@shared/desktop-model';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import { useDesktopCapabilities } from '../../../lib/desktop-capabilities';
import { useSetting } from '../hooks/use-settings';

const BADGE_CHOICES: [DesktopPreferences['badge'], MessageId][] = [
  ['all', 'settings.desktop.badgeAll'],
  ['notify', 'settings.desktop.badgeNotify'],
  ['none', 'settings.desktop.badgeNone'],
];

/**
 * The unread count, the tray and opening at login. Each option shows only where this host can
 * do it (the browser host has the title and nothing else; macOS has no tray).
 */
export function DesktopSettings() {
  const t = useT();
  const id = useId();
  const [stored, save] = useSetting('desktop');
  const desktop = stored ?? DEFAULT_DESKTOP_PREFERENCES;
  const can = useDesktopCapabilities();
  const onIcon = can !== undefined && can.badge !== 'none';
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('settings.desktop.heading')}</h3>
      <div className="settings-field">
        <label htmlFor={`${id}-badge`}>{t('settings.desktop.badge')}</label>
        <select
          id={`${id}-badge`}
          aria-describedby={`${id}-badge-where`}
          value={desktop.badge}
          onChange={(e) => save({ badge: e.target.value as DesktopPreferences['badge'] })}
        >
          {BADGE_CHOICES.map(([value, text]) => (
            <option key={value} value={value}>
              {t(text)}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-badge-where`} className="settings-hint">
        {t(onIcon ? 'settings.desktop.badgeOnIcon' : 'settings.desktop.badgeInTitle')}
      </p>
      {can?.tray && (
        <label className="settings-check">
          <input
            type="checkbox"
            checked={desktop.tray}
            onChange={(e) => save({ tray: e.target.checked })}
          />
          {t('settings.desktop.tray')}
        </label>
      )}
      {can?.openAtLogin && (
        <label className="settings-check">
          <input
            type="checkbox"
            checked={desktop.openAtLogin}
            onChange={(e) => save({ openAtLogin: e.target.checked })}
          />
          {t('settings.desktop.openAtLogin')}
        </label>
      )}
    </section>
  );
}
