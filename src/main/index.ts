import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  autoUpdater,
  BrowserWindow,
  dialog,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { createCredentialStore } from './accounts/credential-store';
import { privateFile } from './accounts/private-file';
import { createDispatcher } from './api/dispatch';
import { createExtractPool } from './articles/extract-pool';
import { createCore, userAgent } from './core';
import { desktopCapabilities } from './desktop/capabilities';
import { createLinkIntake } from './desktop/link-intake';
import { createLinkQueue } from './desktop/link-queue';
import { createDesktopWords, desktopLanguageHandler } from './desktop/desktop-words';
import { createPreferencesStore } from './desktop/preferences-store';
import { UPDATE_URL_VARIABLE, updateFeed } from './desktop/update-feed';
import { createDesktopPresence, type DesktopPresence } from './shell/desktop-presence';
import { trackerHostText } from './privacy/trackers';
import type * as ElectronUpdater from 'electron-updater';
import { buildMenuTemplate } from './shell/app-menu';
import { deepLinkHandlers, startDeepLinks, type DeepLinks } from './shell/deep-links';
import { registerIpc, sendEvent } from './shell/ipc';
import { createNotifier } from './shell/notifier';
import { safeStorageSeal } from './shell/safe-storage-seal';
import { createSystemNetGuard, NET_PARTITION } from './shell/system-net';
import { hardenSession, hardenWindow } from './shell/security';
import { createUpdater, messageBoxAnnouncer } from './shell/updater';
import { buildWindowOptions } from './shell/window-options';
import { loadWindowState, trackWindowState } from './shell/window-state-store';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();
let mainWindow: BrowserWindow | undefined;
let presence: DesktopPresence | undefined;
// Links and files the system hands us wait here until the window takes them.
const linkQueue = createLinkQueue(() => sendEvent(mainWindow, 'desktop.linksWaiting', {}));
let deepLinks: DeepLinks | undefined;
let started = false;

