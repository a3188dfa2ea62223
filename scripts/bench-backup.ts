/**
 * Backup and restore at scale, in Chromium against the browser host: seeds a library (default
 * 10,000 articles, each with an article body of `--body-bytes`), then backs it up through
 * Settings → Back up library and restores that file through Restore…, timing each to the status
 * line and sampling the page's JS heap (CDP `Runtime.getHeapUsage`, every 100 ms) meanwhile: a
 * restore that held the whole library's rows would show a peak growing with the library.
 *
 *   npx tsx scripts/bench-backup.ts [--articles N] [--feeds N] [--body-bytes N]
 *     [--images N] [--image-bytes N]
 *     [--live-checkpoints N] [--heap-snapshot PREFIX] [--sampling-profile FILE] [--incognito]
 *
 * Diagnostics (off by default, they slow the restore): `--live-checkpoints N` forces a full
 * collection N times in each step of the restore (reading the file, then replacing the library)
 * and records the heap left, the restore's live set, which a bounded restore keeps flat;
 * `--heap-snapshot PREFIX` writes a heap snapshot (CDP HeapProfiler) two thirds of the way
 * (`--heap-snapshot-at F`) through each step, PREFIX-read.heapsnapshot and
 * PREFIX-write.heapsnapshot, to see what holds it; `--sampling-profile FILE` (with checkpoints)
 * samples allocations from the restore's start and writes, at the checkpoint with the most live
 * heap, the stacks that allocated what is still alive (CDP HeapProfiler.getSamplingProfile):
 * small where a snapshot of a large heap is not.
 *
 * Uses the built app (out/); builds it when out/renderer/index.html is missing. Progress goes to
 * stderr; the last stdout line is one JSON object with every figure. Automatic backups are off
 * (the host's BROADSHEET_AUTO_BACKUPS), so the daily one does not run during the figures.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { startBrowserHost } from '../tests/e2e/support/browser-host';
import { seedLibrary } from '../tests/e2e/support/seed-library';
import {
  arg,
  BenchReport,
  ensureBuilt,
  flag,
  launchChromium,
  launchChromiumProfile,
  log,
  machine,
  need,
  runBench,
} from './bench-kit';

const ARTICLES = arg('articles', 10_000);
const FEEDS = arg('feeds', 50);
const BODY_BYTES = arg('body-bytes', 2_000);
/** Stored images (none by default), each shown by one article, of `--image-bytes` each. */
const IMAGES = flag('images') === undefined ? 0 : arg('images', 1);
const IMAGE_BYTES = arg('image-bytes', 20_000);
const LIVE_CHECKPOINTS = flag('live-checkpoints') === undefined ? 0 : arg('live-checkpoints', 1);
const HEAP_SNAPSHOT = flag('heap-snapshot');
const INCOGNITO = process.argv.includes('--incognito');
const SAMPLING = flag('sampling-profile');
/** How far through each step the snapshot is taken (a fraction of its rows). */
const SNAPSHOT_AT = arg('heap-snapshot-at', 2 / 3);
const MINUTE = 60_000;
const MB = 1024 * 1024;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/**
 * Gives every seeded article a body of about `bytes`, as a fetched whole article has: in
 * transactions of a few thousand rows (one transaction over a large library is far slower).
 */
async function addBodies(page: Page, bytes: number): Promise<number> {
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const batch: { n: number; last: string | null } = await page.evaluate(
      async ({ bytes, after }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('broadsheet');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const paragraph = '<p>The council met on Tuesday to discuss the budget of the city. </p>';
        const body = paragraph.repeat(Math.max(1, Math.round(bytes / paragraph.length)));
        const tx = db.transaction('articles', 'readwrite');
        const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
        let n = 0;
        let last: string | null = null;
        await new Promise<void>((resolve, reject) => {
          const cursor = tx.objectStore('articles').openCursor(range);
          cursor.onerror = () => reject(cursor.error);
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at || n === 5000) return resolve();
            at.update({ ...(at.value as object), contentHtml: body });
            last = at.primaryKey as string;
            n++;
            at.continue();
          };
        });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
        return { n, last };
      },
      { bytes, after },
    );
    total += batch.n;
    if (batch.n === 0 || batch.last === null) return total;
    after = batch.last;
    if (total % 20_000 === 0) log(`  ${total} bodies written`);
  }
}

/**
 * Stores `count` images of `bytes` each (random bytes, as a photo does not compress), each shown
 * by one article, as offline reading keeps them: rows large enough that few fit a slice of the
 * backup file when it is restored.
 */
