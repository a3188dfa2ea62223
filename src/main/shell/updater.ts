import type { DesktopSay } from '../desktop/desktop-words';
import type { AppUpdater } from 'electron-updater';
import type { UpdateStatus } from '../../shared/desktop-model';
import { AppError } from '../../shared/result';
import type { DesktopHandlers } from '../desktop/desktop-handlers';
import type { PreferencesStore } from '../desktop/preferences-store';
import type { UpdateFeed } from '../desktop/update-feed';
import {
  announcement,
  manualCheckAnswer,
  nextAutomaticCheck,
  statusAfter,
  type Announcement,
  type UpdaterEvent,
} from '../desktop/update-policy';

/** The part of electron-updater's autoUpdater this module uses (a stand-in in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  disableWebInstaller: boolean;
  allowDowngrade: boolean;
  logger: {
    info(message?: unknown): void;
    warn(message?: unknown): void;
    error(message?: unknown): void;
  } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  /** Its result carries the background download's promise while autoDownload is on. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(): void;
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-not-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', listener: (info: { percent: number }) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error, message?: string) => void): unknown;
}

// electron-updater's own autoUpdater must fit the stand-in's shape (checked by tsc, no runtime).
export const asUpdaterLike = (updater: AppUpdater): UpdaterLike => updater;

export type UpdateHandlers = Pick<
  DesktopHandlers,
  'updates.check' | 'updates.install' | 'updates.current'
>;

export interface UpdaterOptions {
  /**
   * Loads electron-updater's autoUpdater. Called only when a check is to run (updates on, an
   * installed package): loading it reads app-update.yml and touches Electron, so while updates
   * are off it is never even loaded.
   */
  load: () => Promise<UpdaterLike>;
  preferences: PreferencesStore;
  /** Why this copy cannot update itself (not installed, no updater for the system), if so. */
  unsupported?: string;
  feed: UpdateFeed;
  currentVersion: string;
  /** Pushes the status to the renderer (`updates.status`). */
  emit: (status: UpdateStatus) => void;
  /** What the menu's check says once settled; resolves true when the reader chose to restart. */
  announce: (announcement: Announcement) => Promise<boolean>;
  /** Main's words in the interface language, for the announcement. */
  say: DesktopSay;
  /**
   * Called just before quitAndInstall. electron-updater closes the windows before `before-quit`
   * fires, so a window that hides on close (macOS, the tray) must learn first that this is a
   * real quit, or the update would never install.
   */
  beforeInstall?: () => void;
  now?: () => number;
  log?: (message: string) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface Updater {
  handlers: UpdateHandlers;
  /** The menu's "Check for updates…": checks (or joins a check) and says how it ended. */
  checkFromMenu(): Promise<void>;
  dispose(): void;
}

/**
 * electron-updater carried out by the policy (desktop/update-policy.ts): checks on the policy's
 * clock while updates are on, downloads what it finds, installs at quit or on "Restart to
 * update". The download's signature and checksum are electron-updater's to verify (the sha512
 * the feed lists, the Windows publisher, macOS's code signature); nothing here relaxes them.
 */
