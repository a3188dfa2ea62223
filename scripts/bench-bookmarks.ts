/**
 * Bookmarks at scale, in Chromium against the browser host: seeds a library (default 50,000
 * articles, every 10th bookmarked, 40 topic tags plus one large "to-read" tag), then measures
 * how fast a tag view paints, how long export and import take, and how long renaming the
 * largest tag takes across all its articles.
 *
 *   npx tsx scripts/bench-bookmarks.ts [--articles N] [--feeds N] [--switches N]
 *
 * Uses the built app (out/); builds it when out/renderer/index.html is missing. Progress goes to
 * stderr; the last stdout line is one JSON object with every figure. Each phase has its own
 * time limit: one that fails or runs out of time is reported as `{ error, timedOut }` under its
 * name, the other figures are still printed, and the exit code is 1.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startBrowserHost } from '../tests/e2e/support/browser-host';
import { seedLibrary } from '../tests/e2e/support/seed-library';
import {
  arg,
  BenchReport,
  ensureBuilt,
  launchChromium,
  log,
  need,
  runBench,
  stats,
} from './bench-kit';

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

const ARTICLES = arg('articles', 50_000);
const FEEDS = arg('feeds', 100);
const SWITCHES = arg('switches', 11);
const BOOKMARK_EVERY = 10;
const TOPICS = 40;

/** Bookmarks every n-th seeded article with one topic tag, and every third of those "to-read". */
function tagSeeded(page: Page): Promise<{ bookmarks: number; toRead: number }> {
  return page.evaluate(
    async ({ every, topics }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('broadsheet');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('articles', 'readwrite');
      let n = 0;
      let bookmarks = 0;
      let toRead = 0;
      const now = Date.now();
      await new Promise<void>((resolve, reject) => {
        const cursor = tx.objectStore('articles').openCursor();
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (!at) return resolve();
          if (n++ % every === 0) {
            const article = at.value as { tags: string[]; bookmarkedAt?: number; note?: string };
            const topic = `topic ${String(bookmarks % topics).padStart(2, '0')}`;
            article.tags = bookmarks % 3 === 0 ? [topic, 'to-read'] : [topic];
            article.bookmarkedAt = now - bookmarks * 1000;
            article.note = `Note ${bookmarks}: why this one matters.`;
            if (bookmarks % 3 === 0) toRead++;
            bookmarks++;
            at.update(article);
          }
          at.continue();
        };
      });
      db.close();
      return { bookmarks, toRead };
    },
    { every: BOOKMARK_EVERY, topics: TOPICS },
  );
}

