import type { App, AutoUpdater, BrowserWindow } from 'electron';
import { closeAction } from '../desktop/close-policy';

export interface CloseToBackgroundDeps {
  app: Pick<App, 'on'>;
  /** Electron's autoUpdater: a quit for an update closes the windows before `before-quit`. */
  autoUpdater?: Pick<AutoUpdater, 'on'>;
  platform: NodeJS.Platform;
  trayShown: () => boolean;
}

export interface CloseToBackground {
  /** Makes the window's close button hide it while the app should live on. */
  attach(window: Pick<BrowserWindow, 'on' | 'hide'>): void;
  quitting(): boolean;
  /** A quit is coming that closes the windows first (an update's install): let them close. */
  prepareToQuit(): void;
}

/**
 * Closing the window keeps Broadsheet refreshing where the reader expects it to live on (macOS;
 * Windows and Linux with the tray icon): the window is hidden, never closed, because the page
 * is what stores each refresh. A real quit (menu, tray, Cmd+Q, an update, logging out) sets the
 * flag first, so the close goes through and the app ends.
 */
export function closeToBackground(deps: CloseToBackgroundDeps): CloseToBackground {
  let quitting = false;
  const quit = (): void => {
    quitting = true;
  };
  deps.app.on('before-quit', quit);
  // electron-updater's quitAndInstall emits this on Electron's autoUpdater before closing the
  // windows; without it the hidden-on-close window would hold the update back.
  deps.autoUpdater?.on('before-quit-for-update', quit);
  return {
    attach(window) {
      window.on('close', (event) => {
        const action = closeAction({
          platform: deps.platform,
          quitting,
          trayShown: deps.trayShown(),
        });
        if (action === 'close') return;
        event.preventDefault();
        window.hide();
      });
    },
    quitting: () => quitting,
    prepareToQuit: quit,
  };
}
