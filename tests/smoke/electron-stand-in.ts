/**
 * A stand-in for the `electron` module, so the built bundles (out/main/index.js,
 * out/preload/index.js) run under plain Node: Electron's binary cannot be downloaded here.
 *
 * It records what the bundles ask of Electron (`calls`, `windows`, `handlers`, `exposed`) and
 * joins the two processes the way Electron does: the preload's `ipcRenderer.invoke` reaches the
 * handler main gave `ipcMain.handle` (arguments and answers structured-cloned, as over real
 * IPC), speaking as `caller` — by default our window showing the page it loaded — and
 * `webContents.send` reaches the preload's `ipcRenderer.on` listeners.
 *
 * Every object is strict: reading a member the stand-in does not provide throws (and is listed
 * in `missing`, in case the bundle swallowed the error), so new Electron use in the shell fails
 * here loudly instead of passing silently.
 *
 * To stand in for more of Electron (a shell module starts using Notification, Tray, …):
 * - add the member to its part below; parts are typed against Electron's own electron.d.ts
 *   (`part<App>(…)`), so a member Electron 45 does not have, or a wrong signature, fails tsc;
 * - wrap it in `record('app.setBadgeCount', impl)` so a test can assert on its calls
 *   (`standIn.callsTo('app.setBadgeCount')`);
 * - a class (Notification, Tray) is a `construct('Tray', (…args) => part<Tray>(…))`: each
 *   instance is an EventEmitter, recorded in `instances`, so a test can `emit('click')` on it;
 * - a whole new module goes into `mainModule` (main process) or `rendererModule` (preload);
 * - app.getPath names other than userData come from `paths`; net.fetch and sessions' fetch
 *   call `fetch` (say, Node's, against a loopback server), and refuse when none is given.
 * Packages the bundle requires (electron-updater, …) load for real and get this stand-in as
 * their `electron` too.
 */
import { lookup } from 'node:dns/promises';
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  App,
  AutoUpdater,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  ContextBridge,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  Net,
  Notification,
  NotificationConstructorOptions,
  PowerMonitor,
  Protocol,
  SafeStorage,
  Screen,
  Session,
  Shell,
  Tray,
  WebContents,
  WebRequest,
} from 'electron';

export interface Call {
  name: string;
  args: unknown[];
}

/** Who a preload's invoke speaks as: the fields of IpcMainInvokeEvent our check reads. */
export interface Caller {
  sender: unknown;
  senderFrame: { url: string } | null;
}

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type RendererListener = Parameters<IpcRenderer['on']>[1];

export interface StandInOptions {
  /** app.getPath('userData'): a temporary directory. */
  userData: string;
  /** Other app.getPath names a shell module reads ('home', 'appData', …); others throw. */
  paths?: Partial<Record<Parameters<App['getPath']>[0], string>>;
  isPackaged?: boolean;
  version?: string;
  /** What app.requestSingleInstanceLock() answers (false: another copy is running). */
  singleInstance?: boolean;
  /** Session and net fetches; by default refused, since tests never touch the internet. */
  fetch?: typeof fetch;
  /** app.getPreferredSystemLanguages(): the system's languages, most preferred first. */
  languages?: string[];
}

/** A window the main bundle created, with what it was given. */
export interface WindowRecord {
  options: BrowserWindowConstructorOptions;
  window: BrowserWindow;
  webContents: WebContents;
  /** What loadFile/loadURL was given, as the URL the page would have. */
  url: string;
}

export interface ElectronStandIn {
  mainModule: object;
  rendererModule: object;
  calls: Call[];
  callsTo(name: string): unknown[][];
  /** Members a bundle read that the stand-in does not provide ("app.setFoo"). */
  missing: string[];
  windows: WindowRecord[];
  /** Instances of stood-in classes other than BrowserWindow, by class name. */
  instances: Map<string, EventEmitter[]>;
  handlers: Map<string, Handler>;
  /** What the preload put on `window` with contextBridge. */
  exposed: Map<string, unknown>;
  app: App;
  /** Resolves app.whenReady() and emits 'ready', as Electron does once it has started. */
  becomeReady(): Promise<void>;
  /** Who the next preload invokes speak as; undefined goes back to our window's page. */
  callAs(caller: Caller | undefined): void;
}

/**
 * Electron's sandboxed preloads may require only these (docs: tutorial/sandbox); of electron,
 * only contextBridge, crashReporter, ipcRenderer, nativeImage, webFrame and webUtils.
 */
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url']);

