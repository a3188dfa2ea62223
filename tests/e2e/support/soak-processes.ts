/**
 * The two processes the soak kills: a real Chromium on a persistent profile (so IndexedDB
 * outlives it) driven over CDP, and the built browser host on a fixed port and data folder (so
 * a restarted host serves the same origin, whose IndexedDB the page keeps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from '@playwright/test';

const ROOT = resolve(__dirname, '..', '..', '..');
const READY = /^Broadsheet is running at (\S+)$/;

function chromiumPath(): string {
  const fromEnv = process.env['BROADSHEET_CHROMIUM'];
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return chromium.executablePath();
}

const started = new Set<ChildProcess>();
const groups = new WeakSet<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** SIGKILLs every browser and host this module started that is still running (on Ctrl-C). */
export function killStarted(): void {
  for (const child of started) {
    try {
      // Browsers lead their own process group; hosts do not (the group is ours then).
      if (child.pid !== undefined && groups.has(child)) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export interface SoakBrowser {
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

/** Starts Chromium on `profileDir`, connects over CDP and gives its first page. */
export async function launchBrowser(profileDir: string): Promise<SoakBrowser> {
  const child = track(
    spawn(
      chromiumPath(),
      [
        '--headless=new',
        // As Playwright launches it: the sandbox cannot start as root (CI containers).
        '--no-sandbox',
        // Wide enough for the three-pane layout the UI steps expect (800×600 shows one pane).
        '--window-size=1280,900',
        `--user-data-dir=${profileDir}`,
        '--remote-debugging-port=0',
        '--remote-debugging-address=127.0.0.1',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // A killed browser leaves a "restore session?" state; the soak opens its own page.
        '--disable-session-crashed-bubble',
        '--hide-crash-restore-bubble',
        'about:blank',
      ],
      // Its own process group, so a kill takes the renderers and the storage service with it
      // at the same instant, as a power cut would, not one by one as the browser's pipes close.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    ),
  );
  groups.add(child);
  let stderr = '';
  const endpoint = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Chromium did not start: ${stderr}`)), 30_000);
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      stderr += `${line}\n`;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`Chromium exited with ${code}: ${stderr}`)));
  });
  // Keep draining stderr so a chatty browser never blocks on a full pipe.
  child.stderr!.resume();
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0] ?? (await browser.newContext());
  // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper
  // the page lacks; functions passed to page.evaluate need it.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const page = context.pages()[0] ?? (await context.newPage());
  // The machine may be shared and busy; a slow step is not a failure of the library.
  page.setDefaultTimeout(60_000);
  return { process: child, browser, page };
}

/**
 * SIGKILL, then wait for the process to be gone. A browser (a group leader, see
 * launchBrowser) is killed with its whole process group.
 */
export async function killNow(child: ChildProcess, group = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  if (group && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  else child.kill('SIGKILL');
  await gone;
}

export interface SoakHost {
  process: ChildProcess;
  url: string;
  origin: string;
}

/**
 * Starts out/main/host.js on `port` (0 the first time; after that the same port, so the origin
 * and with it the page's IndexedDB stay) with `dataDir` as its data folder.
 */
export async function startHost(port: number, dataDir: string): Promise<SoakHost> {
  // A port just freed by a killed host may take a moment to be free again.
  for (let attempt = 0; ; attempt++) {
    try {
      return await startHostOnce(port, dataDir);
    } catch (error) {
      if (attempt >= 20 || !/already in use/.test(String(error))) throw error;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

async function startHostOnce(port: number, dataDir: string): Promise<SoakHost> {
  const child = track(
    spawn(process.execPath, [resolve(ROOT, 'out/main/host.js'), '--port', `${port}`], {
      cwd: ROOT,
      env: {
        ...process.env,
        BROADSHEET_ALLOW_HOSTS: '127.0.0.1,localhost',
        BROADSHEET_ALLOW_PRIVATE_HOSTS: '127.0.0.1,localhost',
        BROADSHEET_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`host did not start: ${stderr}`)), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      done(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`host exited with ${code}: ${stderr}`));
    });
  });
  child.stdout!.resume();
  const match = READY.exec(firstLine);
  if (!match) throw new Error(`unexpected first line from host: ${firstLine}`);
  return { process: child, url: match[1]!, origin: new URL(match[1]!).origin };
}
