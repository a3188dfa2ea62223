import { useId } from 'react';
import { DEFAULT_DESKTOP_PREFERENCES, type DesktopPreferences } from '@shared/desktop-model';
import { useDesktopCapabilities } from '../../../lib/desktop-capabilities';
import { useSetting } from '../hooks/use-settings';

const BADGE_CHOICES: [DesktopPreferences['badge'], string][] = [
  ['all', 'All unread articles'],
  ['notify', 'Only feeds that notify me'],
  ['none', 'None'],
];

/**
 * The unread count, the tray and opening at login. Each option shows only where this host can
 * do it (the browser host has the title and nothing else; macOS has no tray).
 */
export function DesktopSettings() {
  const id = useId();
  const [stored, save] = useSetting('desktop');
  const desktop = stored ?? DEFAULT_DESKTOP_PREFERENCES;
  const can = useDesktopCapabilities();
  const onIcon = can !== undefined && can.badge !== 'none';
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Desktop</h3>
      <div className="settings-field">
        <label htmlFor={`${id}-badge`}>Unread count</label>
        <select
          id={`${id}-badge`}
          aria-describedby={`${id}-badge-where`}
          value={desktop.badge}
          onChange={(e) => save({ badge: e.target.value as DesktopPreferences['badge'] })}
        >
          {BADGE_CHOICES.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-badge-where`} className="settings-hint">
        {onIcon ? 'Shown on the app’s icon and in the window title.' : 'Shown in the page title.'}
      </p>
      {can?.tray && (
        <label className="settings-check">
          <input
            type="checkbox"
            checked={desktop.tray}
            onChange={(e) => save({ tray: e.target.checked })}
          />
          Show Broadsheet in the system tray; closing the window keeps it refreshing there
        </label>
      )}
      {can?.openAtLogin && (
        <label className="settings-check">
          <input
            type="checkbox"
            checked={desktop.openAtLogin}
            onChange={(e) => save({ openAtLogin: e.target.checked })}
          />
          Open Broadsheet when I log in
        </label>
      )}
    </section>
  );
}
