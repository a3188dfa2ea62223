/**
 * Bytes on disk per article, and how much of a purge's space comes back. Seeds N articles
 * (text and sanitized HTML from the search bench's corpus, a share with real JPEG/PNG/WebP
 * images) straight into the app's IndexedDB in headless Chromium against the browser host, lets
 * the app build its search index, and reports per article: logical bytes (what was written, per
 * field; the engine's own stored byte count) and the Chromium profile's IndexedDB files (LevelDB
 * and blob files, once settled). Then a retention pass purges the old share and the disk is read
 * before the purge, right after it, once the app's clean-up (the index's expunge) is done, and
 * after a browser restart.
 *
 *   npx tsx scripts/bench-storage.ts [--articles N] [--image-share 0.3] [--purge-share 0.5]
 *     [--keep-profile]
 *
 * Uses the built app (out/); builds it when out/renderer/index.html is missing. Progress goes to
 * stderr; the last stdout line is one JSON object with every figure, printed even when a phase
 * fails (that phase then holds `{ error, timedOut }`, and the exit code is 1).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';
import { startBrowserHost, type RunningHost } from '../tests/e2e/support/browser-host';
import { patchSetting } from '../tests/e2e/support/seed-library';
import { buildPool } from './bench-search/pool';
import type { IndexStats, SeedTally, StorageBenchPage } from './bench-storage/page';
import {
  arg,
  BenchReport,
  dirBytes,
  ensureBuilt,
  log,
  machine,
  need,
  REPO,
  runBench,
} from './bench-kit';

const ARTICLES = Math.floor(arg('articles', 10_000));
const IMAGE_SHARE = arg('image-share', 0.3);
const PURGE_SHARE = arg('purge-share', 0.5);
const KEEP_PROFILE = process.argv.includes('--keep-profile');
const CHUNK = 10_000;
const MINUTE = 60_000;
/** Past the seeded library's newest articles (1 day) and before its old ones (60 days). */
const RETENTION_DAYS = 30;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1e6, 1);

/**
 * The page module, bundled into one script (it imports the corpus generator) and evaluated
 * through DevTools: the app's CSP refuses inline script tags, as it should.
 */