export function createElectronStandIn(options: StandInOptions): ElectronStandIn {
  const calls: Call[] = [];
  const missing: string[] = [];
  const windows: WindowRecord[] = [];
  const instances = new Map<string, EventEmitter[]>();
  const handlers = new Map<string, Handler>();
  const exposed = new Map<string, unknown>();
  const rendererListeners = new EventEmitter();
  let ready = false;
  let markReady: () => void = () => undefined;
  const whenReady = new Promise<void>((done) => (markReady = done));
  let caller: Caller | undefined;

  /** A function that notes each call, then does what `impl` does. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- stands in for any signature
  const record = <F extends (...args: any[]) => any>(name: string, impl?: F): F =>
    ((...args: unknown[]) => {
      calls.push({ name, args });
      return impl?.(...args);
    }) as F;

  /** Fails loudly on any member it was not given. */
  const strict = <T extends object>(label: string, target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'symbol' || key in object) return Reflect.get(object, key, receiver);
        // Probes by the runtime, not uses of Electron: awaiting or printing an object.
        if (key === 'then' || key === 'toJSON') return undefined;
        missing.push(`${label}.${key}`);
        throw new Error(
          `The electron stand-in has no ${label}.${key}: add it to tests/smoke/electron-stand-in.ts`,
        );
      },
    });

  /** One Electron object: an EventEmitter carrying `members`, checked against Electron's type. */
  const part = <T>(label: string, members: Partial<T>, base: object = new EventEmitter()): T =>
    strict(label, Object.assign(base, members)) as T;

  /** A class whose instances `make` builds; each is kept in `instances`. */
  const construct = <A extends unknown[]>(label: string, make: (...args: A) => EventEmitter) => {
    const made: EventEmitter[] = [];
    instances.set(label, made);
    return function (...args: A) {
      calls.push({ name: `new ${label}`, args });
      const instance = make(...args);
      made.push(instance);
      return instance;
    };
  };

  // Electron's docs: BrowserWindow, screen and session cannot be used before 'ready'.
  const beforeReady = (what: string): void => {
    if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
  };

  const refusedFetch = (input: unknown): Promise<Response> =>
    Promise.reject(new Error(`The smoke test makes no network request (${String(input)})`));
  const doFetch = options.fetch ?? refusedFetch;

  const webRequest = part<WebRequest>('session.webRequest', {
    onHeadersReceived: record('session.webRequest.onHeadersReceived'),
  });
  const makeSession = (label: string): Session =>
    part<Session>(label, {
      webRequest,
      setSpellCheckerEnabled: record(`${label}.setSpellCheckerEnabled`),
      setPermissionRequestHandler: record(`${label}.setPermissionRequestHandler`),
      setPermissionCheckHandler: record(`${label}.setPermissionCheckHandler`),
      fetch: (input: string | Request, init?: RequestInit) => doFetch(input, init),
      // The desktop net guard (shell/system-net.ts) resolves through the session.
      resolveHost: record(`${label}.resolveHost`, async (host: string) => ({
        endpoints: (await lookup(host, { all: true })).map((entry) => ({
          address: entry.address,
          family: entry.family === 6 ? ('ipv6' as const) : ('ipv4' as const),
        })),
      })),
      resolveProxy: record(`${label}.resolveProxy`, async () => 'DIRECT'),
    });
  const defaultSession = makeSession('session.defaultSession');
  const partitions = new Map<string, Session>();

  let nextId = 1;
  const makeWebContents = (owner: () => WindowRecord): WebContents =>
    part<WebContents>('webContents', {
      id: nextId++,
      getURL: () => owner().url,
      isDestroyed: () => false,
      isLoading: () => false,
      send: record('webContents.send', (channel: string, ...args: unknown[]) => {
        rendererListeners.emit(channel, { sender: ipcRenderer }, ...structuredClone(args));
      }),
      setWindowOpenHandler: record('webContents.setWindowOpenHandler'),
    });

  const BrowserWindowClass = Object.assign(
    construct('BrowserWindow', (options: BrowserWindowConstructorOptions = {}) => {
      beforeReady('BrowserWindow');
      let destroyed = false;
      const windowRecord = { options, url: 'about:blank' } as WindowRecord;
      const webContents = makeWebContents(() => windowRecord);
      const load = (url: string): Promise<void> => {
        windowRecord.url = url;
        return Promise.resolve();
      };
      const window = part<BrowserWindow>('BrowserWindow', {
        webContents,
        loadFile: record('BrowserWindow.loadFile', (file: string) =>
          load(pathToFileURL(resolve(file)).href),
        ),
        loadURL: record('BrowserWindow.loadURL', load),
        show: record('BrowserWindow.show'),
        hide: record('BrowserWindow.hide'),
        setOverlayIcon: record('BrowserWindow.setOverlayIcon'),
        focus: record('BrowserWindow.focus'),
        restore: record('BrowserWindow.restore'),
        maximize: record('BrowserWindow.maximize'),
        isMinimized: () => false,
        isMaximized: () => false,
        isDestroyed: () => destroyed,
        getNormalBounds: () => ({ x: 10, y: 10, width: 1280, height: 820 }),
        close: record('BrowserWindow.close', () => {
          window.emit('close', { preventDefault: () => undefined });
          destroyed = true;
          window.emit('closed');
        }),
      });
      windowRecord.window = window;
      windowRecord.webContents = webContents;
      windows.push(windowRecord);
      return window;
    }),
    {
      getAllWindows: () => windows.filter((w) => !w.window.isDestroyed()).map((w) => w.window),
    },
  );

  const app = part<App>('app', {
    isPackaged: options.isPackaged ?? true,
    getVersion: () => options.version ?? '0.0.0-smoke',
    getPreferredSystemLanguages: () => options.languages ?? ['en-US'],
    getName: () => 'Broadsheet',
    isReady: () => ready,
    whenReady: record('app.whenReady', () => whenReady),
    requestSingleInstanceLock: record(
      'app.requestSingleInstanceLock',
      () => options.singleInstance ?? true,
    ),
    getPath: (name) => {
      if (name === 'userData') return options.userData;
      // Open at login (Linux) writes under home, only once the reader asks for it.
      if (name === 'home') return options.paths?.home ?? options.userData;
      const path = options.paths?.[name];
      if (path !== undefined) return path;
      throw new Error(`The electron stand-in has no app.getPath('${name}'): add it`);
    },
    // Deep links: `feed:` is claimed only when no other reader has it.
    isDefaultProtocolClient: record('app.isDefaultProtocolClient', () => false),
    getApplicationNameForProtocol: record('app.getApplicationNameForProtocol', () => ''),
    setAsDefaultProtocolClient: record('app.setAsDefaultProtocolClient', () => true),
    setBadgeCount: record('app.setBadgeCount', () => true),
    getLoginItemSettings: record(
      'app.getLoginItemSettings',
      () => ({ openAtLogin: false }) as ReturnType<App['getLoginItemSettings']>,
    ),
    setLoginItemSettings: record('app.setLoginItemSettings'),
    // Where package.json sits: the repository here, app.asar in a package.
    getAppPath: () => resolve(__dirname, '../..'),
    quit: record('app.quit', () => {
      app.emit('before-quit', { preventDefault: () => undefined });
      app.emit('will-quit', { preventDefault: () => undefined });
      app.emit('quit');
    }),
  });

  const ipcMain = part<IpcMain>('ipcMain', {
    handle: record('ipcMain.handle', (channel: string, handler: Handler) => {
      // As Electron: one handler a channel.
      if (handlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      handlers.set(channel, handler);
    }),
    removeHandler: record('ipcMain.removeHandler', (channel: string) => handlers.delete(channel)),
  });

  /** The event Electron hands an invoke handler, for the current caller. */
  const invokeEvent = (): IpcMainInvokeEvent => {
    const page = windows[0];
    const who: Caller = caller ?? {
      sender: page?.webContents,
      senderFrame: page ? { url: page.url } : null,
    };
    return { ...who, frameId: 1, processId: 1, type: 'frame' } as unknown as IpcMainInvokeEvent;
  };

  const ipcRenderer: IpcRenderer = part<IpcRenderer>('ipcRenderer', {
    invoke: record('ipcRenderer.invoke', async (channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel);
      if (!handler) {
        throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      }
      return structuredClone(await handler(invokeEvent(), ...structuredClone(args)));
    }),
    on: record('ipcRenderer.on', (channel: string, listener: RendererListener) => {
      rendererListeners.on(channel, listener);
      return ipcRenderer;
    }),
    removeListener: record(
      'ipcRenderer.removeListener',
      (channel: string, listener: RendererListener) => {
        rendererListeners.removeListener(channel, listener);
        return ipcRenderer;
      },
    ),
  });

  const contextBridge = part<ContextBridge>('contextBridge', {
    exposeInMainWorld: record('contextBridge.exposeInMainWorld', (key: string, api: unknown) => {
      // As Electron: an exposed name cannot be bound twice.
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of window.${key}`);
      exposed.set(key, api);
    }),
  });

  const nativeImage = strict('nativeImage', {
    createEmpty: record('nativeImage.createEmpty', () => makeImage('')),
    createFromPath: record('nativeImage.createFromPath', (path: string) => makeImage(path)),
    createFromDataURL: record('nativeImage.createFromDataURL', (url: string) => makeImage(url)),
  });
  const makeImage = (source: string): NativeImage =>
    part<NativeImage>(
      'NativeImage',
      { isEmpty: () => source === '', resize: () => makeImage(source) },
      {},
    );

  const mainModule = strict('electron (main)', {
    app,
    BrowserWindow: strict('BrowserWindow', BrowserWindowClass),
    ipcMain,
    session: strict('session', {
      get defaultSession() {
        beforeReady('session');
        return defaultSession;
      },
      fromPartition: record('session.fromPartition', (partition: string) => {
        beforeReady('session');
        if (!partitions.has(partition)) {
          partitions.set(partition, makeSession(`session(${partition})`));
        }
        return partitions.get(partition);
      }),
    }),
    net: part<Net>('net', {
      fetch: (input: string | Request, init?: RequestInit) => doFetch(input, init),
      request: record('net.request', (request: unknown) => {
        throw new Error(`The smoke test makes no network request (${JSON.stringify(request)})`);
      }),
      isOnline: () => true,
    }),
    safeStorage: part<SafeStorage>('safeStorage', {
      // No keyring here: the credential store refuses to save, as on such a machine.
      isAsyncEncryptionAvailable: record('safeStorage.isAsyncEncryptionAvailable', () =>
        Promise.resolve(false),
      ),
    }),
    screen: part<Screen>('screen', {
      getAllDisplays: () => {
        beforeReady('screen');
        const area = { x: 0, y: 0, width: 1920, height: 1080 };
        return [{ id: 1, bounds: area, workArea: area }] as ReturnType<Screen['getAllDisplays']>;
      },
    }),
    powerMonitor: part<PowerMonitor>('powerMonitor', {}),
    Menu: strict('Menu', {
      buildFromTemplate: record(
        'Menu.buildFromTemplate',
        (template: MenuItemConstructorOptions[]) => part<Menu>('Menu', { items: [] }, { template }),
      ),
      setApplicationMenu: record('Menu.setApplicationMenu'),
    }),
    shell: part<Shell>('shell', {
      openExternal: record('shell.openExternal', () => Promise.resolve()),
    }),
    Notification: strict(
      'Notification',
      Object.assign(
        construct('Notification', (options: NotificationConstructorOptions = {}) =>
          part<Notification>('Notification', {
            title: options.title ?? '',
            body: options.body ?? '',
            show: record('Notification.show'),
            close: record('Notification.close'),
          }),
        ),
        { isSupported: () => true },
      ),
    ),
    Tray: strict(
      'Tray',
      construct('Tray', () =>
        part<Tray>('Tray', {
          setToolTip: record('Tray.setToolTip'),
          setContextMenu: record('Tray.setContextMenu'),
          destroy: record('Tray.destroy'),
        }),
      ),
    ),
    nativeImage,
    // Squirrel's; electron-updater's own is loaded only when updates are on and installed.
    autoUpdater: part<AutoUpdater>('autoUpdater', {}),
    dialog: part<Dialog>('dialog', {}),
    protocol: part<Protocol>('protocol', {}),
  });

  // The preload's `electron`: only what Electron gives a sandboxed renderer.
  const rendererModule = strict('electron (preload)', { contextBridge, ipcRenderer, nativeImage });

  return {
    mainModule,
    rendererModule,
    calls,
    callsTo: (name) => calls.filter((call) => call.name === name).map((call) => call.args),
    missing,
    windows,
    instances,
    handlers,
    exposed,
    app,
    becomeReady: async () => {
      ready = true;
      markReady();
      await whenReady;
      app.emit('ready', {}, {});
      // Let the bundle's whenReady().then(start) run.
      await new Promise((done) => setImmediate(done));
    },
    callAs: (next) => {
      caller = next;
    },
  };
}

interface ModuleInternals {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

/**
 * Makes `require('electron')` answer with the stand-in until the returned function is called:
 * the main process's modules for files outside `preloadDir`, the renderer's for the preload,
 * which may require nothing else (a sandboxed preload cannot).
 */
export function installElectron(standIn: ElectronStandIn, preloadDir: string): () => void {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._load;
  internals._load = function (request, parent, isMain) {
    const fromPreload = parent?.filename !== undefined && dirname(parent.filename) === preloadDir;
    if (fromPreload && !SANDBOXED_PRELOAD_MODULES.has(request)) {
      throw new Error(`A sandboxed preload cannot require '${request}': bundle it`);
    }
    if (request === 'electron') return fromPreload ? standIn.rendererModule : standIn.mainModule;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    internals._load = original;
  };
}
