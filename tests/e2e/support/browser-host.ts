import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  /** The URL the host printed, token fragment included. */
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..', '..');
const READY = /^Broadsheet is running at (\S+)$/;

/**
 * Starts the built browser host (out/main/host.js) as a user would, on a free port. `env`
 * overrides its environment (a variable set to undefined is left out); `args` are more options
 * (`--open <link-or-file>`).
 */
export async function startBrowserHost(
  env: Record<string, string | undefined> = {},
  args: string[] = [],
): Promise<RunningHost> {
  const hostArgs = [resolve(ROOT, 'out/main/host.js'), '--port', '0', ...args];
  // Sync accounts' sign-ins go to a fresh folder, never the tester's own data folder. A caller
  // that names the folder (even as undefined) owns it: none is made here for nothing.
  const ownDataDir =
    'BROADSHEET_DATA_DIR' in env ? undefined : mkdtempSync(join(tmpdir(), 'broadsheet-e2e-data-'));
  const child = spawn(process.execPath, hostArgs, {
    cwd: ROOT,
    // Fixture feeds link to real sites; full-text and image fetches must never leave loopback.
    // The fixture server is on loopback, which the address guard refuses unless the reader
    // typed it: an explicit allowance for the fixture hosts, so feeds added by the seed,
    // OPML or the tests' own routes can still reach them.
    env: {
      ...process.env,
      BROADSHEET_ALLOW_HOSTS: '127.0.0.1,localhost',
      BROADSHEET_ALLOW_PRIVATE_HOSTS: '127.0.0.1,localhost',
      BROADSHEET_DATA_DIR: ownDataDir,
      // One host serves every test of a worker: automatic backups one test made would be
      // offered to the next test's new, empty library. Specs about backups turn them on.
      BROADSHEET_AUTO_BACKUPS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The folder goes once the host has exited (stopped, crashed or failed to start), never while
  // it may still write there. Registered first, so it is gone by the time stop() resolves.
  child.once('exit', () => {
    if (ownDataDir === undefined) return;
    try {
      rmSync(ownDataDir, { recursive: true, force: true });
    } catch {
      // A folder left in the temporary folder is litter, not a reason to fail the worker.
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stderr}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)));
  });
  const match = READY.exec(firstLine);
  if (!match) throw new Error(`unexpected first line from host: ${firstLine}`);
  const url = match[1]!;
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    process: child,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
