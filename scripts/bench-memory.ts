/**
 * Main's memory over many full-text extractions (issue 15, item 6): `articles.fetchFull` as the
 * browser host serves it — the dispatcher, createCore, the address guard (this loopback server
 * allowed as a host the reader typed), real HTTP, and the extraction worker pool — over pages
 * built from the shared corpora (memory-pages.ts, served from a child process so its pages are
 * not in the measured RSS). The pool's workers are threads, so process.memoryUsage().rss is all
 * of main's memory, theirs included.
 *
 *   npx tsx scripts/bench-memory.ts [--extractions 2000] [--every 100] [--limit-mb 400]
 *     [--concurrency 3] [--timeout-ms 10000] [--tail 1000] [--seed 1]
 *     [--workers N] [--max-heap-mb N] [--recycle-above-heap-mb N] [--young-generation-mb N]
 *     (the pool's size, heap cap, recycling bound and young generation; the app's by default)
 *
 * Samples rss, heapUsed, external and arrayBuffers before the first extraction and after every
 * `--every`; fails (exit 1) if any sample's RSS is past `--limit-mb`. Reports the slope of RSS
 * over the last `--tail` extractions (flat ≈ 0 MB per 1,000), throughput, and each page kind's
 * outcomes and timings. The pool runs with the app's settings except its timeout: 10 s instead
 * of 60 s, so that the slow pages time out (their worker ended and replaced, the path most
 * likely to strand memory) without spending minutes of a shared machine on each.
 *
 * Main's side runs here under tsx, with the bench's own code and the page builder loaded, which
 * the app does not carry: its RSS before the first extraction is above the built browser host's
 * at rest (`node out/main/host.js`), so the limit is held with that margin against us.
 *
 * Progress goes to stderr; the last stdout line is one JSON object with every figure gathered,
 * a failed phase recorded as `{ error, timedOut }` under its name.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher, type Dispatch } from '@main/api/dispatch';
import {
  createExtractPool,
  EXTRACT_HEAP_MB,
  EXTRACT_POOL_SIZE,
  EXTRACT_YOUNG_GENERATION_MB,
  RECYCLE_ABOVE_HEAP_MB,
  type ExtractPool,
} from '@main/articles/extract-pool';
import { createCore, userAgent, type Core } from '@main/core';
import { createNetGuard, type NetGuard } from '@main/net/guarded-fetch';
import { trackerHostReason } from '@main/privacy/trackers';
import {
  BenchReport,
  REPO,
  arg,
  flag,
  log,
  need,
  runBench,
  stats,
  machine,
  seededRandom,
} from './bench-kit';
import { isSamplePoint, judgeCurve, toSample, type MemorySample } from './memory-curve';
import { KIND_WEIGHTS, type PageInfo, type PageKind } from './memory-pages';

const MINUTE = 60_000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** The run's fetches: a kind by KIND_WEIGHTS, then one of its pages, `count` times. */
function drawRun(pages: PageInfo[], count: number, seed: number): PageInfo[] {
  const next = seededRandom(seed);
  const byKind = new Map<PageKind, PageInfo[]>();
  for (const page of pages) byKind.set(page.kind, [...(byKind.get(page.kind) ?? []), page]);
  const kinds = (Object.entries(KIND_WEIGHTS) as [PageKind, number][]).filter(([kind]) =>
    byKind.has(kind),
  );
  const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);
  return Array.from({ length: count }, () => {
    let pick = next() * total;
    const [kind] = kinds.find(([, weight]) => (pick -= weight) < 0) ?? kinds.at(-1)!;
    const choices = byKind.get(kind)!;
    return choices[Math.floor(next() * choices.length)]!;
  });
}

interface Server {
  child: ChildProcess;
  port: number;
  pages: PageInfo[];
}

function startServer(): Promise<Server> {
  // tsx's loader comes with process.execArgv, which fork passes on.
  const child = fork(path.join(__dirname, 'memory-page-server.ts'), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number; pages: PageInfo[] }) =>
      resolve({ child, ...message }),
    );
    child.once('exit', (code) => reject(new Error(`the page server stopped (exit code ${code})`)));
  });
}

