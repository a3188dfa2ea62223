/**
 * `npm run fuzz -- --minutes N [--seed S] [path filters…]`: the property-based tests
 * (`*.fuzz.test.ts`, each property under tests/unit/fuzz.ts's budget) run for about N minutes in
 * all, each property getting an equal share, instead of CI's fixed 200 inputs.
 *
 * It counts the properties first (one quick vitest run at one input each, reading the
 * FUZZ_REPORT lines), then runs vitest once more with FUZZ_MS set to each property's share, one
 * file at a time (the machine is shared; the share assumes properties run one after another).
 * The seed is random unless given, and printed, so a long run explores new ground and any
 * failure replays with `--seed`. CI does not use this runner and keeps the fixed default seed.
 *
 * stdout gets one JSON summary: per target and property the inputs tried and any failure with
 * its counterexample and seed, then totals; vitest's own output goes to stderr. Exits 1 on any
 * failure, including a test that fails outside a property.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fuzzTimeoutMs, type FuzzLine } from '../tests/unit/fuzz';

export interface FuzzArgs {
  minutes: number;
  /** Undefined: pick one at random. */
  seed?: number;
  /** Only fuzz files whose path contains one of these. */
  filters: string[];
}

const DEFAULT_MINUTES = 10;
/** Below this a property hardly gets past fast-check's start; the run takes longer instead. */
export const MIN_PROPERTY_MS = 1_000;

export function parseFuzzArgs(argv: string[]): FuzzArgs {
  const args: FuzzArgs = { minutes: DEFAULT_MINUTES, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? splitFlag(arg) : [arg, undefined];
    if (flag === '--minutes' || flag === '--seed') {
      const raw = inline ?? argv[++i];
      if (raw === undefined) throw new Error(`${flag} needs a value`);
      const value = Number(raw);
      if (flag === '--minutes') {
        if (raw.trim() === '' || !Number.isFinite(value) || value <= 0)
          throw new Error(`--minutes must be a positive number, not ${raw}`);
        args.minutes = value;
      } else {
        if (!/^\d+$/.test(raw) || value > 0xffffffff)
          throw new Error(`--seed must be a whole number from 0 to 4294967295, not ${raw}`);
        args.seed = value;
      }
    } else if (flag.startsWith('--')) throw new Error(`Unknown option ${flag}`);
    else args.filters.push(flag);
  }
  return args;
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, undefined] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

/** Each property's share of the minutes, in whole milliseconds (never below MIN_PROPERTY_MS). */
export function msPerProperty(minutes: number, properties: number): number {
  if (properties <= 0) return 0;
  return Math.max(MIN_PROPERTY_MS, Math.floor((minutes * 60_000) / properties));
}

/** The FUZZ_REPORT lines in a file's text; blank or torn lines (a crash mid-write) are skipped. */
export function readFuzzLines(text: string): FuzzLine[] {
  const lines: FuzzLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      lines.push(JSON.parse(raw) as FuzzLine);
    } catch {
      // A torn last line says nothing reliable.
    }
  }
  return lines;
}

export interface PropertySummary {
  property: string;
  runs: number;
  failed: boolean;
  seed: number;
  counterexample?: string;
  error?: string;
}

export interface TargetSummary {
  target: string;
  properties: PropertySummary[];
  runs: number;
  failures: number;
}

export interface FuzzSummary {
  seed: number;
  minutes: number;
  msPerProperty: number;
  files: string[];
  targets: TargetSummary[];
  totals: { targets: number; properties: number; runs: number; failures: number };
  /** vitest's exit code: non-zero also when a test outside any property failed. */
  vitestExitCode: number;
  ok: boolean;
}

export function summarize(
  lines: FuzzLine[],
  run: Pick<FuzzSummary, 'seed' | 'minutes' | 'msPerProperty' | 'files' | 'vitestExitCode'>,
): FuzzSummary {
  const byTarget = new Map<string, TargetSummary>();
  for (const line of lines) {
    let target = byTarget.get(line.target);
    if (!target) {
      target = { target: line.target, properties: [], runs: 0, failures: 0 };
      byTarget.set(line.target, target);
    }
    target.properties.push({
      property: line.property,
      runs: line.runs,
      failed: line.failed,
      seed: line.seed,
      ...(line.counterexample !== undefined ? { counterexample: line.counterexample } : {}),
      ...(line.error !== undefined ? { error: line.error } : {}),
    });
    target.runs += line.runs;
    if (line.failed) target.failures += 1;
  }
  const targets = [...byTarget.values()].sort((a, b) => a.target.localeCompare(b.target));
  const totals = {
    targets: targets.length,
    properties: lines.length,
    runs: targets.reduce((sum, t) => sum + t.runs, 0),
    failures: targets.reduce((sum, t) => sum + t.failures, 0),
  };
  return {
    ...run,
    targets,
    totals,
    ok: totals.failures === 0 && run.vitestExitCode === 0,
  };
}

/** Every `*.fuzz.test.ts` under `dir`, as paths relative to `root`, sorted. */
export function findFuzzFiles(root: string, dir = 'tests/unit'): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.fuzz.test.ts')) found.push(child);
    }
  };
  walk(dir);
  return found.sort();
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** Runs vitest on `files` with the budget in `env`; its output goes to our stderr. */
function vitest(files: string[], env: Record<string, string>, timeoutMs: number): number {
  const bin = path.join(ROOT, 'node_modules/.bin/vitest');
  const result = spawnSync(
    bin,
    ['run', '--no-file-parallelism', `--testTimeout=${timeoutMs}`, ...files],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 2, 2] },
  );
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function main(): void {
  const args = parseFuzzArgs(process.argv.slice(2));
  // Below 2^31, so fast-check's own messages (which show the seed as a signed 32-bit number)
  // print the same seed.
  const seed = args.seed ?? Math.floor(Math.random() * 0x80000000);
  const files = findFuzzFiles(ROOT).filter(
    (file) => !args.filters.length || args.filters.some((filter) => file.includes(filter)),
  );
  if (!files.length) throw new Error('No *.fuzz.test.ts file matches.');
  console.error(`fuzz: seed ${seed}, ${args.minutes} min over ${files.length} files`);
  const work = mkdtempSync(path.join(tmpdir(), 'fuzz-'));
  try {
    const countReport = path.join(work, 'count.jsonl');
    vitest(files, { FUZZ_RUNS: '1', FUZZ_SEED: String(seed), FUZZ_REPORT: countReport }, 60_000);
    const properties = readFuzzLines(readText(countReport)).length;
    if (!properties) throw new Error('The fuzz files ran no property (see the output above).');
    const share = msPerProperty(args.minutes, properties);
    console.error(`fuzz: ${properties} properties, ${share} ms each`);
    // The budget is this process's too: fuzzTimeoutMs reads it from the environment.
    process.env['FUZZ_MS'] = String(share);
    const report = path.join(work, 'report.jsonl');
    const env = { FUZZ_MS: String(share), FUZZ_SEED: String(seed), FUZZ_REPORT: report };
    const exitCode = vitest(files, env, fuzzTimeoutMs());
    const summary = summarize(readFuzzLines(readText(report)), {
      seed,
      minutes: args.minutes,
      msPerProperty: share,
      files,
      vitestExitCode: exitCode,
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`, () =>
      process.exit(summary.ok ? 0 : 1),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
