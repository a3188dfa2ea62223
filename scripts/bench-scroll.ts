/**
 * Mark as read on scroll with a large library, in Chromium against the browser host: seeds
 * 100,000 articles across 200 feeds (every third unread) straight into IndexedDB, waits for the
 * search index, then measures scroll frames with the option off and on (All articles, where read
 * rows stay, and Unread, where they leave from above and the list keeps the rows on screen in
 * place), and the time from a scroll past unread rows to the counts' repaint.
 *
 *   npx tsx scripts/bench-scroll.ts [--articles N] [--feeds N] [--rounds N] [--steps N] [--headed]
 *
 * Uses the built app (out/); builds it when out/renderer/index.html is missing. Progress goes to
 * stderr; the last stdout line is one JSON object with every figure. Each phase has its own
 * time limit: one that fails or runs out of time is reported as `{ error, timedOut }` under its
 * name, the other figures are still printed, and the exit code is 1.
 */
import os from 'node:os';
import type { Page } from '@playwright/test';
import { startBrowserHost } from '../tests/e2e/support/browser-host';
import { seedLibrary } from '../tests/e2e/support/seed-library';
import { waitForSearchIndex } from './bench-page';
import {
  arg,
  BenchReport,
  ensureBuilt,
  launchChromium,
  log,
  machine,
  need,
  runBench,
  stats,
} from './bench-kit';

const ARTICLES = arg('articles', 100_000);
const FEEDS = arg('feeds', 200);
const STEPS = arg('steps', 10);
const ROUNDS = arg('rounds', 3);
const HEADED = process.argv.includes('--headed');
const MINUTE = 60_000;
/** The marker's settle time (features/articles/hooks/scroll-read-marker.ts): a floor by design. */
const SETTLE_MS = 300;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/**
 * Scrolls the list `pxPerFrame` every animation frame for `ms` from its top and records frame
 * intervals. Setting scrollTop is a scroll the list did not make itself, so the marker takes it
 * as the reader's.
 */
function scrollFrames(page: Page, pxPerFrame: number, ms: number) {
  return page.evaluate(
    ({ pxPerFrame, ms }) =>
      new Promise<{ frames: number[]; distance: number }>((resolve) => {
        const scroller = document.querySelector<HTMLElement>('.article-list-scroller')!;
        scroller.scrollTop = 0;
        const frames: number[] = [];
        let last = performance.now();
        const end = last + ms;
        const step = (now: number) => {
          frames.push(now - last);
          last = now;
          scroller.scrollTop += pxPerFrame;
          if (now < end) return requestAnimationFrame(step);
          resolve({ frames: frames.slice(1), distance: scroller.scrollTop });
        };
        // Two frames at the top first, so the rows there are seen before they move.
        requestAnimationFrame(() =>
          requestAnimationFrame((now) => {
            last = now;
            requestAnimationFrame(step);
          }),
        );
      }),
    { pxPerFrame, ms },
  );
}

