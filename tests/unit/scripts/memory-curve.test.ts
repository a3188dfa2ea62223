import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const CURVE = path.join(REPO, 'scripts/memory-curve.ts');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const work = mkdtempSync(path.join(tmpdir(), 'memory-curve-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

const MB = 1024 * 1024;

/** Samples of a run whose RSS is `rss(extractions)` MB, every 100 up to `last`. */
const curve = (last: number, rss: (n: number) => number) =>
  Array.from({ length: last / 100 + 1 }, (_, i) => ({
    extractions: i * 100,
    seconds: i,
    rssMb: rss(i * 100),
    heapUsedMb: 50,
    externalMb: 5,
    arrayBuffersMb: 1,
  }));

/**
 * What the helpers answer, computed in one tsx process (the scripts are their own TypeScript
 * project, which the tests may not import from; bench-kit.test.ts runs its benches the same way).
 */
let answers: Record<string, unknown>;

beforeAll(() => {
  const cases = {
    slopeLine: `slope([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 5 })))`,
    slopeNoisyFlat: `slope([{ x: 0, y: 10 }, { x: 1, y: 12 }, { x: 2, y: 10 }, { x: 3, y: 12 }, { x: 4, y: 10 }])`,
    slopeOnePoint: `slope([{ x: 3, y: 9 }])`,
    slopeSameX: `slope([{ x: 1, y: 1 }, { x: 1, y: 5 }])`,
    sample: `toSample(300, 12.345, { rss: ${250.04 * MB}, heapUsed: ${99.96 * MB}, external: ${12 * MB}, arrayBuffers: ${0.05 * MB} })`,
    samplePoints: `[0, 1, 99, 100, 150, 200].map((n) => isSamplePoint(n, 100))`,
    flat: `judgeCurve(${JSON.stringify(
      // Warm-up growth in the first half, then flat: only the tail counts for the slope.
      curve(2000, (n) => (n < 1000 ? 150 + n / 10 : 250)),
    )}, { limitMb: 400, tailExtractions: 1000 })`,
    growing: `judgeCurve(${JSON.stringify(
      curve(2000, (n) => 200 + (n * 12) / 100),
    )}, { limitMb: 400, tailExtractions: 1000 })`,
    empty: `judgeCurve([], { limitMb: 400, tailExtractions: 1000 })`,
  };
  const file = path.join(work, 'cases.ts');
  writeFileSync(
    file,
    `import { isSamplePoint, judgeCurve, slope, toSample } from ${JSON.stringify(CURVE)};\n` +
      `console.log(JSON.stringify({ ${Object.entries(cases)
        .map(([name, expression]) => `${name}: ${expression}`)
        .join(', ')} }));\n`,
  );
  const run = spawnSync(TSX, [file], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  answers = JSON.parse(run.stdout) as Record<string, unknown>;
}, 60_000);

describe('slope: least squares of y over x', () => {
  it('is the line’s slope for points on a line', () => {
    expect(answers['slopeLine']).toBeCloseTo(2, 10);
  });

  it('is near zero for values that go up and down around a level', () => {
    expect(Math.abs(answers['slopeNoisyFlat'] as number)).toBeLessThan(0.3);
  });

  it('is zero without two distinct x', () => {
    expect(answers['slopeOnePoint']).toBe(0);
    expect(answers['slopeSameX']).toBe(0);
  });
});

describe('toSample and isSamplePoint', () => {
  it('reads memoryUsage in MB to 0.1, seconds to 0.1', () => {
    expect(answers['sample']).toEqual({
      extractions: 300,
      seconds: 12.3,
      rssMb: 250,
      heapUsedMb: 100,
      externalMb: 12,
      arrayBuffersMb: 0.1,
    });
  });

  it('samples after every 100th extraction, not before the first', () => {
    expect(answers['samplePoints']).toEqual([false, false, false, true, false, true]);
  });
});

describe('judgeCurve', () => {
  it('passes a run under the limit and takes the slope over the last 1,000 only', () => {
    expect(answers['flat']).toEqual({
      peakRssMb: 250,
      overLimit: [],
      tailSlopeMbPer1000: 0,
      tailFrom: 1000,
      tailTo: 2000,
      passed: true,
    });
  });

  it('fails a run at every sample past the limit, and its slope shows the growth', () => {
    const growing = answers['growing'] as {
      peakRssMb: number;
      overLimit: { extractions: number }[];
      tailSlopeMbPer1000: number;
      passed: boolean;
    };
    expect(growing.passed).toBe(false);
    expect(growing.peakRssMb).toBe(440);
    // 200 + 0.12 n passes 400 after 1,666 extractions: the samples at 1,700 to 2,000.
    expect(growing.overLimit.map((s) => s.extractions)).toEqual([1700, 1800, 1900, 2000]);
    expect(growing.tailSlopeMbPer1000).toBe(120);
  });

  it('does not pass a run without samples', () => {
    expect((answers['empty'] as { passed: boolean }).passed).toBe(false);
  });
});
