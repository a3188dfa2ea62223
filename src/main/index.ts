import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  Menu,
  Notification,
  powerMonitor,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { createCredentialStore } from './accounts/credential-store';
import { privateFile } from './accounts/private-file';
import { createDispatcher } from './api/dispatch';
import { createExtractPool } from './articles/extract-pool';
import { createCore, userAgent } from './core';
import { browserDesktopHandlers } from './desktop/desktop-handlers';
import { createLinkQueue } from './desktop/link-queue';
import { trackerHostReason } from './privacy/trackers';
import { createNetGuard } from './net/guarded-fetch';
import { buildMenuTemplate } from './shell/app-menu';
import { registerIpc, sendEvent } from './shell/ipc';
import { createNotifier } from './shell/notifier';
import { safeStorageSeal } from './shell/safe-storage-seal';
import { hardenSession, hardenWindow } from './shell/security';
import { buildWindowOptions } from './shell/window-options';
import { loadWindowState, trackWindowState } from './shell/window-state-store';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();
let mainWindow: BrowserWindow | undefined;

// A second launch focuses the running window instead of opening a second copy of the library.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
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
  // A refresh's notification (the renderer says when and what); a click opens the article.
  const notifier = createNotifier({
    Notification,
    app,
    platform: process.platform,
    focusWindow: () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    },
    emit: (name, payload) => sendEvent(mainWindow, name, payload),
    icon: join(__dirname, '../../resources/icon.png'),
    log: (message, error) => console.warn(message, error),
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
    // Provisional: the lead composes every helper's desktop handlers at merge.
    desktop: {
      ...browserDesktopHandlers(
        createLinkQueue(() => sendEvent(mainWindow, 'desktop.linksWaiting', {})),
      ),
      ...notifier,
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
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
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
