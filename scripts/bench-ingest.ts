/**
 * Ingest benchmark: (a) parse-and-sanitize throughput over the real-feed corpus, (b) a refresh
 * of 500 feeds through the real scheduler, fetch pipeline and loopback fixture server.
 *
 *   npx tsx scripts/bench-ingest.ts [--passes N]
 *
 * Progress goes to stderr; the last stdout line is one JSON object with every figure. Each phase
 * has its own time limit: one that fails or runs out of time is reported as
 * `{ error, timedOut }` under its name, the other figures are still printed, and the exit code
 * is 1.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFeedFetcher } from '@main/feeds/feed-fetcher';
import { sanitizeFeed } from '@main/feeds/feed-service';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { createSyncScheduler, type SchedulerDeps } from '@main/sync/scheduler';
import { systemClock } from '@main/sync/sync-handlers';
import type { Events } from '@shared/contract';
import { AppError } from '@shared/result';
import { DEFAULT_SYNC_SETTINGS, type FeedSyncState } from '@shared/sync-model';
import { startFixtureServer, type FixtureServer } from '../tests/fixture-server/server';
import { BenchReport, log, runBench } from './bench-kit';

const REPO = path.resolve(__dirname, '..');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpora', 'real-feeds');
const FEED_COUNT = 500;
const CHANGED_EVERY = 10;
const CONCURRENCY = DEFAULT_SYNC_SETTINGS.concurrency;
const LATENCY_MS = 25;
const GOALS = { parseItemsPerSec: 5000, refreshSeconds: 5 };

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

// ---------------------------------------------------------------------------------------------
// (a) parse and sanitize

interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

function loadCorpus(): CorpusFile[] {
  const manifest = readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8');
  const [header = '', ...rows] = manifest.split('\n').filter((line) => line.trim());
  const fileColumn = header.split('\t').indexOf('file');
  return rows.map((row) => {
    const name = row.split('\t')[fileColumn] ?? '';
    return { name, bytes: new Uint8Array(readFileSync(path.join(CORPUS, name))) };
  });
}

interface PassResult {
  items: number;
  bytes: number;
  seconds: number;
  failures: Record<string, number>;
}

/**
 * Yields after every file, as the app does between feeds. This matters beyond realism: jsdom
 * holds a WeakRef to each NodeIterator DOMPurify creates, and V8 keeps every WeakRef target
 * (with its whole parsed document) alive until the current job ends, so sanitizing the whole
 * corpus in one synchronous loop retains every document ever sanitized and runs out of heap.
 */
const nextJob = () => new Promise<void>((resolve) => setImmediate(resolve));

async function runPass(files: CorpusFile[], sanitize: boolean): Promise<PassResult> {
  const failures: Record<string, number> = {};
  let items = 0;
  let bytes = 0;
  const started = performance.now();
  for (const file of files) {
    bytes += file.bytes.byteLength;
    try {
      const feed = parseFeed(file.bytes, { url: `https://bench.invalid/${file.name}` });
      items += (sanitize ? sanitizeFeed(feed) : feed).items.length;
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'thrown';
      failures[code] = (failures[code] ?? 0) + 1;
    }
    await nextJob();
  }
  return { items, bytes, seconds: (performance.now() - started) / 1000, failures };
}

async function measure(files: CorpusFile[], sanitize: boolean, passes: number) {
  await runPass(files, sanitize); // warm-up: JIT, the sanitizer's one-off DOM
  let items = 0;
  let bytes = 0;
  let seconds = 0;
  let best = Infinity;
  let last: PassResult | undefined;
  for (let pass = 1; pass <= passes; pass++) {
    last = await runPass(files, sanitize);
    items += last.items;
    bytes += last.bytes;
    seconds += last.seconds;
    best = Math.min(best, last.seconds);
    log(
      `  ${sanitize ? 'parse+sanitize' : 'parse'} pass ${pass}/${passes}: ` +
        `${last.items} items in ${last.seconds.toFixed(2)} s`,
    );
  }
  return {
    passes,
    items,
    bytes,
    seconds: round(seconds, 3),
    itemsPerSec: Math.round(items / seconds),
    // Other processes share this machine; the best pass is the least disturbed one.
    bestPassItemsPerSec: Math.round((last?.items ?? 0) / best),
    mbPerSec: round(bytes / (1024 * 1024) / seconds),
    itemsPerPass: last?.items ?? 0,
    failedFilesPerPass: last?.failures ?? {},
  };
}