export function createUpdater(options: UpdaterOptions): Updater {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.info(`[updates] ${message}`));
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const unsupported =
    options.unsupported ?? (options.feed.kind === 'refused' ? options.feed.reason : undefined);

  let status: UpdateStatus = { state: 'idle' };
  let startedAt = now();
  let lastCheckAt: number | undefined;
  let lastCheckedAt: number | undefined;
  /** Whether the running check was asked for: its outcome is shown. */
  let manual = false;
  let running: Promise<void> | undefined;
  let updater: Promise<UpdaterLike> | undefined;
  let timer: unknown;
  let disposed = false;

  const current = (): UpdateStatus => {
    if (unsupported !== undefined) return { state: 'unsupported', reason: unsupported };
    if (options.preferences.current()?.updates === 'off' && status.state !== 'ready')
      return { state: 'off' };
    return status;
  };

  const install = async (): Promise<void> => {
    if (status.state !== 'ready' || !updater) return;
    const instance = await updater;
    options.beforeInstall?.();
    instance.quitAndInstall();
  };

  const apply = (event: UpdaterEvent): void => {
    if (event.type === 'none' || event.type === 'available') lastCheckedAt = now();
    const next = statusAfter(status, event, { manual, now: now(), lastCheckedAt });
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    status = next;
    options.emit(current());
    schedule();
  };

  const schedule = (): void => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (disposed) return;
    const due = nextAutomaticCheck({
      preferences: options.preferences.current(),
      supported: unsupported === undefined,
      status,
      startedAt,
      lastCheckAt,
    });
    if (due === undefined) return;
    timer = setTimer(
      () => {
        timer = undefined;
        void check(false);
      },
      Math.max(0, due - now()),
    );
  };

  const loaded = (): Promise<UpdaterLike> => {
    updater ??= options.load().then((instance) => {
      instance.logger = { info: log, warn: log, error: log };
      // Found updates download in the background and install at quit, unless the reader
      // restarts first; turning updates off stops that too (see the preferences listener).
      instance.autoDownload = true;
      instance.autoInstallOnAppQuit = true;
      // We publish full installers only: a web installer's payload may carry no signature, and
      // an older version is never "an update" (a feed rolled back cannot walk us backwards).
      instance.disableWebInstaller = true;
      instance.allowDowngrade = false;
      if (options.feed.kind === 'generic')
        instance.setFeedURL({ provider: 'generic', url: options.feed.url });
      instance.on('checking-for-update', () => apply({ type: 'checking' }));
      instance.on('update-not-available', () => apply({ type: 'none' }));
      instance.on('update-available', (info) =>
        apply({ type: 'available', version: info.version }),
      );
      instance.on('download-progress', (info) =>
        apply({ type: 'progress', percent: info.percent }),
      );
      instance.on('update-downloaded', (info) =>
        apply({ type: 'downloaded', version: info.version }),
      );
      instance.on('error', (error) => apply({ type: 'error', message: String(error?.message) }));
      return instance;
    });
    return updater;
  };

  const check = (asked: boolean): Promise<void> => {
    if (running) {
      // A reader's check joining an automatic one makes its outcome worth showing.
      manual ||= asked;
      return running;
    }
    manual = asked;
    lastCheckAt = now();
    apply({ type: 'checking' });
    running = (async () => {
      try {
        const result = await (await loaded()).checkForUpdates();
        // A failed download is also told by an 'error' event; left alone, its promise would be
        // an unhandled rejection, which in Electron's main process is an error dialog.
        result?.downloadPromise?.catch(() => undefined);
      } catch (error) {
        // electron-updater also emits 'error' for a failed check; this covers a failed load.
        apply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      } finally {
        running = undefined;
      }
      // A check that ended without a verdict (the updater declined to run) must not spin forever.
      if (status.state === 'checking')
        apply({ type: 'error', message: 'The updater gave no answer.' });
      schedule();
    })();
    return running;
  };

  const stopPreferences = options.preferences.subscribe((next, previous) => {
    if (next.updates === previous?.updates) return;
    if (next.updates === 'auto') startedAt = now();
    void updater?.then((instance) => {
      instance.autoInstallOnAppQuit = next.updates === 'auto';
    });
    options.emit(current());
    schedule();
  });
  schedule();

  const manualAnswer = () => manualCheckAnswer(options.preferences.current(), unsupported, status);

  return {
    handlers: {
      'updates.current': async () => current(),
      'updates.check': async () => {
        const answer = manualAnswer();
        if (answer && answer.state !== 'checking') return answer;
        await check(true);
        return current();
      },
      'updates.install': async () => {
        if (status.state !== 'ready' || !updater)
          throw new AppError('unsupported', 'main.update.notReady');
        await install();
        return null;
      },
    },
    async checkFromMenu() {
      let settled = manualAnswer();
      if (!settled || settled.state === 'checking') {
        await check(true);
        settled = current();
      }
      const said = announcement(settled, options.currentVersion, options.say);
      if (!said) return;
      const restart = await options.announce(said);
      if (restart) await install();
    },
    dispose() {
      disposed = true;
      stopPreferences();
      schedule();
    },
  };
}

/** Electron's message box, as much of it as an announcement needs. */
export type ShowMessageBox = (options: {
  type: 'info' | 'error';
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}) => Promise<{ response: number }>;

/** The menu check's outcome as a native message box; "Restart to update" when one is ready. */
export function messageBoxAnnouncer(show: ShowMessageBox, say: DesktopSay) {
  return async (said: Announcement): Promise<boolean> => {
    const buttons = said.offerRestart
      ? [say('main.desktop.update.restart'), say('main.desktop.update.later')]
      : [say('main.desktop.update.ok')];
    const { response } = await show({
      type: said.kind,
      message: said.message,
      detail: said.detail,
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
    });
    return said.offerRestart === true && response === 0;
  };
}
