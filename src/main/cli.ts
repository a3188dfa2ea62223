/**
 * Developer CLI over the main process's domain code, run with tsx:
 *
 *   npm run -s cli -- feed <file-or-url> [--url <base-url>]
 *   npm run -s cli -- stories <file-or-dir>…
 *   npm run -s cli -- account check <server-url> --user <name> --password <password>
 *
 * Same code paths as the app (fetch, parse, sanitize), no Electron.
 */
import { readFile } from 'node:fs/promises';
import { runCli } from './cli/run-cli';
import { userAgent } from './core';
import { trackerHostReason } from './privacy/trackers';
import { createNetGuard } from './net/guarded-fetch';

const guard = createNetGuard({ refuseHost: trackerHostReason });

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  readFile: (path: string) => readFile(path),
  // What the user typed on the command line may be on their own network; nothing else may.
  fetchFor: (allowPrivateHost?: string) => guard.fetchFor(allowPrivateHost),
  now: () => Date.now(),
  userAgent: userAgent(process.env.npm_package_version ?? 'dev', 'cli'),
};

void runCli(process.argv.slice(2), io).then((code) => {
  // Leave through exit so idle keep-alive sockets cannot hold the process open, but only once
  // stdout has been handed to the OS: a piped stdout is written asynchronously.
  process.stdout.write('', () => process.exit(code));
});
