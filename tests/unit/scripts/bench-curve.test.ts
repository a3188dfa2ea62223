import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const work = mkdtempSync(path.join(tmpdir(), 'bench-curve-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Row {
  name: string;
  values: Record<string, number>;
  growth?: {
    class: string;
    exponent: number;
    ratio: number;
    steps: number[];
    fasterThanLog: boolean;
  };
  growthText: string;
}

/** What bench:search prints, reduced to the figures bench:curve reads. */
const searchRun = (size: number, f: (n: number) => Record<string, number>) => {
  const v = f(size);
  return {
    docs: size,
    engine: {
      coldFirstResultMs: v['cold'],
      p50Ms: 3,
      p95Ms: v['p95'],
      add50Ms: v['add'],
      remove50Ms: 60,
      buildDocsPerSec: 2000,
      indexBytes: 2700 * size,
      heapMB: size / 1000,
      details: { withSnippets: { p95Ms: 17 } },
    },
    fts5: { p95Ms: 25, buildDocsPerSec: 3700, indexBytes: 2900 * size },
  };
};

let result: { figures: Row[]; waitsFasterThanLog: string[]; sizes: number[] };
let dir: string;

function curve(args: string[]) {
  return spawnSync(TSX, [path.join(REPO, 'scripts/bench-curve.ts'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    cwd: REPO,
  });
}

beforeAll(() => {
  dir = path.join(work, 'runs');
  const sizes = [10_000, 100_000, 1_000_000];
  const figures = (n: number) => ({
    // log N: 1.0, 1.25, 1.5 of its value at 10,000
    cold: 100 * (Math.log(n) / Math.log(10_000)),
    p95: 14,
    // ten times per tenfold library: linear, the kind of growth the table must call out
    add: n / 100,
  });
  spawnSync('mkdir', ['-p', dir]);
  for (const size of sizes) {
    const run = searchRun(size, figures);
    // A figure missing at one size (a phase that failed) is left out of its line.
    if (size === 100_000) delete (run.engine as Record<string, unknown>)['remove50Ms'];
    writeFileSync(path.join(dir, `search-${size}.json`), JSON.stringify(run));
  }
  const run = curve(['--dir', dir, '--benches', 'search', '--reuse']);
  if (run.status !== 0) throw new Error(run.stderr + run.stdout);
  result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as typeof result;
}, 60_000);

const row = (name: string) => result.figures.find((r) => r.name === name)!;

describe('bench:curve over kept runs', () => {
  it('puts each figure side by side at every size', () => {
    expect(result.sizes).toEqual([10_000, 100_000, 1_000_000]);
    expect(row('search: warm p95').values).toEqual({ 10000: 14, 100000: 14, 1000000: 14 });
    expect(row('search: index bytes per article').values).toEqual({
      10000: 2700,
      100000: 2700,
      1000000: 2700,
    });
    expect(row('search: build, per article').values['1000000']).toBeCloseTo(0.5, 5);
  });

  it('tells flat, log N and linear growth apart', () => {
    expect(row('search: warm p95').growth?.class).toBe('flat');
    expect(row('search: cold first result').growth?.class).toBe('log');
    expect(row('search: cold first result').growthText).toBe('≤ log N');
    const add = row('search: add 50 articles').growth!;
    expect(add.class).toBe('linear');
    expect(add.exponent).toBeCloseTo(1, 3);
    expect(add.steps).toEqual([10, 10]);
    expect(row('search: add 50 articles').growthText).toBe('N^1.00');
  });

  it('names what the reader waits for that grows faster than log N, and only that', () => {
    expect(result.waitsFasterThanLog).toEqual(['search: add 50 articles']);
    // The heap grows linearly too, but it is a cost, not a wait.
    expect(row('search: heap after build').growth?.class).toBe('linear');
  });

  it('leaves a missing figure out of its line', () => {
    expect(row('search: remove 50 articles').values).toEqual({ 10000: 60, 1000000: 60 });
  });

  it('writes the table and two plots', () => {
    const table = readFileSync(path.join(dir, 'growth.md'), 'utf8');
    expect(table).toContain(
      '| search: add 50 articles | ms | 100 | 1,000 | 10,000 | N^1.00 **faster than log N** | ×10, ×10 |',
    );
    const waits = readFileSync(path.join(dir, 'growth-waits.svg'), 'utf8');
    expect(waits).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(waits).toContain('<title>What the reader waits for</title>');
    expect(waits).toContain('search: add 50 articles');
    expect(waits).toContain('>log N<');
    expect(waits).not.toContain('heap after build');
    const costs = readFileSync(path.join(dir, 'growth-costs.svg'), 'utf8');
    expect(costs).toContain('search: heap after build');
    // Every series is drawn as a path through its points.
    expect(costs.match(/<path /g)!.length).toBeGreaterThanOrEqual(2 + 5);
  });
});

describe('bench:curve refuses what it cannot do', () => {
  it('names an unknown bench and still prints its JSON', () => {
    const run = curve(['--dir', path.join(work, 'x'), '--benches', 'serach', '--reuse']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unknown bench: serach');
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toHaveProperty('run.error');
  });

  it('needs --dir', () => {
    const run = curve(['--benches', 'search']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--dir DIR is required');
  });
});