// A second launch focuses the running window instead of opening a second copy of the library.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Before `ready`: macOS may deliver the launching link or file at once.
  deepLinks = startDeepLinks({
    app,
    intake: createLinkIntake(linkQueue, nodeFs),
    defaultApp: process.defaultApp,
    execPath: process.execPath,
    argv: process.argv,
    cwd: process.cwd(),
    // Before start the window is on its way anyway.
    reveal: () => started && showWindow(),
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    deepLinks?.secondInstance(argv, workingDirectory);
    // The window may be hidden in the dock or the tray.
    if (started) showWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

function start(): void {
  const version = app.getVersion();
  started = true;
  deepLinks?.claimProtocols();
  // Built beside this bundle by electron-vite (the `extract-worker` input).
  const extractor = createExtractPool({ script: join(__dirname, 'extract-worker.js') });
  const preferences = createPreferencesStore();
  // Main's own words (menus, tray, update dialogs): the system's language until the page says.
  const words = createDesktopWords(app.getPreferredSystemLanguages());
  const capabilities = desktopCapabilities(process.platform, app.isPackaged);
  // electron-updater is required only when a check is due: while updates are off, never. A
  // plain require: its autoUpdater is a getter Node's import() does not see as an export.
  const updater = createUpdater({
    load: async () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('electron-updater') as typeof ElectronUpdater).autoUpdater,
    preferences,
    unsupported: capabilities.updates ? undefined : 'Only an installed Broadsheet updates itself.',
    feed: updateFeed(process.env[UPDATE_URL_VARIABLE]),
    currentVersion: version,
    emit: (status) => sendEvent(mainWindow, 'updates.status', status),
    announce: messageBoxAnnouncer(
      (options) =>
        mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options),
      words.say,
    ),
    say: words.say,
    // electron-updater closes the windows before 'before-quit': a window that hides on close
    // would hold the install back.
    beforeInstall: () => presence?.prepareToQuit(),
  });
  // Badge, tray, open at login, closing to the background (shell/desktop-presence.ts).
  presence = createDesktopPresence({
    app,
    Tray,
    Menu,
    nativeImage,
    autoUpdater,
    platform: process.platform,
    capabilities,
    env: process.env,
    homeDir: app.getPath('home'),
    execPath: process.execPath,
    fs: nodeFs,
    iconPath: join(__dirname, '../../resources/icon.png'),
    preferences,
    getWindow: () => mainWindow,
    showWindow,
    refresh: () => core.scheduler.refresh(),
    words,
  });
  // A refresh's notification (the renderer says when and what); a click opens the article.
  const notifier = createNotifier({
    Notification,
    app,
    platform: process.platform,
    focusWindow: () => showWindow(),
    emit: (name, payload) => sendEvent(mainWindow, name, payload),
    icon: join(__dirname, '../../resources/icon.png'),
    log: (message, error) => console.warn(message, error),
  });
  const core = createCore({
    // Chromium's network (system proxy, PAC, OS certificates) on a session of main's own, in
    // memory and without an HTTP cache. No standing allowance: only hosts the reader typed may
    // be on their own network. Trackers are refused at every hop, redirects included.
    net: createSystemNetGuard(
      {
        request: (options) => net.request(options),
        session: session.fromPartition(NET_PARTITION, { cache: false }),
      },
      { refuseHost: trackerHostText },
    ),
    userAgent: userAgent(version, 'electron'),
    now: Date.now,
    appInfo: { name: 'Broadsheet', version, host: 'electron', platform: process.platform },
    emit: (name, payload) => sendEvent(mainWindow, name, payload),
    extract: extractor.extract,
    // Sync accounts' sign-ins, encrypted by the system keyring and in a file only this user
    // may read; created at the first sign-in.
    credentials: createCredentialStore({
      ...privateFile(join(app.getPath('userData'), 'accounts.sealed')),
      seal: safeStorageSeal(safeStorage),
    }),
    // Automatic backups of the library (main/backups), beside the reader's other app data.
    backupsDir: join(app.getPath('userData'), 'backups'),
    // Living on the desktop: preferences and badge (presence), updates, links; notifications.
    desktop: {
      ...presence.handlers,
      ...updater.handlers,
      ...deepLinkHandlers(linkQueue),
      ...notifier,
      ...desktopLanguageHandler(words),
    },
  });
  hardenSession(session.defaultSession, { appUrl, devServerUrl });
  registerIpc(createDispatcher(core.handlers), () => mainWindow, appUrl);
  // A laptop waking up has missed its refreshes; catch up at once (back-off still applies).
  powerMonitor.on('resume', () => core.scheduler.resume());
  app.on('before-quit', () => {
    core.scheduler.dispose();
    updater.dispose();
    void extractor.close();
  });
  const setMenu = (): void =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          isMac: process.platform === 'darwin',
          appName: 'Broadsheet',
          isDev: !app.isPackaged,
          openHelp: () =>
            void shell.openExternal('https://github.com/broadsheet-reader/broadsheet'),
          checkForUpdates: capabilities.updates ? () => void updater.checkFromMenu() : undefined,
          say: words.say,
        }),
      ),
    );
  setMenu();
  words.subscribe(setMenu);
  createWindow();
  // The dock icon brings back the window that closing hid (not the one still loading at launch,
  // which shows itself once painted).
  app.on('activate', () => {
    if (!mainWindow?.webContents.isLoading()) showWindow();
  });
}

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return createWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): void {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = loadWindowState(app.getPath('userData'), workAreas);
  const options = buildWindowOptions({
    preloadPath: join(__dirname, '../preload/index.js'),
    bounds: state,
    iconPath: join(__dirname, '../../resources/icon.png'),
    devTools: !app.isPackaged,
  });
  // Electronegativity reads only an options literal here; buildWindowOptions sets
  // contextIsolation and sandbox (the smoke test asserts them on the built bundle), and a
  // middle-click (auxclick) opens no window: setWindowOpenHandler denies every one.
  const window = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  mainWindow = window;
  presence?.attachWindow(window);
  hardenWindow(window, { appUrl, devServerUrl });
  trackWindowState(window, app.getPath('userData'));
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => {
    window.show();
    sendEvent(window, 'app.ready', { at: Date.now() });
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
}
