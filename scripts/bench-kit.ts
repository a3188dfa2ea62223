/**
 * What every benchmark script shares: progress on stderr, numeric flags, percentiles, and for
 * the browser benches the built app and a Chromium to drive it (the host itself is the e2e
 * tests' `startBrowserHost`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from '@playwright/test';

export const REPO = path.resolve(__dirname, '..');

/** Progress goes to stderr: stdout's last line is the JSON result. */
export const log = (line: string): void => void process.stderr.write(`${line}\n`);

const roundTo = (n: number, digits: number) => Number(n.toFixed(digits));

const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/**
 * Runs a benchmark's main; a failure is logged with its stack and exits with 1. A bench that
 * keeps a report has it printed as stdout's last line whatever happened (an error that
 * escaped every phase is recorded under `run`; a stop by SIGINT or SIGTERM under `stopped`,
 * with every figure measured until then), and exits with 1 if any phase failed.
 */
export function runBench(main: () => Promise<unknown>, report?: BenchReport): void {
  let finished = false;
  const finish = (failed: boolean): void => {
    if (finished) return;
    finished = true;
    if (!report) {
      if (failed) process.exit(1);
      return;
    }
    const code = failed || report.failed.length ? 1 : 0;
    // Exits once the line is out: a phase abandoned at its limit may still hold the event loop.
    process.stdout.write(`${report.toJson()}\n`, () => process.exit(code));
  };
  // A run of an hour or more stopped by hand keeps what it measured.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`stopped by ${signal}`);
      report?.fail('stopped', new Error(`stopped by ${signal}`));
      finish(true);
    });
  }
  main().then(
    () => finish(false),
    (error: unknown) => {
      log(describeError(error));
      report?.fail('run', error);
      finish(true);
    },
  );
}

/** A phase's limit ran out. */
class PhaseTimeout extends Error {
  override name = 'PhaseTimeout';
}

/** What a failed phase leaves under its name in the report. */
export interface PhaseFailure {
  error: string;
  timedOut: boolean;
}

/** A failure counts as a time-out when our limit, Playwright's, or an in-page wait says so. */
const isTimeout = (error: unknown): boolean =>
  error instanceof Error &&
  (error instanceof PhaseTimeout ||
    error.name === 'TimeoutError' ||
    /timed out/i.test(error.message));

/**
 * One benchmark's figures, gathered phase by phase. Each phase runs under its own time limit;
 * one that throws or outlasts it is recorded as `{ error, timedOut }` under its name and the
 * rest still run, so a slow or loaded machine costs the figures of one phase, not the whole
 * run. `runBench(main, report)` prints it.
 */
export class BenchReport {
  readonly figures: Record<string, unknown>;
  /** Names of the phases that failed or timed out, in order. */
  readonly failed: string[] = [];

  constructor(head: Record<string, unknown> = {}) {
    this.figures = { ...head };
  }

  /** Records a figure; a dotted name ("scroll.fling") nests. */
  set(name: string, value: unknown): void {
    const keys = name.split('.');
    const last = keys.pop()!;
    let target = this.figures;
    for (const key of keys) {
      const next = target[key];
      if (typeof next !== 'object' || next === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[last] = value;
  }

  /**
   * Runs `body` for at most `timeoutMs`. Its value comes back to the caller (a phase records
   * its figures with `set`); after a failure undefined comes back, and phases that need the
   * value say so with `need`. A phase left behind at its limit is not waited for; one that
   * never yields (CPU work in this process) cannot be cut off, only its errors caught.
   */
  async phase<T>(name: string, timeoutMs: number, body: () => Promise<T>): Promise<T | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new PhaseTimeout(`${name} timed out after ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    const running = body();
    running.catch(() => undefined);
    try {
      return await Promise.race([running, limit]);
    } catch (error) {
      this.fail(name, error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Records a failure under `name` and logs it. */
  fail(name: string, error: unknown): void {
    const failure: PhaseFailure = {
      error: error instanceof Error ? error.message : String(error),
      timedOut: isTimeout(error),
    };
    log(`${name} failed${failure.timedOut ? ' (timed out)' : ''}: ${failure.error}`);
    // What the phase recorded under its own name before failing stays beside the failure.
    const recorded = name
      .split('.')
      .reduce<unknown>(
        (at, key) =>
          typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined,
        this.figures,
      );
    const kept = typeof recorded === 'object' && recorded !== null ? recorded : {};
    this.set(name, { ...kept, ...failure });
    this.failed.push(name);
  }

  /** Every figure gathered, and `failedPhases` when any phase failed. */
  toJson(): string {
    return JSON.stringify(
      this.failed.length ? { ...this.figures, failedPhases: this.failed } : this.figures,
    );
  }
}

/** A phase's input from an earlier phase, which may have failed: then this one is skipped. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`skipped: ${what} failed`);
  return value;
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
export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  // Loaded here, not with the kit: a bench that never drives a browser (bench:memory measures
  // its own process's memory) must not carry Playwright's driver.
  const { chromium } = await import('@playwright/test');
  return chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    headless: options.headless ?? true,
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
}

/**
 * Chromium with its profile on disk in `userDataDir`, as the desktop app keeps its library. A
 * plain `newContext()` is incognito: its IndexedDB lives in memory, faster than the app's, under
 * a quota a library of 1,000,000 articles exceeds (QuotaExceededError while seeding).
 */
export async function launchChromiumProfile(
  userDataDir: string,
  options: {
    headless?: boolean;
    viewport?: { width: number; height: number };
    acceptDownloads?: boolean;
  } = {},
): Promise<BrowserContext> {
  const { chromium } = await import('@playwright/test');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    headless: options.headless ?? true,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
}

/** The machine a figure was taken on, for every bench's report. */
export function machine() {
  const cpus = os.cpus();
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: round1(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // Other processes share the machine; figures taken under load are slower than they should be.
    loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    date: new Date().toISOString(),
  };
}

export { seededRandom } from '../tests/e2e/support/seeded-random';

/**
 * Bytes of every file under `dir` (0 when it does not exist yet): a Chromium profile's
 * IndexedDB as it stands on disk.
 */
export function dirBytes(dir: string): number {
  let bytes = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    try {
      bytes += entry.isDirectory() ? dirBytes(file) : statSync(file).size;
    } catch {
      // Removed by a compaction between the listing and the stat.
    }
  }
  return bytes;
}
