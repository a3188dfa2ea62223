/**
 * What every benchmark script shares: progress on stderr, numeric flags, percentiles, and for
 * the browser benches the built app and a Chromium to drive it (the host itself is the e2e
 * tests' `startBrowserHost`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';

export const REPO = path.resolve(__dirname, '..');

/** Progress goes to stderr: stdout's last line is the JSON result. */
export const log = (line: string): void => void process.stderr.write(`${line}\n`);

const roundTo = (n: number, digits: number) => Number(n.toFixed(digits));

/** Runs a benchmark's main; a failure is logged with its stack and exits with 1. */
export function runBench(main: () => Promise<unknown>): void {
  main().catch((error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}

/** `--name N` from the command line, a positive number, else the fallback. */
export function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** `--name value` from the command line, or undefined when absent. */
export function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** The value at quantile `q` of ascending `sorted` (nearest rank); 0 for none. */
export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Count, median, p95, max and mean of timings, to 0.1 ms. */
export function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: roundTo(percentile(sorted, 0.5), 1),
    p95: roundTo(percentile(sorted, 0.95), 1),
    max: roundTo(sorted.at(-1) ?? 0, 1),
    mean: roundTo(sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1), 1),
  };
}

/** p50, p95 and max of query timings, to 0.01 ms, named as the search benches print them. */
export function latencySummary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50Ms: roundTo(percentile(sorted, 0.5), 2),
    p95Ms: roundTo(percentile(sorted, 0.95), 2),
    maxMs: roundTo(sorted.at(-1) ?? 0, 2),
  };
}

/** Builds the app unless out/ already holds a renderer build. */
export function ensureBuilt(): void {
  if (existsSync(path.join(REPO, 'out/renderer/index.html'))) return;
  log('building (out/renderer/index.html is missing)…');
  const built = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'error'], {
    cwd: REPO,
    stdio: ['ignore', 2, 2],
  });
  if (built.status !== 0) throw new Error('build failed');
}

/** Debian's Chromium where it is installed (as the e2e tests use), else Playwright's own. */
export function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    headless: options.headless ?? true,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
}