interface Main {
  pool: ExtractPool;
  guard: NetGuard;
  core: Core;
  dispatch: Dispatch;
  workerScript: string;
}

/** Main as serve.ts puts it together, minus the HTTP transport in front of the dispatcher. */
function startMain(pool: {
  timeoutMs: number;
  size?: number;
  maxHeapMb?: number;
  recycleAboveHeapMb?: number;
  youngGenerationMb?: number;
}): Main {
  // The built worker when there is one (what the app runs), else its source through tsx.
  const built = path.join(REPO, 'out', 'main', 'extract-worker.js');
  const script = existsSync(built) ? built : undefined;
  const extractPool = createExtractPool({ ...(script ? { script } : {}), ...pool });
  const guard = createNetGuard({ refuseHost: trackerHostReason });
  const core = createCore({
    net: guard,
    userAgent: userAgent('0.0.0-bench', 'browser'),
    now: Date.now,
    appInfo: { name: 'Broadsheet', version: '0.0.0', host: 'browser', platform: process.platform },
    emit: () => undefined,
    extract: extractPool.extract,
  });
  // A bug (not an AppError) is reported as `internal` in the outcomes; its stack goes to stderr.
  const dispatch = createDispatcher(core.handlers, (error) => log(`internal: ${String(error)}`));
  return {
    pool: extractPool,
    guard,
    core,
    dispatch,
    workerScript: path.relative(REPO, script ?? 'src/main/articles/extract-worker.ts (tsx)'),
  };
}

interface KindFigures {
  fetched: number;
  articles: number;
  errors: Record<string, number>;
  /** Pages that answered otherwise than their kind should (an article refused, or the reverse). */
  unexpected: number;
  times: number[];
}

/**
 * The most RSS the process has held since it started (Linux's VmHWM), between samples too: a
 * figure beside the curve, not its verdict, which is on the samples as issue 15 asks. A big page
 * being read in the worker passes the samples' figures for the seconds it takes.
 */
function highWaterRssMb(): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb ? round(Number(kb) / 1024, 1) : undefined;
  } catch {
    return undefined;
  }
}

const sample = (done: number, started: number): MemorySample =>
  toSample(done, (performance.now() - started) / 1000, process.memoryUsage());

async function run(
  main: Main,
  server: Server,
  options: {
    extractions: number;
    every: number;
    concurrency: number;
    seed: number;
    limitMb: number;
  },
) {
  const order = drawRun(server.pages, options.extractions, options.seed);
  const kinds = new Map<PageKind, KindFigures>();
  const started = performance.now();
  const samples: MemorySample[] = [sample(0, started)];
  log(`  0 extractions: rss ${samples[0]!.rssMb} MB`);
  let bytes = 0;
  let done = 0;
  let nextIndex = 0;
  // Past twice the limit the verdict is known; stop before the machine's other users feel it.
  const abortMb = options.limitMb * 2;
  let aborted = false;

  async function fetchOne(page: PageInfo): Promise<void> {
    const url = `http://127.0.0.1:${server.port}${page.path}`;
    const began = performance.now();
    const result = await main.dispatch('articles.fetchFull', {
      url,
      allowPrivateHost: '127.0.0.1',
    });
    const figures = kinds.get(page.kind) ?? {
      fetched: 0,
      articles: 0,
      errors: {},
      unexpected: 0,
      times: [],
    };
    kinds.set(page.kind, figures);
    figures.fetched++;
    figures.times.push(performance.now() - began);
    if (result.ok) figures.articles++;
    else figures.errors[result.error.code] = (figures.errors[result.error.code] ?? 0) + 1;
    if (page.article !== undefined && result.ok !== page.article) figures.unexpected++;
    bytes += page.bytes;
    done++;
    if (isSamplePoint(done, options.every)) {
      const s = sample(done, started);
      samples.push(s);
      log(
        `  ${done} extractions: rss ${s.rssMb} MB, heap ${s.heapUsedMb} MB, external ${s.externalMb} MB (${s.seconds} s)`,
      );
      if (s.rssMb > abortMb) aborted = true;
    }
  }

  async function lane(): Promise<void> {
    while (nextIndex < order.length && !aborted) await fetchOne(order[nextIndex++]!);
  }
  try {
    await Promise.all(Array.from({ length: options.concurrency }, lane));
  } finally {
    // Whatever happened, the samples taken so far are figures.
    const seconds = (performance.now() - started) / 1000;
    report.set('samples', samples);
    report.set('highWaterRssMb', highWaterRssMb());
    report.set('throughput', {
      extractions: done,
      seconds: round(seconds, 1),
      extractionsPerSec: round(done / seconds),
      sourceMbPerSec: round(bytes / 1024 / 1024 / seconds),
    });
    report.set(
      'kinds',
      Object.fromEntries(
        Array.from(kinds, ([kind, { times, ...rest }]) => [kind, { ...rest, ms: stats(times) }]),
      ),
    );
    if (aborted) report.set('abortedPastMb', abortMb);
  }
  return samples;
}

