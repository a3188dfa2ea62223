import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createCredentialStore } from '../accounts/credential-store';
import { privateFile } from '../accounts/private-file';
import { createDispatcher } from '../api/dispatch';
import { createExtractPool } from '../articles/extract-pool';
import { createCore, userAgent } from '../core';
import { browserDesktopHandlers } from '../desktop/desktop-handlers';
import { createLinkIntake } from '../desktop/link-intake';
import { createLinkQueue } from '../desktop/link-queue';
import { allowlistFetch, hostsFromEnv } from '../net/allowlist-fetch';
import { trackerHostText } from '../privacy/trackers';
import { createNetGuard } from '../net/guarded-fetch';
import { startHttpHost, type HttpHost } from './http-host';
import { dataDirFor, parseServeArgs } from './serve-args';

// The browser host: the same main-process code as the desktop app, reachable from a browser.
async function main(): Promise<void> {
  // A reader of our output may go away (`| head -1`); that must not crash the server.
  process.stdout.on('error', () => undefined);
  const args = parseServeArgs(process.argv.slice(2));
  if ('error' in args) {
    process.stderr.write(`error: ${args.error}\n`);
    process.exit(2);
  }
  const staticDir = join(__dirname, '../renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write('error: the renderer is not built; run `npm run build` first\n');
    process.exit(1);
  }
  const version = process.env['npm_package_version'] ?? '0.0.0';
  // Sync accounts' sign-ins (a file only this user can read, made at the first sign-in) and
  // the automatic backups (backups/, made when the page first asks for them): never in the
  // page's storage.
  const dataDir = dataDirFor(args.dataDir, {
    env: process.env,
    platform: process.platform,
    home: homedir(),
  });
  // Events go to whichever pages are connected; the host exists before the first one is.
  let broadcast: HttpHost['broadcast'] = () => undefined;
  // `--open` links and files wait here until a page takes them (desktop.takeLinks).
  const links = createLinkQueue(() => broadcast('desktop.linksWaiting', {}));
  const allowedHosts = hostsFromEnv(process.env['BROADSHEET_ALLOW_HOSTS']);
  // End-to-end tests serve their fixtures from loopback: an explicit allowance for those hosts
  // only, separate from the allowlist above (which keeps tests off the internet).
  const guard = createNetGuard({
    privateHosts: hostsFromEnv(process.env['BROADSHEET_ALLOW_PRIVATE_HOSTS']),
    refuseHost: trackerHostText,
  });
  // Built beside this bundle by electron-vite (the `extract-worker` input).
  const extractor = createExtractPool({ script: join(__dirname, 'extract-worker.js') });
  const core = createCore({
    net: {
      fetchFor: (host) => {
        const fetch = guard.fetchFor(host);
        return allowedHosts ? allowlistFetch(fetch, allowedHosts) : fetch;
      },
      isPrivateHost: (host) => guard.isPrivateHost(host),
    },
    userAgent: userAgent(version, 'browser'),
    now: Date.now,
    appInfo: { name: 'Broadsheet', version, host: 'browser', platform: process.platform },
    emit: (name, payload) => broadcast(name, payload),
    extract: extractor.extract,
    credentials: createCredentialStore(privateFile(join(dataDir, 'accounts.json'))),
    // BROADSHEET_AUTO_BACKUPS=off keeps none (the end-to-end tests share one host between
    // tests, and one test's backups must not be offered to the next test's empty library).
    backupsDir:
      process.env['BROADSHEET_AUTO_BACKUPS'] === 'off' ? undefined : join(dataDir, 'backups'),
    desktop: browserDesktopHandlers(links),
  });
  // Read before the page can ask: an OPML file is read now, from the folder serve started in.
  const intake = createLinkIntake(links, nodeFs);
  for (const input of args.open ?? []) await intake.open(input, process.cwd());
  const host = await startHttpHost({
    dispatch: createDispatcher(core.handlers),
    staticDir,
    token: randomBytes(24).toString('base64url'),
    port: args.port,
  }).catch((error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${args.port} is already in use; choose another with --port N`
        : error.message;
    process.stderr.write(`error: ${reason}\n`);
    process.exit(1);
  });
  broadcast = host.broadcast;
  process.stdout.write(`Broadsheet is running at ${host.url}\n`);
  host.broadcast('app.ready', { at: Date.now() });
  const stop = (): void => {
    core.scheduler.dispose();
    void extractor.close();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
