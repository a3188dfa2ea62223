import type { DesktopCapabilities, DesktopPreferences } from '../../shared/desktop-model';
import type { PreferencesStore } from './preferences-store';

export interface PreferenceFollowers {
  /** Shows or removes the tray icon. */
  tray?: { setShown(shown: boolean): void };
  /** Makes the system start (or not start) Broadsheet at login. */
  loginItem?: { set(openAtLogin: boolean): Promise<void> };
  logError?: (message: string, error: unknown) => void;
}

/**
 * The tray and the login item follow the reader's choices as the renderer hands them over,
 * only where this system has them, and only when the choice changed (the first word counts as
 * a change: the system is brought in line with the library's setting at every start).
 */
export function followPreferences(
  store: PreferencesStore,
  capabilities: DesktopCapabilities,
  followers: PreferenceFollowers,
): () => void {
  const log = followers.logError ?? ((message, error) => console.error(message, error));
  return store.subscribe((next: DesktopPreferences, previous?: DesktopPreferences) => {
    if (capabilities.tray && next.tray !== previous?.tray) followers.tray?.setShown(next.tray);
    if (capabilities.openAtLogin && next.openAtLogin !== previous?.openAtLogin) {
      followers.loginItem
        ?.set(next.openAtLogin)
        .catch((error: unknown) => log('Could not change opening at login:', error));
    }
  });
}