const report = new BenchReport({ benchmark: 'memory', machine: machine() });

async function main(): Promise<void> {
  const options = {
    extractions: arg('extractions', 2000),
    every: arg('every', 100),
    limitMb: arg('limit-mb', 400),
    // As many at once as the renderer's offline pass asks for (pipeline/offline-pass.ts BATCH).
    concurrency: arg('concurrency', 3),
    timeoutMs: arg('timeout-ms', 10_000),
    tail: arg('tail', 1000),
    seed: arg('seed', 1),
  };
  report.set('options', options);
  let server: Server | undefined;
  let app: Main | undefined;
  try {
    server = await report.phase('pages', 5 * MINUTE, async () => {
      const started = await startServer();
      const byKind: Record<string, { pages: number; bytes: number }> = {};
      for (const page of started.pages) {
        const kind = (byKind[page.kind] ??= { pages: 0, bytes: 0 });
        kind.pages++;
        kind.bytes += page.bytes;
      }
      log(`Serving ${started.pages.length} pages on 127.0.0.1:${started.port}`);
      report.set('pages', byKind);
      return started;
    });
    const poolOptions = {
      timeoutMs: options.timeoutMs,
      // The app's own pool size and heap cap unless asked otherwise (for comparing settings).
      ...(flag('workers') ? { size: arg('workers', EXTRACT_POOL_SIZE) } : {}),
      ...(flag('max-heap-mb') ? { maxHeapMb: arg('max-heap-mb', EXTRACT_HEAP_MB) } : {}),
      ...(flag('recycle-above-heap-mb')
        ? { recycleAboveHeapMb: arg('recycle-above-heap-mb', RECYCLE_ABOVE_HEAP_MB) }
        : {}),
      ...(flag('young-generation-mb')
        ? { youngGenerationMb: arg('young-generation-mb', EXTRACT_YOUNG_GENERATION_MB) }
        : {}),
    };
    report.set('pool', poolOptions);
    app = startMain(poolOptions);
    report.set('workerScript', app.workerScript);
    const running = { main: app, server: need(server, 'the page server') };
    const samples = await report.phase('run', 120 * MINUTE, () =>
      run(running.main, running.server, options),
    );
    const verdict = judgeCurve(need(samples, 'the run'), {
      limitMb: options.limitMb,
      tailExtractions: options.tail,
    });
    const { overLimit, ...figures } = verdict;
    report.set('verdict', { ...figures, overLimitAt: overLimit.map((s) => s.extractions) });
    if (!verdict.passed) {
      report.fail(
        'memory',
        new Error(`RSS went past ${options.limitMb} MB (peak ${verdict.peakRssMb} MB)`),
      );
    }
  } finally {
    if (app) {
      app.core.scheduler.dispose();
      await app.pool.close();
      await app.guard.close();
    }
    server?.child.kill();
  }
}

runBench(main, report);