/** Clicks a source and times, in the page, until the view's heading and rows are painted. */
function switchTo(page: Page, label: string, heading: string, size: number): Promise<number> {
  return page.evaluate(
    (t) =>
      new Promise<number>((resolve, reject) => {
        const nav = document.querySelector('nav[aria-label="Sources"]');
        const button = [...(nav?.querySelectorAll('button') ?? [])].find((b) =>
          (b.textContent ?? '').replace(/^#/, '').startsWith(t.label),
        );
        if (!button) return reject(new Error(`no source button ${t.label}`));
        const ready = (): boolean =>
          document.getElementById('article-list-heading')?.textContent === t.heading &&
          document.querySelector('ul[aria-label="Articles"] > li')?.getAttribute('aria-setsize') ===
            String(t.size) &&
          document.querySelector('ul[aria-label="Articles"] [data-article-id]') !== null;
        const start = performance.now();
        let done = false;
        const check = () => {
          if (done || !ready()) return;
          done = true;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        button.click();
        check();
      }),
    { label, heading, size },
  );
}

async function timeDownload(page: Page, label: string): Promise<{ ms: number; path: string }> {
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  const start = performance.now();
  await settings.getByRole('button', { name: label }).click();
  const download = await downloading;
  const ms = performance.now() - start;
  const file = path.join(os.tmpdir(), `bench-${process.pid}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { ms, path: file };
}

async function timeImport(page: Page, file: string): Promise<{ ms: number; message: string }> {
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const status = settings.getByRole('status').filter({ hasText: /^(Imported|Could not)/ });
  const start = performance.now();
  await settings.getByLabel('Bookmarks file to import').setInputFiles(file);
  await status.waitFor({ timeout: 300_000 });
  return { ms: performance.now() - start, message: (await status.textContent()) ?? '' };
}

const MINUTE = 60_000;

const report = new BenchReport({
  bench: 'bookmarks',
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, load1: os.loadavg()[0] },
});

async function main(): Promise<void> {
  ensureBuilt();
  const host = await startBrowserHost();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    // tsx compiles with esbuild's keepNames, which wraps named functions in a `__name` helper;
    // functions sent to page.evaluate need it defined in the page.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('html[data-library-ready]').waitFor({ state: 'attached' });
    const sidebar = page.getByRole('navigation', { name: 'Sources' });
    const settings = page.getByRole('dialog', { name: 'Settings' });

    const library = await report.phase('library', 30 * MINUTE, async () => {
      log(`seeding ${ARTICLES} articles in ${FEEDS} feeds…`);
      await seedLibrary(page, { feeds: FEEDS, articles: ARTICLES, unreadEvery: 3 });
      const tagged = await tagSeeded(page);
      log(`${tagged.bookmarks} bookmarks, ${tagged.toRead} tagged to-read`);
      // Dexie did not see the raw writes: start again from a reload, then wait for the tags.
      await page.reload();
      await sidebar.getByRole('button', { name: /^to-read \d+ articles$/ }).waitFor();
      report.set('library', {
        articles: ARTICLES,
        feeds: FEEDS,
        bookmarks: tagged.bookmarks,
        tags: TOPICS + 1,
        largestTag: tagged.toRead,
      });
      return tagged;
    });

    await report.phase('tagViewSwitchMs', 5 * MINUTE, async () => {
      const { bookmarks, toRead } = need(library, 'library');
      const smallTag = 'topic 07';
      const smallSize = Math.ceil((bookmarks - 7) / TOPICS);
      log('tag view switches…');
      const toSmall: number[] = [];
      const toLarge: number[] = [];
      const toBookmarks: number[] = [];
      for (let n = 0; n < SWITCHES; n++) {
        toSmall.push(await switchTo(page, smallTag, `Tag: ${smallTag}`, smallSize));
        toLarge.push(await switchTo(page, 'to-read', 'Tag: to-read', toRead));
        // The starter article in Saved is not bookmarked: Bookmarks holds the seeded ones only.
        toBookmarks.push(await switchTo(page, 'Bookmarks', 'Bookmarks', bookmarks));
      }
      report.set('tagViewSwitchMs', {
        smallTag: { articles: smallSize, ...stats(toSmall) },
        largestTag: { articles: toRead, ...stats(toLarge) },
        bookmarks: { articles: bookmarks, ...stats(toBookmarks) },
      });
    });

    const size = (file: string) => round(readFileSync(file).byteLength / 1024 / 1024, 2);
    const json = await report.phase('exportMs', 10 * MINUTE, async () => {
      need(library, 'library');
      log('export…');
      await page.getByRole('button', { name: 'Settings' }).click();
      const html = await timeDownload(page, 'Export bookmarks as HTML');
      report.set('exportMs.html', { ms: round(html.ms), mb: size(html.path) });
      const exported = await timeDownload(page, 'Export bookmarks as JSON');
      report.set('exportMs.json', { ms: round(exported.ms), mb: size(exported.path) });
      const markdown = await timeDownload(page, 'Export bookmarks as Markdown');
      report.set('exportMs.markdown', { ms: round(markdown.ms), mb: size(markdown.path) });
      return exported;
    });

    await report.phase('importMs.sameLibrary', 10 * MINUTE, async () => {
      const exported = need(json, 'the JSON export');
      log('import into the same library (every bookmark matches by id)…');
      const reimport = await timeImport(page, exported.path);
      report.set('importMs.sameLibrary', { ms: round(reimport.ms), message: reimport.message });
    });

    await report.phase('renameLargestTagMs', 5 * MINUTE, async () => {
      need(library, 'library');
      // Whatever happened before, Settings is closed for the sidebar.
      if (await settings.isVisible()) await settings.getByRole('button', { name: 'Done' }).click();
      log('rename the largest tag…');
      await sidebar.getByRole('button', { name: 'Rename tag to-read' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rename tag “to-read”' });
      await dialog.getByRole('textbox', { name: 'New name' }).fill('later');
      const renameStart = performance.now();
      await dialog.getByRole('button', { name: 'Rename' }).click();
      await sidebar.getByRole('button', { name: /^later \d+ articles$/ }).waitFor();
      report.set('renameLargestTagMs', round(performance.now() - renameStart));
    });

    await report.phase('importMs.emptyLibrary', 10 * MINUTE, async () => {
      const exported = need(json, 'the JSON export');
      log('import into an empty library (every bookmark is new)…');
      const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        await fresh.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
        const empty = await fresh.newPage();
        await empty.goto(host.url);
        await empty.locator('html[data-library-ready]').waitFor({ state: 'attached' });
        await empty.getByRole('button', { name: 'Settings' }).click();
        const freshImport = await timeImport(empty, exported.path);
        report.set('importMs.emptyLibrary', {
          ms: round(freshImport.ms),
          message: freshImport.message,
        });
      } finally {
        await fresh.close();
      }
    });
  } finally {
    await browser.close();
    await host.stop();
  }
}

runBench(main, report);
