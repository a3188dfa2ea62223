import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FuzzLine } from '../fuzz';

/**
 * The runner's pure pieces. scripts/ is its own TypeScript project, which the tests may not
 * import from statically: it is loaded at run time, its shape declared here.
 */
interface FuzzArgs {
  minutes: number;
  seed?: number;
  filters: string[];
}
interface Runner {
  parseFuzzArgs(argv: string[]): FuzzArgs;
  msPerProperty(minutes: number, properties: number): number;
  MIN_PROPERTY_MS: number;
  readFuzzLines(text: string): FuzzLine[];
  findFuzzFiles(root: string, dir?: string): string[];
  summarize(
    lines: FuzzLine[],
    run: {
      seed: number;
      minutes: number;
      msPerProperty: number;
      files: string[];
      vitestExitCode: number;
    },
  ): {
    targets: { target: string; runs: number; failures: number; properties: unknown[] }[];
    totals: { targets: number; properties: number; runs: number; failures: number };
    ok: boolean;
  };
}

const RUNNER = path.resolve(import.meta.dirname, '../../../scripts/fuzz.ts');
let runner: Runner;
const work = mkdtempSync(path.join(tmpdir(), 'fuzz-runner-'));

beforeAll(async () => {
  runner = (await import(/* @vite-ignore */ RUNNER)) as Runner;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the fuzz runner’s arguments', () => {
  it('reads minutes, seed and path filters, in either flag form', () => {
    expect(runner.parseFuzzArgs(['--minutes', '6', '--seed=42', 'sanitize'])).toEqual({
      minutes: 6,
      seed: 42,
      filters: ['sanitize'],
    });
    expect(runner.parseFuzzArgs(['--minutes=0.5'])).toEqual({ minutes: 0.5, filters: [] });
  });

  it('defaults to ten minutes and a seed left to chance', () => {
    expect(runner.parseFuzzArgs([])).toEqual({ minutes: 10, filters: [] });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(() => runner.parseFuzzArgs(['--minutes'])).toThrow('--minutes needs a value');
    expect(() => runner.parseFuzzArgs(['--minutes', '0'])).toThrow('positive number, not 0');
    expect(() => runner.parseFuzzArgs(['--minutes', 'ten'])).toThrow('not ten');
    expect(() => runner.parseFuzzArgs(['--minutes='])).toThrow('positive number');
    expect(() => runner.parseFuzzArgs(['--seed', '-1'])).toThrow('whole number');
    expect(() => runner.parseFuzzArgs(['--seed', '1.5'])).toThrow('whole number');
    expect(() => runner.parseFuzzArgs(['--seed', '4294967296'])).toThrow('whole number');
    expect(() => runner.parseFuzzArgs(['--runs', '5'])).toThrow('Unknown option --runs');
  });
});

describe('the split of the minutes', () => {
  it('gives each property an equal share', () => {
    expect(runner.msPerProperty(6, 24)).toBe(15_000);
    expect(runner.msPerProperty(1, 7)).toBe(8_571);
  });

  it('never gives a property less than the minimum, nor anything to no property', () => {
    expect(runner.msPerProperty(0.01, 100)).toBe(runner.MIN_PROPERTY_MS);
    expect(runner.msPerProperty(5, 0)).toBe(0);
  });
});

const line = (target: string, property: string, runs: number, failed = false): FuzzLine => ({
  target,
  property,
  runs,
  seed: 7,
  failed,
  ...(failed ? { counterexample: '["<a>"]', error: 'Error: boom' } : {}),
});

describe('the report', () => {
  it('reads the FUZZ_REPORT lines, skipping blank and torn ones', () => {
    const text = `${JSON.stringify(line('a', 'p', 3))}\n\n${JSON.stringify(line('b', 'q', 4))}\n{"tar`;
    expect(runner.readFuzzLines(text)).toEqual([line('a', 'p', 3), line('b', 'q', 4)]);
  });

  it('sums inputs per target and in all, and fails on a failed property', () => {
    const run = { seed: 7, minutes: 1, msPerProperty: 100, files: [], vitestExitCode: 1 };
    const summary = runner.summarize(
      [line('b', 'q', 4), line('a', 'p', 3), line('a', 'r', 5, true)],
      run,
    );
    expect(summary.targets.map((t) => [t.target, t.properties.length, t.runs, t.failures])).toEqual(
      [
        ['a', 2, 8, 1],
        ['b', 1, 4, 0],
      ],
    );
    expect(summary.targets[0]!.properties[1]).toEqual({
      property: 'r',
      runs: 5,
      failed: true,
      seed: 7,
      counterexample: '["<a>"]',
      error: 'Error: boom',
    });
    expect(summary.totals).toEqual({ targets: 2, properties: 3, runs: 12, failures: 1 });
    expect(summary.ok).toBe(false);
  });

  it('fails when vitest failed outside any property', () => {
    const run = { seed: 7, minutes: 1, msPerProperty: 100, files: [], vitestExitCode: 1 };
    expect(runner.summarize([line('a', 'p', 3)], run).ok).toBe(false);
    expect(runner.summarize([line('a', 'p', 3)], { ...run, vitestExitCode: 0 }).ok).toBe(true);
  });
});

describe('finding the fuzz files', () => {
  it('finds every *.fuzz.test.ts under the directory, and nothing else', () => {
    for (const file of ['a/x.fuzz.test.ts', 'a/b/y.fuzz.test.ts', 'a/z.test.ts', 'a/fuzz.ts']) {
      mkdirSync(path.dirname(path.join(work, 'tests/unit', file)), { recursive: true });
      writeFileSync(path.join(work, 'tests/unit', file), '');
    }
    expect(runner.findFuzzFiles(work)).toEqual([
      'tests/unit/a/b/y.fuzz.test.ts',
      'tests/unit/a/x.fuzz.test.ts',
    ]);
  });
});