async function addImages(page: Page, count: number, bytes: number): Promise<number> {
  let done = 0;
  while (done < count) {
    const n = Math.min(200, count - done);
    await page.evaluate(
      async ({ from, n, bytes }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('broadsheet');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const read = db
          .transaction('articles')
          .objectStore('articles')
          .getAllKeys(null, from + n);
        const ids = await new Promise<IDBValidKey[]>((resolve, reject) => {
          read.onsuccess = () => resolve(read.result);
          read.onerror = () => reject(read.error);
        });
        const tx = db.transaction('images', 'readwrite');
        const store = tx.objectStore('images');
        for (let i = from; i < from + n; i++) {
          const data = new Uint8Array(bytes);
          for (let at = 0; at < bytes; at += 65536)
            crypto.getRandomValues(data.subarray(at, at + 65536));
          store.put({
            url: `https://images.example/${i}.jpg`,
            articleIds: [String(ids[i % ids.length])],
            status: 'ok',
            blob: new Blob([data], { type: 'image/jpeg' }),
            contentType: 'image/jpeg',
            bytes,
            attempts: 1,
            fetchedAt: Date.now(),
          });
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { from: done, n, bytes },
    );
    done += n;
  }
  return done;
}

/** The restore's progress bar as the page shows it, or null when there is none. */
async function readProgress(
  cdp: CDPSession,
): Promise<{ text: string; done: number; total: number } | null> {
  const { result } = (await cdp.send('Runtime.evaluate', {
    expression: `(() => {
      const bar = document.querySelector('[role="progressbar"]');
      return bar ? [bar.getAttribute('aria-valuetext'), Number(bar.getAttribute('aria-valuenow')),
        Number(bar.getAttribute('aria-valuemax'))] : null;
    })()`,
    returnByValue: true,
  })) as { result: { value: [string, number, number] | null } };
  return result.value && { text: result.value[0], done: result.value[1], total: result.value[2] };
}

/** Writes a heap snapshot of the page to `file` (CDP streams it in chunks). */
async function writeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const out = createWriteStream(file);
  const onChunk = ({ chunk }: { chunk: string }) => out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/**
 * Samples the page's used JS heap until stopped; the peak and the first sample, in MB, and the
 * peak in each step of a restore (read, then write), told apart by the progress bar's text.
 * With diagnostics on, also the live heap at checkpoints of the read step and a snapshot.
 */
function sampleHeap(cdp: CDPSession, diagnose = false) {
  let running = true;
  let peak = 0;
  let samples = 0;
  const peakByStep: Record<string, number> = {};
  const live: { step: string; rows: number; liveMb: number; atSecond: number }[] = [];
  const snapshots = new Set<string>();
  // The allocation sampler's live objects at the checkpoint with the most live heap.
  let sampled: { liveMb: number; profile: unknown } | undefined;
  if (diagnose && SAMPLING)
    void cdp.send('HeapProfiler.startSampling', { samplingInterval: 16384 });
  const started = performance.now();
  const loop = (async () => {
    while (running) {
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      peak = Math.max(peak, usedSize);
      samples++;
      const progress = await readProgress(cdp).catch(() => null);
      const step = progress?.text.startsWith('Reading')
        ? 'read'
        : progress?.text.startsWith('Replacing')
          ? 'write'
          : 'other';
      peakByStep[step] = Math.max(peakByStep[step] ?? 0, round(usedSize / MB));
      if (diagnose && (step === 'read' || step === 'write') && progress && progress.total > 0) {
        const points = live.filter((p) => p.step === step).length;
        const due = (points + 1) / (LIVE_CHECKPOINTS + 1);
        if (
          LIVE_CHECKPOINTS > 0 &&
          points < LIVE_CHECKPOINTS &&
          progress.done >= due * progress.total
        ) {
          await cdp.send('HeapProfiler.collectGarbage');
          const after = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
          const point = {
            step,
            rows: progress.done,
            liveMb: round(after.usedSize / MB),
            atSecond: round((performance.now() - started) / 1000),
          };
          live.push(point);
          if (SAMPLING && point.liveMb > (sampled?.liveMb ?? 0)) {
            const { profile } = (await cdp.send('HeapProfiler.getSamplingProfile')) as {
              profile: unknown;
            };
            sampled = { liveMb: point.liveMb, profile };
          }
          log(
            `  live heap at ${point.rows} rows (${step}): ${point.liveMb} MB, ${point.atSecond} s`,
          );
        }
        if (
          HEAP_SNAPSHOT &&
          !snapshots.has(step) &&
          progress.done >= SNAPSHOT_AT * progress.total
        ) {
          snapshots.add(step);
          const file = `${HEAP_SNAPSHOT}-${step}.heapsnapshot`;
          log(`  heap snapshot at ${progress.done} rows (${step}) → ${file}`);
          await writeHeapSnapshot(cdp, file);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    if (SAMPLING && sampled) {
      writeFileSync(SAMPLING, JSON.stringify(sampled.profile));
      log(`  sampling heap profile at ${sampled.liveMb} MB live → ${SAMPLING}`);
    }
    return {
      heapPeakMb: round(peak / MB),
      samples,
      peakByStepMb: peakByStep,
      ...(diagnose ? { live } : {}),
    };
  };
}

/** The heap after a full collection: what the page holds at rest. */
async function heapAtRest(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return round(usedSize / MB);
}

const report = new BenchReport({
  benchmark: 'backup',
  machine: machine(),
  articles: ARTICLES,
  feeds: FEEDS,
  bodyBytes: BODY_BYTES,
  ...(IMAGES > 0 ? { images: IMAGES, imageBytes: IMAGE_BYTES } : {}),
  ...(INCOGNITO ? { incognito: true } : {}),
});

async function main(): Promise<void> {
  ensureBuilt();
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-backup-'));
  const host = await startBrowserHost({ BROADSHEET_AUTO_BACKUPS: 'off' });
  const options = { viewport: { width: 1280, height: 800 }, acceptDownloads: true };
  // A profile on disk, as the app keeps its library (see launchChromiumProfile); `--incognito`
  // runs as this bench did before, IndexedDB in memory, to compare with those figures.
  const browser = INCOGNITO ? await launchChromium() : undefined;
  const context = browser
    ? await browser.newContext(options)
    : await launchChromiumProfile(path.join(work, 'profile'), options);
  try {
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper;
    // functions sent to page.evaluate need it defined in the page.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await page.goto(host.url);
    await page.locator('html[data-library-ready]').waitFor({ state: 'attached' });
    const settings = page.getByRole('dialog', { name: 'Settings' });

    await report.phase('library', 30 * MINUTE, async () => {
      log(`seeding ${ARTICLES} articles in ${FEEDS} feeds…`);
      await seedLibrary(page, { feeds: FEEDS, articles: ARTICLES });
      log('seeded; writing bodies…');
      const bodies = await addBodies(page, BODY_BYTES);
      log(`${bodies} articles given a body of about ${BODY_BYTES} bytes`);
      if (IMAGES > 0) {
        await addImages(page, IMAGES, IMAGE_BYTES);
        log(`${IMAGES} images of ${IMAGE_BYTES} bytes stored`);
      }
      await page.reload();
      await page.locator('.article-list-count').waitFor();
    });

    const file = await report.phase('backup', 60 * MINUTE, async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      const atRest = await heapAtRest(cdp);
      log('backing up…');
      const stop = sampleHeap(cdp);
      const started = performance.now();
      const downloading = page.waitForEvent('download', { timeout: 60 * MINUTE });
      await settings.getByRole('button', { name: 'Back up library' }).click();
      const download = await downloading;
      await settings.getByText('Backup saved.').waitFor({ timeout: 60 * MINUTE });
      const seconds = (performance.now() - started) / 1000;
      const heap = await stop();
      const saved = path.join(work, 'backup.json');
      await download.saveAs(saved);
      const fileMb = round(statSync(saved).size / MB);
      report.set('backup', { seconds: round(seconds, 2), fileMb, heapAtRestMb: atRest, ...heap });
      log(`backup: ${seconds.toFixed(1)} s, ${fileMb} MB, heap peak ${heap.heapPeakMb} MB`);
      return saved;
    });

    await report.phase('restore', 120 * MINUTE, async () => {
      const saved = need(file, 'backup');
      const atRest = await heapAtRest(cdp);
      // When the restore's last step (the switch into the library) starts, in page time.
      await page.evaluate(() => {
        const w = window as unknown as { switchAt?: number };
        delete w.switchAt;
        new MutationObserver((_, observer) => {
          const bar = document.querySelector('[role="progressbar"]');
          if (bar?.getAttribute('aria-valuetext')?.startsWith('Replacing')) {
            w.switchAt = performance.now();
            observer.disconnect();
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      log('restoring…');
      await settings.getByLabel('Backup file to restore').setInputFiles(saved);
      const stop = sampleHeap(cdp, LIVE_CHECKPOINTS > 0 || HEAP_SNAPSHOT !== undefined);
      const started = await page.evaluate(() => performance.now());
      await settings.getByRole('button', { name: 'Replace library' }).click();
      await settings
        .getByRole('status')
        .filter({ hasText: /Restored|Could not restore/ })
        .waitFor({ timeout: 120 * MINUTE });
      const ended = await page.evaluate(() => performance.now());
      const heap = await stop();
      const status = await settings
        .getByRole('status')
        .filter({ hasText: /Restored|Could not restore/ })
        .innerText();
      if (!status.startsWith('Restored')) throw new Error(status);
      const switchAt = await page.evaluate(
        () => (window as unknown as { switchAt?: number }).switchAt,
      );
      const restored = Number(/([\d,]+) articles?/.exec(status)?.[1]?.replace(/,/g, '') ?? NaN);
      report.set('restore', {
        seconds: round((ended - started) / 1000, 2),
        // Reading, judging, staging and upgrading; then the one transaction into the library.
        stageSeconds: switchAt === undefined ? null : round((switchAt - started) / 1000, 2),
        switchSeconds: switchAt === undefined ? null : round((ended - switchAt) / 1000, 2),
        articlesRestored: restored,
        ...(IMAGES > 0
          ? {
              imagesRestored: Number(
                /([\d,]+) images?/.exec(status)?.[1]?.replace(/,/g, '') ?? NaN,
              ),
            }
          : {}),
        heapAtRestMb: atRest,
        ...heap,
      });
      log(`restore: ${((ended - started) / 1000).toFixed(1)} s, heap peak ${heap.heapPeakMb} MB`);
    });
  } finally {
    await context.close();
    await browser?.close();
    await host.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

runBench(main, report);