function pageScript(): string {
  const built = buildSync({
    entryPoints: [path.join(REPO, 'scripts/bench-storage/page.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return built.outputFiles[0]!.text;
}

interface Disk {
  /** The origin's LevelDB directories (every database of the origin shares one). */
  leveldb: number;
  /** Blob files (images): Chromium keeps each Blob value as a file beside the LevelDB. */
  blob: number;
  total: number;
}

function diskNow(profile: string): Disk {
  const root = path.join(profile, 'Default', 'IndexedDB');
  let leveldb = 0;
  let blob = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    // No IndexedDB yet.
  }
  for (const name of entries) {
    const bytes = dirBytes(path.join(root, name));
    if (name.endsWith('.blob')) blob += bytes;
    else leveldb += bytes;
  }
  return { leveldb, blob, total: leveldb + blob };
}

/**
 * The IndexedDB files once LevelDB has stopped writing (it compacts lazily, in the background):
 * a reading taken while a compaction runs counts its input and output files both, so we wait
 * for three equal readings two seconds apart (at most `limitMs`).
 */
async function settledDisk(
  profile: string,
  limitMs = 3 * MINUTE,
): Promise<Disk & { waitedMs: number }> {
  const started = Date.now();
  let last = diskNow(profile);
  let same = 0;
  while (same < 2 && Date.now() - started < limitMs) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const now = diskNow(profile);
    same = now.total === last.total ? same + 1 : 0;
    last = now;
  }
  return { ...last, waitedMs: Date.now() - started };
}

const describeDisk = (disk: Disk) =>
  `${mb(disk.total)} MB (LevelDB ${mb(disk.leveldb)} MB, blobs ${mb(disk.blob)} MB)`;

const call = <K extends keyof StorageBenchPage>(
  page: Page,
  method: K,
  ...args: Parameters<StorageBenchPage[K]>
) =>
  page.evaluate(
    ([name, params]) => {
      const bench = (
        globalThis as unknown as { storageBench: Record<string, (...a: unknown[]) => unknown> }
      ).storageBench;
      return bench[name as string]!(...(params as unknown[]));
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<StorageBenchPage[K]>>>;

async function launch(profile: string): Promise<BrowserContext> {
  const { chromium } = await import('@playwright/test');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper;
  // functions sent to page.evaluate need it defined in the page.
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return context;
}

/** Opens the app and waits for its list (or empty state) to paint. */
async function openApp(context: BrowserContext, host: RunningHost, script: string): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => log(`  page error: ${error.message}`));
  await page.goto(host.url);
  await page.locator('.article-list-count, .list-pane .empty').first().waitFor({ timeout: MINUTE });
  await page.evaluate(script);
  return page;
}

/**
 * Closes the browser and opens the origin's databases again from a page that is not the app
 * (so no rebuild or purge starts), then waits for the files to settle: LevelDB drops deleted
 * records and superseded versions only when a compaction reaches them, which a session left
 * idle may never do, and an open does. These readings are what the next session starts with.
 */
async function restartSettled(
  context: BrowserContext,
  profile: string,
  host: RunningHost,
  script: string,
): Promise<{
  context: BrowserContext;
  page: Page;
  disk: Disk & { waitedMs: number };
  /** With every page of the origin closed, before the browser exits. */
  closed: Disk;
}> {
  // Pages gone first, so every connection to the origin's databases closes and Chromium may
  // run what it runs when a backing store closes; the reading in between says what that gave.
  for (const open of context.pages()) await open.goto('about:blank');
  const closed = await settledDisk(profile, 2 * MINUTE);
  await context.close();
  const next = await launch(profile);
  const page = next.pages()[0] ?? (await next.newPage());
  // The host answers 404 here: a page of the app's origin that runs none of the app.
  await page.goto(`${host.origin}/storage-bench-blank`);
  await page.evaluate(script);
  await call(page, 'counts');
  await call(page, 'indexStats', true);
  return { context: next, page, disk: await settledDisk(profile, 10 * MINUTE), closed };
}

/**
 * Polls the stored index until `done` holds for it and no commit came for `quietPolls` readings
 * five seconds apart (the worker merges two seconds after its last write, then segment by
 * segment).
 */
async function waitForIndex(
  page: Page,
  done: (stats: IndexStats) => boolean,
  limitMs: number,
  what: string,
  quietPolls = 1,
): Promise<IndexStats> {
  const until = Date.now() + limitMs;
  let previous: IndexStats | undefined;
  let quiet = 0;
  for (;;) {
    const stats = await call(page, 'indexStats', true);
    quiet = done(stats) && previous?.generation === stats.generation ? quiet + 1 : 0;
    if (done(stats) && quiet >= quietPolls) return call(page, 'indexStats', false);
    previous = stats;
    if (Date.now() > until) throw new Error(`${what}: timed out at ${JSON.stringify(stats)}`);
    await page.waitForTimeout(done(stats) ? 5_000 : 500);
  }
}

const report = new BenchReport({
  benchmark: 'bench-storage',
  articles: ARTICLES,
  imageShare: IMAGE_SHARE,
  purgeShare: PURGE_SHARE,
});

async function main(): Promise<void> {
  ensureBuilt();
  report.set('machine', machine());
  const pool = buildPool();
  const script = pageScript();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bench-storage-'));
  const host = await startBrowserHost();
  let context = await launch(profile);
  report.set('machine.chromium', context.browser()?.version() ?? 'unknown');
  const now = Date.now();
  try {
    let page = await openApp(context, host, script);
    // The app purges at every start with its default retention (a cap of 1,000 per feed):
    // nothing is purged until the bench asks for it.
    await patchSetting(page, 'retention', {
      keepReadDays: null,
      keepUnreadDays: null,
      maxPerFeed: null,
    });
    // Seeded from a page of the origin that is not the app, after a restart: the app's search
    // worker, started meanwhile, would index articles as they land rather than at the build.
    const empty = await report.phase('disk.empty', 10 * MINUTE, async () => {
      const restarted = await restartSettled(context, profile, host, script);
      context = restarted.context;
      page = restarted.page;
      report.set('disk.empty', restarted.disk);
      return restarted.disk;
    });

    let purgeProbe: string | undefined;
    const seeded = await report.phase('seed', 120 * MINUTE, async () => {
      const images = await call(page, 'prepare', pool);
      report.set('imageVariants', images);
      purgeProbe = await call(page, 'purgeProbe', PURGE_SHARE);
      await call(page, 'seedFeeds', now);
      const total: SeedTally = {
        articles: 0,
        textBytes: 0,
        htmlBytes: 0,
        images: 0,
        imageBytes: 0,
        imageRowBytes: 0,
        old: 0,
        bookmarked: 0,
      };
      const started = performance.now();
      for (let from = 0; from < ARTICLES; from += CHUNK) {
        const to = Math.min(ARTICLES, from + CHUNK);
        const tally = await call(page, 'seed', {
          from,
          to,
          imageShare: IMAGE_SHARE,
          oldShare: PURGE_SHARE,
          now,
        });
        for (const key of Object.keys(total) as (keyof SeedTally)[]) total[key] += tally[key];
        log(`  seeded ${to} / ${ARTICLES} (${round((performance.now() - started) / 1000)} s)`);
      }
      report.set('seed', { ...total, seconds: round((performance.now() - started) / 1000) });
      return total;
    });

    const afterSeed = await report.phase('disk.afterSeed', 10 * MINUTE, async () => {
      need(seeded, 'seed');
      const restarted = await restartSettled(context, profile, host, script);
      context = restarted.context;
      const disk = restarted.disk;
      log(`  articles and images on disk: ${describeDisk(disk)} (after a restart)`);
      report.set('disk.afterSeed', disk);
      return disk;
    });

    // The seeded library has no index: the worker builds it at the next start.
    const indexed = await report.phase('index', 90 * MINUTE, async () => {
      const tally = need(seeded, 'seed');
      log('  building the search index…');
      const started = performance.now();
      page = await openApp(context, host, script);
      const stats = await waitForIndex(
        page,
        (s) => !s.rebuilding && s.liveCount >= tally.articles,
        90 * MINUTE,
        'index build',
      );
      report.set('index', { ...stats, buildSeconds: round((performance.now() - started) / 1000) });
      log(`  index: ${mb(stats.bytes)} MB in ${stats.segments} segments`);
      return stats;
    });

    const afterIndex = await report.phase('disk.afterIndex', 10 * MINUTE, async () => {
      need(indexed, 'index');
      const settled = await settledDisk(profile, 10 * MINUTE);
      report.set('disk.afterIndexSameSession', settled);
      const restarted = await restartSettled(context, profile, host, script);
      context = restarted.context;
      const disk = restarted.disk;
      log(
        `  with the index: ${describeDisk(disk)} after a restart (${describeDisk(settled)} before it)`,
      );
      report.set('disk.afterIndex', disk);
      page = await openApp(context, host, script);
      return disk;
    });

    await report.phase('perArticle', MINUTE, async () => {
      const tally = need(seeded, 'seed');
      const n = tally.articles;
      const per = (bytes: number) => Math.round(bytes / n);
      const logical = {
        text: per(tally.textBytes),
        html: per(tally.htmlBytes),
        index: indexed ? per(indexed.bytes) : null,
        images: per(tally.imageBytes + tally.imageRowBytes),
        imageFiles: per(tally.imageBytes),
      };
      report.set('perArticle.logical', {
        ...logical,
        total: logical.text + logical.html + (logical.index ?? 0) + logical.images,
      });
      const base = need(empty, 'disk.empty');
      const seededDisk = need(afterSeed, 'disk.afterSeed');
      // Articles and image rows share the origin's LevelDB: its growth over the seeding is
      // shared out by their logical shares (LevelDB compresses them alike, with Snappy). The
      // images' files are the blob directory's growth; the index is the LevelDB's growth over
      // the build.
      const rows = seededDisk.leveldb - base.leveldb;
      const logicalRows = tally.textBytes + tally.htmlBytes + tally.imageRowBytes;
      const share = (bytes: number) => (rows * bytes) / logicalRows;
      const disk = {
        text: per(share(tally.textBytes)),
        html: per(share(tally.htmlBytes)),
        index: afterIndex ? per(afterIndex.leveldb - seededDisk.leveldb) : null,
        images: per(seededDisk.blob - base.blob + share(tally.imageRowBytes)),
        total: per((afterIndex ?? seededDisk).total - base.total),
      };
      report.set('perArticle.disk', disk);
      log(`  per article, logical: ${JSON.stringify(logical)}; on disk: ${JSON.stringify(disk)}`);
    });

    // Retention purges the old share (bookmarked articles stay); the app then removes them
    // from the index, which expunges the segments they leave mostly empty.
    const purged = await report.phase('purge', 60 * MINUTE, async () => {
      const tally = need(seeded, 'seed');
      need(indexed, 'index');
      const before = need(afterIndex, 'disk.afterIndex');
      const rowsBefore = await call(page, 'counts');
      await patchSetting(page, 'retention', {
        keepReadDays: RETENTION_DAYS,
        keepUnreadDays: RETENTION_DAYS,
        maxPerFeed: null,
      });
      log(`  purging articles older than ${RETENTION_DAYS} days…`);
      const started = performance.now();
      // The app applies retention at start, once the list has painted.
      await page.reload();
      await page
        .locator('.article-list-count')
        .first()
        .waitFor({ timeout: 5 * MINUTE });
      await page.evaluate(script);
      // Retention deletes in one transaction: once one doomed article is gone, all are.
      const probe = need(purgeProbe, 'seed');
      const until = Date.now() + 60 * MINUTE;
      let told = Date.now();
      while ((await call(page, 'hasArticle', probe)) && Date.now() < until) {
        await page.waitForTimeout(250);
        if (Date.now() - told > 30_000) {
          told = Date.now();
          const shown = await page.locator('[role="alert"]').allTextContents();
          log(`  ${probe} still stored${shown.length ? `; page says ${shown.join(' / ')}` : ''}`);
        }
      }
      const rows = await call(page, 'counts');
      if (rows['articles']! >= tally.articles) throw new Error('the app purged nothing');
      const purgeSeconds = round((performance.now() - started) / 1000);
      // Right after the purge: the disk holds the deletions' records, the index does not know
      // yet (the app's index upkeep sends the removals next).
      const disk = diskNow(profile);
      const indexAtPurge = await call(page, 'indexStats', true);
      // Once the index has the removals, before its clean-up (two seconds after the last).
      const index = await waitForIndex(
        page,
        (s) => s.liveCount <= rows['articles']!,
        10 * MINUTE,
        'index removals',
        0,
      );
      log(
        `  purged ${rowsBefore['articles']! - rows['articles']!} articles in ${purgeSeconds} s; disk then ${describeDisk(disk)}`,
      );
      const removed = (s: IndexStats) => ({
        ...s,
        removedInSegments: s.docsInSegments - s.liveCount,
      });
      report.set('purge', {
        seconds: purgeSeconds,
        rowsBefore,
        rowsAfter: rows,
        indexAtPurge: removed(indexAtPurge),
        indexWithRemovals: removed(index),
      });
      report.set('disk.beforePurge', before);
      report.set('disk.rightAfterPurge', disk);
      return { rows, index };
    });

    const compacted = await report.phase('compaction', 60 * MINUTE, async () => {
      need(purged, 'purge');
      log('  waiting for the index clean-up and the disk to settle…');
      const started = performance.now();
      // Done when the worker has stopped committing: its merges after the removals are over
      // (whatever they left: the figure says how many removed documents segments still hold).
      const index = await waitForIndex(page, () => true, 60 * MINUTE, 'index clean-up', 3);
      const disk = await settledDisk(profile, 10 * MINUTE);
      report.set('compaction', {
        seconds: round((performance.now() - started) / 1000),
        index: { ...index, removedInSegments: index.docsInSegments - index.liveCount },
      });
      report.set('disk.afterCompaction', disk);
      log(`  after the clean-up: ${describeDisk(disk)}; index ${mb(index.bytes)} MB`);
      return disk;
    });

    // LevelDB drops deleted records only when a compaction reaches them: a restart shows
    // what the next session starts with.
    await report.phase('disk.afterRestart', 15 * MINUTE, async () => {
      need(compacted, 'compaction');
      const restarted = await restartSettled(context, profile, host, script);
      context = restarted.context;
      report.set('disk.closed', restarted.closed);
      report.set('disk.afterRestart', restarted.disk);
      log(
        `  closed: ${describeDisk(restarted.closed)}; after a restart: ${describeDisk(restarted.disk)}`,
      );
    });

    const pick = (name: string) =>
      (report.figures['disk'] as Record<string, Disk> | undefined)?.[name];
    const before = pick('beforePurge');
    if (before) {
      const freed = (name: string) => {
        const after = pick(name);
        return after
          ? { totalMb: mb(after.total), freedShare: round(1 - after.total / before.total, 3) }
          : null;
      };
      report.set('purgeSummary', {
        beforeMb: mb(before.total),
        rightAfterPurge: freed('rightAfterPurge'),
        afterCompaction: freed('afterCompaction'),
        afterRestart: freed('afterRestart'),
        articlesPurgedShare: purged
          ? round(1 - purged.rows['articles']! / need(seeded, 'seed').articles, 3)
          : null,
      });
    }
  } finally {
    report.set('machine.loadAverage1mEnd', round(os.loadavg()[0] ?? 0, 2));
    // Bounded: closing a browser that died can hang, and the report must still be printed.
    await Promise.race([
      context.close().catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 30_000)),
    ]);
    await host.stop();
    if (!KEEP_PROFILE) rmSync(profile, { recursive: true, force: true });
    else log(`profile kept in ${profile}`);
  }
}

runBench(main, report);
