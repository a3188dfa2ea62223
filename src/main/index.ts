import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  autoUpdater,
  BrowserWindow,
  Menu,
  nativeImage,
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
import { browserDesktopHandlers } from './desktop/desktop-handlers';
import { createLinkQueue } from './desktop/link-queue';
import { createPreferencesStore } from './desktop/preferences-store';
import { createDesktopPresence, type DesktopPresence } from './shell/desktop-presence';
import { trackerHostReason } from './privacy/trackers';
import { createNetGuard } from './net/guarded-fetch';
import { buildMenuTemplate } from './shell/app-menu';
import { registerIpc, sendEvent } from './shell/ipc';
import { safeStorageSeal } from './shell/safe-storage-seal';
import { hardenSession, hardenWindow } from './shell/security';
import { buildWindowOptions } from './shell/window-options';
import { loadWindowState, trackWindowState } from './shell/window-state-store';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();
let mainWindow: BrowserWindow | undefined;
// The reader's desktop choices as the renderer last handed them over (badge, tray, login, updates).
const desktopPreferences = createPreferencesStore();
let presence: DesktopPresence | undefined;

// A second launch focuses the running window instead of opening a second copy of the library.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show(); // it may be hidden in the dock or the tray
    mainWindow.focus();
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
  // Built beside this bundle by electron-vite (the `extract-worker` input).
  const extractor = createExtractPool({ script: join(__dirname, 'extract-worker.js') });
  presence = createDesktopPresence({
    app,
    Tray,
    Menu,
    nativeImage,
    autoUpdater,
    platform: process.platform,
    env: process.env,
    homeDir: app.getPath('home'),
    execPath: process.execPath,
    fs: nodeFs,
    iconPath: join(__dirname, '../../resources/icon.png'),
    preferences: desktopPreferences,
    getWindow: () => mainWindow,
    showWindow,
    refresh: () => core.scheduler.refresh(),
  });
  const core = createCore({
    // No standing allowance: only hosts the reader typed may be on their own network.
    // Tracker hosts are refused at every connection, redirects of feeds and pages included.
    net: createNetGuard({ refuseHost: trackerHostReason }),
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
    // Provisional until the lead composes every helper's desktop handlers.
    desktop: {
      ...browserDesktopHandlers(
        createLinkQueue(() => sendEvent(mainWindow, 'desktop.linksWaiting', {})),
      ),
      ...presence.handlers,
    },
  });
  hardenSession(session.defaultSession, { appUrl, devServerUrl });
  registerIpc(createDispatcher(core.handlers), () => mainWindow, appUrl);
  // A laptop waking up has missed its refreshes; catch up at once (back-off still applies).
  powerMonitor.on('resume', () => core.scheduler.resume());
  app.on('before-quit', () => {
    core.scheduler.dispose();
    void extractor.close();
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        isMac: process.platform === 'darwin',
        appName: 'Broadsheet',
        isDev: !app.isPackaged,
        openHelp: () => void shell.openExternal('https://github.com/broadsheet-reader/broadsheet'),
      }),
    ),
  );
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
  const window = new BrowserWindow(
    buildWindowOptions({
      preloadPath: join(__dirname, '../preload/index.js'),
      bounds: state,
      iconPath: join(__dirname, '../../resources/icon.png'),
      devTools: !app.isPackaged,
    }),
  );
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