/** Unread articles in All articles / Unread, read past the app (a key-range count). */
function unreadInIndex(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('broadsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const count = db
            .transaction('articles')
            .objectStore('articles')
            .index('[crowd+unread+publishedAt]')
            .count(IDBKeyRange.bound([1, 1, -Infinity], [1, 1, Infinity]));
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/**
 * One scroll step of `px` in the Unread view, then times until the view's count and a sidebar
 * badge repaint (both include the marker's settle time).
 */
function countFollows(page: Page, px: number) {
  return page.evaluate(
    (px) =>
      new Promise<{ viewMs: number; sidebarMs: number }>((resolve, reject) => {
        const scroller = document.querySelector<HTMLElement>('.article-list-scroller')!;
        const count = document.querySelector('.article-list-count')!;
        const nav = document.querySelector('nav[aria-label="Sources"]')!;
        const before = count.textContent;
        const badges = () =>
          [...nav.querySelectorAll('.badge')].map((b) => b.getAttribute('aria-label')).join();
        const badgesBefore = badges();
        let viewMs: number | undefined;
        let sidebarMs: number | undefined;
        const start = performance.now();
        const check = () => {
          if (viewMs === undefined && count.textContent !== before) {
            viewMs = performance.now() - start;
          }
          if (sidebarMs === undefined && badges() !== badgesBefore) {
            sidebarMs = performance.now() - start;
          }
          if (viewMs === undefined || sidebarMs === undefined) return;
          observer.disconnect();
          resolve({ viewMs, sidebarMs });
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error('counts unchanged after 10 s')), 10_000);
        scroller.scrollTop += px;
      }),
    px,
  );
}

async function setOnScroll(page: Page, on: boolean): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sources' })
    .getByRole('button', { name: 'Settings' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const box = dialog.getByRole('checkbox', {
    name: 'Also mark articles as read when I scroll past them in the list',
  });
  if ((await box.isChecked()) !== on) await box.click();
  await page.waitForFunction(
    (want) =>
      [...document.querySelectorAll<HTMLInputElement>('dialog input[type="checkbox"]')].some(
        (input) =>
          input.parentElement?.textContent?.includes('scroll past') && input.checked === want,
      ),
    on,
  );
  await dialog.getByRole('button', { name: 'Done' }).click();
}

async function showView(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sources' })
    .getByRole('button', { name, exact: true })
    .click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
  await page.locator('.article-list-count').waitFor();
  await page.waitForTimeout(500);
}

const report = new BenchReport({ benchmark: 'bench-scroll', date: new Date().toISOString() });

async function main(): Promise<void> {
  ensureBuilt();
  const host = await startBrowserHost();
  const browser = await launchChromium({ headless: !HEADED });
  report.set('machine', {
    ...machine(),
    chromium: browser.version(),
    headless: !HEADED,
    viewport: '1280x800',
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper;
    // functions sent to page.evaluate need it defined in the page.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('.article-list-count, .list-pane .empty').first().waitFor();

    const seeded = await report.phase('library', 30 * MINUTE, async () => {
      log(`seeding ${ARTICLES} articles in ${FEEDS} feeds…`);
      const started = performance.now();
      const library = await seedLibrary(page, { feeds: FEEDS, articles: ARTICLES, unreadEvery: 3 });
      report.set('library', {
        articles: library.articles,
        feeds: FEEDS,
        unread: library.unread,
        seedSeconds: round((performance.now() - started) / 1000),
      });
      return library;
    });

    const ready = await report.phase('searchIndex.buildMs', 10 * MINUTE, async () => {
      need(seeded, 'library');
      log('waiting for the search index to be built…');
      await page.reload();
      await page.locator('.article-list-count').waitFor();
      report.set('searchIndex.buildMs', Math.round(await waitForSearchIndex(page, 10 * MINUTE)));
      return true;
    });

    const summarize = (frames: number[], read: number, distance: number, settled: number) => ({
      frames: frames.length,
      meanMs: round(frames.reduce((s, f) => s + f, 0) / frames.length, 2),
      p95Ms: stats(frames).p95,
      maxMs: round(Math.max(...frames)),
      over32ms: frames.filter((f) => f > 32).length,
      over50ms: frames.filter((f) => f > 50).length,
      // In Unread the rows read leave from above and the list moves back by their height.
      distancePx: Math.round(distance),
      // Where the list stands once the last batch is written and its rows have left.
      settledPx: Math.round(settled),
      markedRead: read,
    });

    /** 3 s at 40 px a frame from the top of `view`, with the option as given. */
    const scrollRun = async (view: string, on: boolean) => {
      await setOnScroll(page, on);
      await showView(page, view);
      const unreadBefore = await unreadInIndex(page);
      const run = await scrollFrames(page, 40, 3000);
      // The last batch settles after the scroll stops.
      await page.waitForTimeout(SETTLE_MS * 3);
      const settled = await page.evaluate(
        () => document.querySelector('.article-list-scroller')!.scrollTop,
      );
      return { ...run, settled, read: unreadBefore - (await unreadInIndex(page)) };
    };

    await report.phase('scroll', 10 * MINUTE, async () => {
      need(ready, 'searchIndex.buildMs');
      // Off and on alternate (off on, on off, …) and are pooled per arm: on a shared machine
      // the load moves more between runs than the option could.
      for (const view of ['All articles', 'Unread']) {
        log(`scrolling ${view}, ${ROUNDS} rounds of off and on…`);
        const arms = { off: [] as number[], on: [] as number[] };
        const read = { off: 0, on: 0 };
        const distance = { off: 0, on: 0 };
        const settled = { off: 0, on: 0 };
        const rounds: unknown[] = [];
        for (let n = 0; n < ROUNDS; n++) {
          const order: ('off' | 'on')[] = n % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
          for (const arm of order) {
            const run = await scrollRun(view, arm === 'on');
            arms[arm].push(...run.frames);
            read[arm] += run.read;
            distance[arm] += run.distance / ROUNDS;
            settled[arm] += run.settled / ROUNDS;
            rounds.push({ arm, ...summarize(run.frames, run.read, run.distance, run.settled) });
          }
        }
        const key = view === 'Unread' ? 'unread' : 'allArticles';
        report.set(`scroll.${key}.off`, summarize(arms.off, read.off, distance.off, settled.off));
        report.set(`scroll.${key}.on`, summarize(arms.on, read.on, distance.on, settled.on));
        report.set(`scroll.${key}.rounds`, rounds);
      }
    });

    await report.phase('countUpdateMs', 5 * MINUTE, async () => {
      need(ready, 'searchIndex.buildMs');
      log('time from a scroll to the counts…');
      await setOnScroll(page, true);
      await showView(page, 'Unread');
      const runs: { viewMs: number; sidebarMs: number }[] = [];
      for (let n = 0; n < STEPS; n++) {
        runs.push(await countFollows(page, 400));
        await page.waitForTimeout(SETTLE_MS * 3);
      }
      report.set('countUpdateMs', {
        settleMs: SETTLE_MS,
        view: stats(runs.map((r) => r.viewMs)),
        sidebar: stats(runs.map((r) => r.sidebarMs)),
        sidebarBeyondSettle: stats(runs.map((r) => r.sidebarMs - SETTLE_MS)),
      });
    });
  } finally {
    report.set('machine.loadAverage1mEnd', round(os.loadavg()[0] ?? 0, 2));
    await browser.close();
    await host.stop();
  }
}

runBench(main, report);
