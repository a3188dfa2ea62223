/**
 * The one budget every property-based (fast-check) test runs under, so CI spends a fixed,
 * repeatable amount and `npm run fuzz -- --minutes N` can spend more on the same properties.
 *
 * Environment (set by scripts/fuzz.ts; CI sets none):
 * - FUZZ_RUNS: inputs per property (default 200).
 * - FUZZ_MS: run each property for this long instead (inputs unbounded); wins over FUZZ_RUNS.
 * - FUZZ_SEED: the seed (default fixed, so a CI failure replays exactly).
 * - FUZZ_REPORT: a file each property appends one JSON line to: target, property, inputs
 *   tried, and the counterexample when one failed.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';

const DEFAULT_RUNS = 200;
const DEFAULT_SEED = 20261206;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, not ${raw}`);
  return value;
}

/** How long one property may take under the current budget (vitest's per-test timeout). */
export function fuzzTimeoutMs(): number {
  const ms = envNumber('FUZZ_MS');
  return ms !== undefined ? ms + 60_000 : 60_000;
}

export interface FuzzLine {
  target: string;
  property: string;
  runs: number;
  seed: number;
  failed: boolean;
  counterexample?: string;
  error?: string;
}

/**
 * Checks `property` under the budget, records what was tried, and throws fast-check's own
 * report (seed, path, shrunk counterexample) when it fails.
 */
export async function fuzz<Ts>(
  target: string,
  name: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  extra: Omit<fc.Parameters<Ts>, 'numRuns' | 'seed' | 'interruptAfterTimeLimit'> = {},
): Promise<void> {
  const ms = envNumber('FUZZ_MS');
  const seed = envNumber('FUZZ_SEED') ?? DEFAULT_SEED;
  const params: fc.Parameters<Ts> = {
    ...extra,
    seed,
    ...(ms !== undefined
      ? {
          numRuns: Number.MAX_SAFE_INTEGER,
          interruptAfterTimeLimit: ms,
          markInterruptAsFailure: false,
        }
      : { numRuns: envNumber('FUZZ_RUNS') ?? DEFAULT_RUNS }),
  };
  const details = await fc.check(property as fc.IAsyncProperty<Ts>, params);
  const line: FuzzLine = {
    target,
    property: name,
    runs: details.numRuns,
    seed,
    failed: details.failed,
    ...(details.counterexample
      ? { counterexample: fc.stringify(details.counterexample).slice(0, 2000) }
      : {}),
    ...(details.errorInstance ? { error: String(details.errorInstance).slice(0, 500) } : {}),
  };
  const report = process.env['FUZZ_REPORT'];
  if (report) appendFileSync(report, `${JSON.stringify(line)}\n`);
  // fast-check's own report (seed, path, shrunk counterexample), from the run already made.
  if (details.failed) {
    throw new Error(fc.defaultReportMessage(details), { cause: details.errorInstance });
  }
}