// ---------------------------------------------------------------------------------------------
// (b) refresh of 500 feeds, 90% answering 304

function feedXml(n: number, version: number): string {
  const items = Array.from(
    { length: 10 },
    (_, i) =>
      `<item><guid>feed-${n}-item-${i}</guid><title>Story ${i} of feed ${n} (v${version})</title>` +
      `<link>https://example.com/${n}/${i}</link><pubDate>Mon, 15 Jan 2024 10:0${i}:00 GMT</pubDate>` +
      `<description>&lt;p&gt;Paragraph &lt;b&gt;${i}&lt;/b&gt; of story ${i}.&lt;/p&gt;</description></item>`,
  ).join('');
  return (
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title>` +
    `<link>https://example.com/${n}</link>${items}</channel></rss>`
  );
}

async function putAll(server: FixtureServer, numbers: number[], version: number): Promise<void> {
  for (let start = 0; start < numbers.length; start += 50) {
    await Promise.all(
      numbers.slice(start, start + 50).map(async (n) => {
        const response = await fetch(`${server.url}/mutable/feed-${n}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/rss+xml' },
          body: feedXml(n, version),
        });
        if (!response.ok) throw new Error(`PUT feed-${n} answered ${response.status}`);
        await response.arrayBuffer();
      }),
    );
  }
}

/** The fixture server has no in-flight hook, so count on the http.Server it creates. */
async function startCountingServer() {
  const inFlight = { current: 0, max: 0 };
  const original = http.createServer;
  http.createServer = ((...args: Parameters<typeof http.createServer>) => {
    const server = original(...args);
    server.prependListener('request', (_request, response) => {
      inFlight.current += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.current);
      response.once('close', () => {
        inFlight.current -= 1;
      });
    });
    return server;
  }) as typeof http.createServer;
  try {
    return { server: await startFixtureServer(), inFlight };
  } finally {
    http.createServer = original;
  }
}

type SyncResult = Events['sync.result'];

async function benchRefresh() {
  const { server, inFlight } = await startCountingServer();
  try {
    const numbers = Array.from({ length: FEED_COUNT }, (_, n) => n);
    await putAll(server, numbers, 1);
    log(`  ${FEED_COUNT} feeds stored on ${server.url}`);

    const results: SyncResult[] = [];
    let clientInFlight = 0;
    let clientMax = 0;
    let wake: (() => void) | undefined;
    const fetcher = createFeedFetcher({
      fetch: globalThis.fetch,
      userAgent: 'Broadsheet-bench',
      now: Date.now,
    });
    const deps: SchedulerDeps = {
      ...systemClock,
      fetchFeed: async (request, limits) => {
        clientInFlight += 1;
        clientMax = Math.max(clientMax, clientInFlight);
        try {
          return await fetcher(request, limits);
        } finally {
          clientInFlight -= 1;
        }
      },
      emit: (name, payload) => {
        if (name === 'sync.result') results.push(payload as SyncResult);
        else if (!(payload as Events['sync.progress']).running) wake?.();
      },
      log: (message, error) => log(`  scheduler: ${message}: ${String(error)}`),
    };
    const scheduler = createSyncScheduler(deps);
    const settings = { ...DEFAULT_SYNC_SETTINGS, concurrency: CONCURRENCY };
    const idle = () => new Promise<void>((resolve) => (wake = resolve));
    const feeds: FeedSyncState[] = numbers.map((n) => ({
      id: `feed-${n}`,
      url: `${server.url}/mutable/feed-${n}`,
    }));

    // Initial fetch: the launch refresh learns every feed's validators.
    const done = idle();
    const started = performance.now();
    scheduler.setFeeds(feeds, settings);
    await done;
    const initialSeconds = (performance.now() - started) / 1000;
    const initialOk = results.filter((r) => r.ok && r.result.status === 'ok').length;
    log(`  initial fetch: ${initialOk}/${FEED_COUNT} ok in ${initialSeconds.toFixed(2)} s`);
    const stored = feeds.map((feed): FeedSyncState => {
      const result = results.find((r) => r.feedId === feed.id);
      if (!result?.ok || result.result.status !== 'ok') return feed;
      return {
        ...feed,
        etag: result.result.etag,
        lastModified: result.result.lastModified,
        lastFetchedAt: result.fetchedAt,
      };
    });

    // One feed in ten changes upstream; the rest must answer 304.
    await putAll(
      server,
      numbers.filter((n) => n % CHANGED_EVERY === 0),
      2,
    );
    const refreshAll = async (label: string, feedsNow: FeedSyncState[]) => {
      results.length = 0;
      inFlight.max = 0;
      clientMax = 0;
      scheduler.setFeeds(feedsNow, settings);
      const finished = idle();
      const begun = performance.now();
      scheduler.refresh();
      await finished;
      const seconds = (performance.now() - begun) / 1000;
      const ok = results.filter((r) => r.ok && r.result.status === 'ok').length;
      const notModified = results.filter((r) => r.ok && r.result.status === 'not-modified').length;
      const failed = results.filter((r) => !r.ok).length;
      log(
        `  ${label}: ${ok} × 200, ${notModified} × 304, ${failed} failed in ` +
          `${seconds.toFixed(2)} s, at most ${inFlight.max} in flight on the server`,
      );
      return {
        seconds: round(seconds, 3),
        status200: ok,
        status304: notModified,
        failed,
        maxInFlightServer: inFlight.max,
        maxInFlightClient: clientMax,
      };
    };
    const loopback = await refreshAll('refresh', stored);
    // The loopback server answers in well under a millisecond, so requests barely overlap on
    // its side. With some latency they do, which shows the limit being reached and held.
    const withLatency = await refreshAll(
      `refresh with ${LATENCY_MS} ms latency`,
      stored.map((feed) => ({ ...feed, url: `${feed.url}?delay=${LATENCY_MS}` })),
    );
    scheduler.dispose();
    return {
      feeds: FEED_COUNT,
      concurrency: CONCURRENCY,
      initialFetchSeconds: round(initialSeconds, 3),
      ...loopback,
      withLatency: { latencyMs: LATENCY_MS, ...withLatency },
    };
  } finally {
    await server.close();
  }
}

// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000;

const report = new BenchReport({
  bench: 'ingest',
  date: new Date().toISOString(),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  },
});

async function main(): Promise<void> {
  const passesArg = process.argv.indexOf('--passes');
  const passes = passesArg === -1 ? 3 : Math.max(1, Number(process.argv[passesArg + 1]) || 3);

  const parsed = await report.phase('parse', 20 * MINUTE, async () => {
    log('parse: loading the real-feeds corpus');
    const files = loadCorpus();
    const parse = await measure(files, false, passes);
    const parseAndSanitize = await measure(files, true, passes);
    report.set('parse', {
      files: files.length,
      parseItemsPerSec: parse.itemsPerSec,
      parseAndSanitizeItemsPerSec: parseAndSanitize.itemsPerSec,
      parseOnly: parse,
      parseAndSanitize,
    });
    return parseAndSanitize;
  });

  const refresh = await report.phase('refresh', 10 * MINUTE, async () => {
    log(`refresh: ${FEED_COUNT} feeds, 1 in ${CHANGED_EVERY} changed, concurrency ${CONCURRENCY}`);
    const measured = await benchRefresh();
    report.set('refresh', measured);
    return measured;
  });

  // A goal whose figures are missing is left out, not judged.
  report.set('goals', {
    parseAndSanitizeItemsPerSec: GOALS.parseItemsPerSec,
    ...(parsed && { parseAndSanitizeMet: parsed.itemsPerSec >= GOALS.parseItemsPerSec }),
    refreshSeconds: GOALS.refreshSeconds,
    ...(refresh && {
      refreshMet: refresh.seconds <= GOALS.refreshSeconds,
      concurrencyRespected:
        Math.max(refresh.maxInFlightServer, refresh.withLatency.maxInFlightServer) <= CONCURRENCY,
    }),
  });
}

runBench(main, report);
