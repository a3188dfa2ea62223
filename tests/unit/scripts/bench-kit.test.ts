import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../..');
const KIT = path.join(REPO, 'scripts/bench-kit.ts');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const work = mkdtempSync(path.join(tmpdir(), 'bench-kit-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs a small bench built on the kit in its own process, as `npm run bench:*` does, and
 * returns its exit code and the JSON of stdout's last line. (The bench is written to a temp
 * file: the scripts are their own TypeScript project, which the tests may not import from.)
 */
function runBenchScript(body: string) {
  const file = path.join(work, `bench-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(
    file,
    `import { BenchReport, need, runBench } from ${JSON.stringify(KIT)};\n${body}\n`,
  );
  const started = performance.now();
  const run = spawnSync(TSX, [file], { encoding: 'utf8', timeout: 60_000 });
  const lines = run.stdout.trim().split('\n');
  return {
    status: run.status,
    seconds: (performance.now() - started) / 1000,
    stderr: run.stderr,
    report: lines.at(-1) ? (JSON.parse(lines.at(-1)!) as Record<string, unknown>) : undefined,
  };
}

describe('bench kit phases', { timeout: 60_000 }, () => {
  it('prints every other figure when one phase times out, and exits with 1', () => {
    const run = runBenchScript(`
      const report = new BenchReport({ benchmark: 'demo' });
      runBench(async () => {
        const library = await report.phase('library', 5_000, async () => {
          report.set('library', { articles: 3 });
          return 3;
        });
        // Never settles, and keeps the event loop busy: like a page stuck on a slow write.
        const marked = await report.phase('markOlderThanWeek.unreadView', 300, () =>
          new Promise<number>(() => setInterval(() => undefined, 1000)),
        );
        await report.phase('scroll', 5_000, async () => report.set('scroll', { frames: need(library, 'library') * 60 }));
        await report.phase('afterMark', 5_000, async () => report.set('afterMark', need(marked, 'marking')));
        // What a phase measured before it failed (the click, before its fold timed out) stays.
        await report.phase('broken', 5_000, async () => { report.set('broken', { ms: 21 }); throw new Error('no menu'); });
        await report.phase('markOlderThanWeek.oneFeed', 5_000, async () => report.set('markOlderThanWeek.oneFeedMs', 12));
      }, report);
    `);
    expect(run.status).toBe(1);
    expect(run.seconds).toBeLessThan(30);
    expect(run.report).toEqual({
      benchmark: 'demo',
      library: { articles: 3 },
      scroll: { frames: 180 },
      markOlderThanWeek: {
        unreadView: {
          error: 'markOlderThanWeek.unreadView timed out after 0.3 s',
          timedOut: true,
        },
        oneFeedMs: 12,
      },
      afterMark: { error: 'skipped: marking failed', timedOut: false },
      broken: { ms: 21, error: 'no menu', timedOut: false },
      failedPhases: ['markOlderThanWeek.unreadView', 'afterMark', 'broken'],
    });
    expect(run.stderr).toContain('markOlderThanWeek.unreadView failed (timed out)');
  });

  it('counts an in-page wait that says it timed out as a time-out', () => {
    const run = runBenchScript(`
      const report = new BenchReport();
      runBench(async () => {
        await report.phase('switch', 5_000, async () => { throw new Error('page.evaluate: Error: view Unread timed out after 10 s'); });
      }, report);
    `);
    expect(run.report).toMatchObject({ switch: { timedOut: true } });
  });

  it('prints what it has when an error escapes every phase', () => {
    const run = runBenchScript(`
      const report = new BenchReport({ benchmark: 'demo' });
      runBench(async () => {
        await report.phase('parse', 5_000, async () => report.set('parse', { itemsPerSec: 9000 }));
        throw new Error('browser would not start');
      }, report);
    `);
    expect(run.status).toBe(1);
    expect(run.report).toEqual({
      benchmark: 'demo',
      parse: { itemsPerSec: 9000 },
      run: { error: 'browser would not start', timedOut: false },
      failedPhases: ['run'],
    });
  });

  it('prints what it measured when stopped by SIGTERM mid-phase, and exits with 1', async () => {
    const file = path.join(work, 'bench-stopped.ts');
    writeFileSync(
      file,
      `import { BenchReport, runBench } from ${JSON.stringify(KIT)};
      const report = new BenchReport({ benchmark: 'demo' });
      runBench(async () => {
        await report.phase('seed', 5_000, async () => report.set('seed', { rows: 10 }));
        process.stderr.write('seeded\\n');
        await report.phase('retention', 120_000, () => new Promise(() => setInterval(() => {}, 1000)));
      }, report);
      `,
    );
    const child = spawn(TSX, [file]);
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Stopped once the first phase is done, as a long run is stopped by hand.
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('seeded')) child.kill('SIGTERM');
    });
    // `close`: every holder of the pipes is gone, the bench's own process too (tsx relays).
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(1);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      benchmark: 'demo',
      seed: { rows: 10 },
      stopped: { error: 'stopped by SIGTERM', timedOut: false },
      failedPhases: ['stopped'],
    });
  });

  it('exits with 0 and no failedPhases when every phase succeeds', () => {
    const run = runBenchScript(`
      const report = new BenchReport();
      runBench(async () => {
        await report.phase('a', 5_000, async () => report.set('a', 1));
      }, report);
    `);
    expect(run.status).toBe(0);
    expect(run.report).toEqual({ a: 1 });
  });
});
