/**
 * What reading past a view's end costs once its rows have moved out of the view's index range,
 * as marking a whole view read or a purge leaves it: Chromium keeps IndexedDB in LevelDB, where
 * a deleted index entry stays as a tombstone every read crossing it steps over until compaction
 * drops it. In one on-disk profile: `--rows` rows (default 300,000, ~1 KB each) in one unread
 * range, all but the newest `--kept` (default 10) then marked read in chunks as the fold does,
 * and a page read newest first as the list reads it — asking for 100 rows (walking every
 * tombstone to the range's end) and asking for the rows the view holds (what a tally says).
 *
 *   npm run bench:dead-ranges -- [--rows N] [--kept N]
 *
 * Prints one JSON line; the app's reads are in `db/queries.ts` (`knownViewSize`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BenchReport,
  arg,
  launchChromiumProfile,
  log,
  machine,
  need,
  runBench,
  stats,
} from './bench-kit';

const ROWS = arg('rows', 300_000);
const KEPT = arg('kept', 10);
const MINUTE = 60_000;
const report = new BenchReport({ benchmark: 'bench-dead-ranges', rows: ROWS, kept: KEPT });

/** Runs in the page (a string, so no helper of the bundler's leaks in): the store and its helpers. */
const PAGE_HELPERS = `
  window.req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  window.done = (t) => new Promise((res, rej) => { t.oncomplete = () => res(); t.onerror = () => rej(t.error); t.onabort = () => rej(t.error); });
  window.openStore = () => new Promise((res, rej) => {
    const open = indexedDB.open('dead-ranges', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('a', { keyPath: 'id' }).createIndex('v', ['c', 'u', 'p']);
    open.onsuccess = () => res(open.result);
    open.onerror = () => rej(open.error);
  });
  window.pad = (i) => String(i).padStart(8, '0');
  // A page of the unread range, newest first, as Dexie's reverse().limit(n).toArray() reads it:
  // one getAll with a direction where IndexedDB has it (getAllRecords present), else a cursor, whose
  // read-ahead after a few continue() calls asks past the limit.
  window.withDirection = 'getAllRecords' in IDBIndex.prototype;
  window.readPage = async (db, limit) => {
    const start = performance.now();
    const t = db.transaction('a', 'readonly');
    const range = IDBKeyRange.bound([1, 1, -Infinity], [1, 1, Infinity]);
    let rows = [];
    if (limit > 0 && withDirection) {
      rows = await req(t.objectStore('a').index('v').getAll({ query: range, count: limit, direction: 'prev' }));
    } else if (limit > 0) {
      await new Promise((res, rej) => {
        const cursor = t.objectStore('a').index('v').openCursor(range, 'prev');
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return res();
          rows.push(c.value);
          if (rows.length >= limit) return res();
          c.continue();
        };
        cursor.onerror = () => rej(cursor.error);
      });
    }
    await done(t);
    return { rows: rows.length, ms: performance.now() - start };
  };
`;

async function main(): Promise<void> {
  report.set('machine', machine());
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-dead-ranges-'));
  const context = await launchChromiumProfile(dir);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Any http origin has IndexedDB; nothing leaves the machine.
    await page.route('http://dead-ranges.test/**', (route) =>
      route.fulfill({ body: '<!doctype html><title>bench</title>', contentType: 'text/html' }),
    );
    await page.goto('http://dead-ranges.test/');
    await page.evaluate(PAGE_HELPERS);

    const seeded = await report.phase('seedMs', 10 * MINUTE, async () => {
      log(`seeding ${ROWS} rows…`);
      const ms = await page.evaluate(`(async () => {
        const start = performance.now();
        const db = await openStore();
        for (let i = 0; i < ${ROWS}; i += 5000) {
          const t = db.transaction('a', 'readwrite');
          const s = t.objectStore('a');
          for (let j = i; j < Math.min(i + 5000, ${ROWS}); j++) s.put({ id: pad(j), c: 1, u: 1, p: j, body: 'x'.repeat(1000) });
          await done(t);
        }
        const fresh = [];
        for (let n = 0; n < 3; n++) fresh.push((await readPage(db, 100)).ms);
        db.close();
        return { seedMs: performance.now() - start, fresh };
      })()`);
      const figures = ms as { seedMs: number; fresh: number[] };
      report.set('seedMs', Math.round(figures.seedMs));
      report.set('freshPage100Ms', stats(figures.fresh));
      return true;
    });

    await report.phase('markReadMs', 10 * MINUTE, async () => {
      need(seeded, 'seedMs');
      log(`marking all but the newest ${KEPT} read…`);
      const ms = await page.evaluate(`(async () => {
        const start = performance.now();
        const db = await openStore();
        const last = ${ROWS} - ${KEPT};
        for (let i = 0; i < last; i += 1000) {
          const t = db.transaction('a', 'readwrite');
          const s = t.objectStore('a');
          const rows = await req(s.getAll(IDBKeyRange.bound(pad(i), pad(Math.min(i + 1000, last) - 1))));
          for (const row of rows) { row.u = 0; s.put(row); }
          await done(t);
        }
        db.close();
        return performance.now() - start;
      })()`);
      report.set('markReadMs', Math.round(ms as number));
    });

    await report.phase('pages', 10 * MINUTE, async () => {
      need(seeded, 'seedMs');
      // Alternated, so neither read gets a warmer cache than the other.
      const read = (await page.evaluate(`(async () => {
        const db = await openStore();
        const past = [];
        const known = [];
        for (let n = 0; n < 5; n++) {
          past.push(await readPage(db, 100));
          known.push(await readPage(db, ${KEPT}));
        }
        db.close();
        return { past, known };
      })()`)) as Record<'past' | 'known', { rows: number; ms: number }[]>;
      const past = stats(read.past.map((r) => r.ms));
      const known = stats(read.known.map((r) => r.ms));
      report.set('pages', {
        read: (await page.evaluate('withDirection')) ? 'getAll, direction prev' : 'cursor',
        askedFor100: { rows: read.past[0]?.rows, ...past },
        askedForTheViewsSize: { rows: read.known[0]?.rows, ...known },
        medianRatio: Math.round((past.median / Math.max(known.median, 0.1)) * 10) / 10,
      });
    });
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main, report);
