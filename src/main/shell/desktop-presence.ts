import type {
  App,
  AutoUpdater,
  BrowserWindow,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  Tray,
} from 'electron';
import type { AutostartFs } from '../desktop/autostart-entry';
import type { DesktopCapabilities } from '../../shared/desktop-model';
import type { DesktopHandlers } from '../desktop/desktop-handlers';
import type { DesktopWords } from '../desktop/desktop-words';
import { followPreferences } from '../desktop/follow-preferences';
import { preferencesHandler } from '../desktop/preferences-handler';
import type { PreferencesStore } from '../desktop/preferences-store';
import { createBadge } from './badge';
import { closeToBackground } from './close-to-background';
import { createLoginItem } from './login-item';
import { createTrayIcon } from './tray';

/** Drawn from the app icon; Windows and Linux panels scale it down to their own size. */
const TRAY_ICON_PX = 32;

export interface DesktopPresenceDeps {
  app: App;
  Tray: new (image: NativeImage) => Tray;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  nativeImage: {
    createFromPath(path: string): NativeImage;
    createFromDataURL(dataUrl: string): NativeImage;
  };
  autoUpdater: AutoUpdater;
  platform: NodeJS.Platform;
  /** What this system can do (desktop/capabilities.ts), worked out once by the shell. */
  capabilities: DesktopCapabilities;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  execPath: string;
  fs: AutostartFs;
  /** The app's icon (a PNG), for the tray. */
  iconPath: string;
  /** The reader's choices as the renderer hands them over (shared with the updater). */
  preferences: PreferencesStore;
  getWindow: () => BrowserWindow | undefined;
  /** Brings the window back (shown, focused), making it if there is none. */
  showWindow: () => void;
  /** Refresh every feed now (the scheduler). */
  refresh: () => void;
  /** Main's words in the interface language (the tray's menu, the overlay's count). */
  words: DesktopWords;
  logError?: (message: string, error: unknown) => void;
}

export interface DesktopPresence {
  /** The `desktop.preferences` and `desktop.badge` answers for createCore. */
  handlers: Pick<DesktopHandlers, 'desktop.preferences' | 'desktop.badge'>;
  /** Every new window: its close button follows the close policy; the overlay goes on it. */
  attachWindow(window: BrowserWindow): void;
  /** Lets the windows close for a quit that closes them before 'before-quit' (an update). */
  prepareToQuit(): void;
}

/**
 * How Broadsheet lives on the desktop: the unread badge, the optional tray icon, opening at
 * login and closing to the background. The decisions are in main/desktop (plain Node, tested);
 * this passes Electron's objects in.
 */
export function createDesktopPresence(deps: DesktopPresenceDeps): DesktopPresence {
  const { app } = deps;
  const { capabilities } = deps;
  const tray = createTrayIcon({
    createTray: () =>
      new deps.Tray(
        deps.nativeImage
          .createFromPath(deps.iconPath)
          .resize({ width: TRAY_ICON_PX, height: TRAY_ICON_PX }),
      ),
    buildMenu: (template) => deps.Menu.buildFromTemplate(template),
    platform: deps.platform,
    actions: { open: deps.showWindow, refresh: deps.refresh, quit: () => app.quit() },
    words: deps.words,
  });
  const badge = createBadge({
    app,
    imageFromDataUrl: (dataUrl) => deps.nativeImage.createFromDataURL(dataUrl),
    getWindow: deps.getWindow,
    kind: capabilities.badge,
    onCount: (count) => tray.setCount(count),
    say: deps.words.say,
    logError: deps.logError,
  });
  const closing = closeToBackground({
    app,
    autoUpdater: deps.autoUpdater,
    platform: deps.platform,
    trayShown: () => tray.isShown(),
  });
  followPreferences(deps.preferences, capabilities, {
    tray,
    loginItem: createLoginItem({
      app,
      platform: deps.platform,
      fs: deps.fs,
      env: deps.env,
      homeDir: deps.homeDir,
      execPath: deps.execPath,
    }),
    logError: deps.logError,
  });
  return {
    handlers: { ...preferencesHandler(deps.preferences, capabilities), ...badge.handlers },
    attachWindow(window) {
      closing.attach(window);
      badge.reapply();
    },
    prepareToQuit: () => closing.prepareToQuit(),
  };
}
