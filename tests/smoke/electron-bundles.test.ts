/**
 * The smoke test of what ships: the built main and preload bundles, run under Node with a
 * stand-in for Electron (electron-stand-in.ts), since Electron itself cannot start here. It
 * catches what no browser-host test sees: a module the bundle cannot find, a top-level error,
 * a wrong path to the preload or the page, a weakened web preference, a channel main and
 * preload disagree on, and an IPC sender check that lets another frame in.
 * Runs after `electron-vite build` (npm run test:e2e).
 */
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BroadsheetApi } from '@shared/contract';
import { createElectronStandIn, installElectron, type ElectronStandIn } from './electron-stand-in';

const out = resolve(__dirname, '../../out');
const mainBundle = join(out, 'main/index.js');
const preloadBundle = join(out, 'preload/index.js');
const requireBundle = createRequire(import.meta.url);

/** Loads the main bundle afresh (its module state is the app's) with `standIn` as Electron. */
function loadMain(standIn: ElectronStandIn): () => void {
  const uninstall = installElectron(standIn, join(out, 'preload'));
  delete requireBundle.cache[mainBundle];
  try {
    requireBundle(mainBundle);
  } catch (error) {
    uninstall();
    throw error;
  }
  return uninstall;
}

describe('the built Electron bundles under a stand-in Electron', () => {
  let userData: string;
  let standIn: ElectronStandIn;
  let uninstall: () => void = () => undefined;
  let api: BroadsheetApi;

  beforeAll(() => {
    if (!existsSync(mainBundle) || !existsSync(preloadBundle)) {
      throw new Error('No built bundles in out/: run `npx electron-vite build` first.');
    }
    userData = mkdtempSync(join(tmpdir(), 'broadsheet-smoke-'));
    standIn = createElectronStandIn({ userData, isPackaged: true, version: '9.8.7' });
    uninstall = loadMain(standIn);
  });

  afterAll(() => {
    // The app's own quit path: stops the scheduler and the extraction workers.
    standIn?.app.quit();
    uninstall();
    rmSync(userData, { recursive: true, force: true });
  });

  it('loads without a missing module or a top-level error, and waits for ready', () => {
    expect(standIn.callsTo('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(standIn.callsTo('app.whenReady')).toHaveLength(1);
    expect(standIn.windows).toHaveLength(0);
    expect(standIn.handlers.size).toBe(0);
  });

  it('once ready, creates exactly one window with the secure web preferences', async () => {
    await standIn.becomeReady();
    expect(standIn.windows).toHaveLength(1);
    const [{ options, url }] = standIn.windows;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A packaged app gives no way into its page's internals.
      devTools: false,
    });
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition']) {
      expect(options.webPreferences).not.toHaveProperty(risky);
    }
    // The paths main computes from its own place point at files the build wrote.
    expect(options.webPreferences?.preload).toBe(preloadBundle);
    expect(url).toBe(pathToFileURL(join(out, 'renderer/index.html')).href);
    expect(existsSync(join(out, 'renderer/index.html'))).toBe(true);
    expect(standIn.callsTo('BrowserWindow.loadURL')).toHaveLength(0);
  });

  it('registers the one IPC channel, and hardens the session and the window', () => {
    expect([...standIn.handlers.keys()]).toEqual(['broadsheet:invoke']);

    const [[onHeaders]] = standIn.callsTo('session.webRequest.onHeadersReceived') as [
      [(details: object, callback: (answer: object) => void) => void],
    ];
    let answer: { responseHeaders?: Record<string, string[]> } = {};
    onHeaders({ responseHeaders: {} }, (given) => (answer = given));
    expect(answer.responseHeaders?.['Content-Security-Policy']?.[0]).toContain(
      "default-src 'none'",
    );
    const [[onPermission]] = standIn.callsTo('session.defaultSession.setPermissionRequestHandler');
    let granted: boolean | undefined;
    (onPermission as (w: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'notifications',
      (ok) => (granted = ok),
    );
    expect(granted).toBe(false);

    const { webContents } = standIn.windows[0];
    let prevented = false;
    webContents.emit(
      'will-navigate',
      { preventDefault: () => (prevented = true) },
      'https://a.example/',
    );
    expect(prevented).toBe(true);
    expect(standIn.callsTo('shell.openExternal')).toEqual([['https://a.example/']]);
    const [[openHandler]] = standIn.callsTo('webContents.setWindowOpenHandler') as [
      [(details: { url: string }) => { action: string }],
    ];
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(standIn.callsTo('shell.openExternal')).toHaveLength(1);

    // Any web contents the app ever gets (a devtools page, say) may not attach a <webview>.
    const other = new EventEmitter();
    standIn.app.emit('web-contents-created', {}, other);
    let attachPrevented = false;
    other.emit('will-attach-webview', { preventDefault: () => (attachPrevented = true) });
    expect(attachPrevented).toBe(true);
  });

  it('sends main’s HTTP through the system’s network, on its own session without a cache', () => {
    expect(standIn.callsTo('session.fromPartition')).toContainEqual([
      'broadsheet-net',
      { cache: false },
    ]);
  });

  it('runs the preload main points at, which exposes exactly window.broadsheet', () => {
    requireBundle(standIn.windows[0].options.webPreferences!.preload!);
    expect([...standIn.exposed.keys()]).toEqual(['broadsheet']);
    api = standIn.exposed.get('broadsheet') as BroadsheetApi;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
  });

  it('answers a contract call end to end: preload → IPC → sender check → dispatcher', async () => {
    expect(await api.invoke('app.info', {})).toEqual({
      ok: true,
      value: { name: 'Broadsheet', version: '9.8.7', host: 'electron', platform: process.platform },
    });
    expect(standIn.callsTo('ipcRenderer.invoke')).toEqual([['broadsheet:invoke', 'app.info', {}]]);
    // The dispatcher validates what crossed: a malformed payload is refused by name.
    const bad = await api.invoke('opml.parse', { text: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('delivers main’s events to the page', () => {
    const seen: unknown[] = [];
    const stop = api.on('app.ready', (payload) => seen.push(payload));
    standIn.windows[0].window.emit('ready-to-show');
    expect(standIn.callsTo('BrowserWindow.show')).toHaveLength(1);
    expect(seen).toEqual([{ at: expect.any(Number) }]);
    stop();
    standIn.windows[0].window.emit('ready-to-show');
    expect(seen).toHaveLength(1);
  });

  it('refuses a call from another frame, another page or another window', async () => {
    const ours = standIn.windows[0];
    const forbidden = { ok: false, error: { code: 'forbidden' } };
    const callers = [
      { sender: ours.webContents, senderFrame: { url: 'https://evil.example/index.html' } },
      { sender: ours.webContents, senderFrame: { url: pathToFileURL('/tmp/index.html').href } },
      // The frame navigated away or closed mid-call.
      { sender: ours.webContents, senderFrame: null },
      // Another window (say, a page a link opened) showing a copy of our page.
      { sender: { id: 99 }, senderFrame: { url: ours.url } },
    ];
    try {
      for (const caller of callers) {
        standIn.callAs(caller);
        expect(await api.invoke('app.info', {})).toMatchObject(forbidden);
      }
    } finally {
      standIn.callAs(undefined);
    }
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: true });
  });

  it('wires the desktop pieces to the contract: preferences, tray, badge, notification, link', async () => {
    const preferences = { updates: 'off', badge: 'all', tray: true, openAtLogin: false } as const;
    const answer = await api.invoke('desktop.preferences', preferences);
    expect(answer).toMatchObject({ ok: true, value: { notifications: 'native' } });
    if (process.platform === 'linux' || process.platform === 'win32') {
      expect(standIn.instances.get('Tray')).toHaveLength(1);
    }

    expect(await api.invoke('desktop.badge', { count: 12 })).toEqual({ ok: true, value: null });
    if (process.platform !== 'win32') {
      await expect.poll(() => standIn.callsTo('app.setBadgeCount').at(-1)).toEqual([12]);
    }

    const opened: unknown[] = [];
    const stopOpened = api.on('desktop.openArticle', (payload) => opened.push(payload));
    const notice = { title: 'Loopback News', body: 'Harbour reopens', articleId: 'feed-1|a1' };
    expect(await api.invoke('desktop.notify', notice)).toEqual({ ok: true, value: null });
    const [shown] = standIn.instances.get('Notification') ?? [];
    expect(shown).toMatchObject({ title: 'Loopback News', body: 'Harbour reopens' });
    expect(standIn.callsTo('Notification.show')).toHaveLength(1);
    shown!.emit('click', {});
    expect(opened).toEqual([{ articleId: 'feed-1|a1' }]);
    stopOpened();

    // A second launch from a feed: link (Chromium's switches in its argv) hands the link over.
    let waiting = 0;
    const stopWaiting = api.on('desktop.linksWaiting', () => waiting++);
    const argv = ['/opt/Broadsheet/broadsheet', '--no-sandbox', 'feed:https://example.com/rss'];
    standIn.app.emit('second-instance', {}, argv, tmpdir());
    await expect.poll(() => waiting).toBe(1);
    expect(await api.invoke('desktop.takeLinks', {})).toEqual({
      ok: true,
      value: { links: [{ kind: 'subscribe', url: 'https://example.com/rss' }] },
    });
    stopWaiting();
  });

  it("names main's menus in the language the page says it speaks", async () => {
    // The application menu's top level, as last set (the tray builds menus too).
    const menuLabels = () =>
      (
        standIn.callsTo('Menu.setApplicationMenu').at(-1)![0] as { template: { label?: string }[] }
      ).template.map((item) => item.label);
    expect(menuLabels()).toContain('Edit');
    expect(await api.invoke('desktop.language', { locale: 'de' })).toEqual({
      ok: true,
      value: null,
    });
    expect(menuLabels()).toEqual(expect.arrayContaining(['Datei', 'Bearbeiten', 'Hilfe']));
    expect(standIn.callsTo('Menu.setApplicationMenu').length).toBeGreaterThan(1);
    const refused = await api.invoke('desktop.language', { locale: 'tlh' } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('used no Electron API the stand-in lacks, even where the bundle caught the error', () => {
    expect(standIn.missing).toEqual([]);
  });
});

describe('a second copy of the built app', () => {
  it('quits without a window when another copy holds the single-instance lock', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'broadsheet-smoke-'));
    const standIn = createElectronStandIn({ userData, singleInstance: false });
    const uninstall = loadMain(standIn);
    try {
      await standIn.becomeReady();
      expect(standIn.callsTo('app.quit')).toHaveLength(1);
      expect(standIn.windows).toHaveLength(0);
      expect(standIn.handlers.size).toBe(0);
    } finally {
      uninstall();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
