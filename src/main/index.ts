import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  Menu,
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
import { createLinkIntake } from './desktop/link-intake';
import { createLinkQueue } from './desktop/link-queue';
import { trackerHostReason } from './privacy/trackers';
import { createNetGuard } from './net/guarded-fetch';
import { buildMenuTemplate } from './shell/app-menu';
import { deepLinkHandlers, startDeepLinks, type DeepLinks } from './shell/deep-links';
import { registerIpc, sendEvent } from './shell/ipc';
import { safeStorageSeal } from './shell/safe-storage-seal';
import { hardenSession, hardenWindow } from './shell/security';
import { buildWindowOptions } from './shell/window-options';
import { loadWindowState, trackWindowState } from './shell/window-state-store';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererFile = join(__dirname, '../renderer/index.html');
const appUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();
let mainWindow: BrowserWindow | undefined;
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
    reveal: () => {
      // Before start the window is on its way anyway.
      if (!started) return;
      if (!mainWindow) return createWindow();
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    },
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    deepLinks?.secondInstance(argv, workingDirectory);
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
  started = true;
  deepLinks?.claimProtocols();
  // Built beside this bundle by electron-vite (the `extract-worker` input).
  const extractor = createExtractPool({ script: join(__dirname, 'extract-worker.js') });
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
    // Provisional until the lead composes the desktop handlers: links from the shell's queue.
    desktop: { ...browserDesktopHandlers(linkQueue), ...deepLinkHandlers(linkQueue) },
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
