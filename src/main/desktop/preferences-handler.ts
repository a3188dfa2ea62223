import type { DesktopCapabilities } from '../../shared/desktop-model';
import type { DesktopHandlers } from './desktop-handlers';
import type { PreferencesStore } from './preferences-store';

/**
 * `desktop.preferences`: keeps the reader's choices where the tray, the login item and the
 * updater follow them (preferences-store.ts), and tells the renderer what this system can do so
 * it shows only the options that apply.
 */
export function preferencesHandler(
  store: PreferencesStore,
  capabilities: DesktopCapabilities,
): Pick<DesktopHandlers, 'desktop.preferences'> {
  return {
    'desktop.preferences': async (preferences) => {
      store.set(preferences);
      return capabilities;
    },
  };
}
