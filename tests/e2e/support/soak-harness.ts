/**
 * The kill -9 soak: drives the real browser host and a real Chromium on a persistent profile,
 * starts one of six operations through the UI, kills the browser or the host with SIGKILL at a
 * random moment, restarts it, and checks the library's invariants from raw IndexedDB (see
 * soak-invariants.ts). Random but reproducible: every choice comes from the seed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { seededRandom } from './seeded-random';
import {
  addBulkArticles,
  articleIds,
  fetchedFeeds,
  markBulkUnread,
  removeFeeds,
  requestFullText,
  seedBulk,
  waitReady,
} from './soak-library';
import {
  checkLibrary,
  indexDisagreements,
  readIndex,
  readLibrary,
  type InvariantContext,
} from './soak-invariants';
import {
  killNow,
  launchBrowser,
  startHost,
  type SoakBrowser,
  type SoakHost,
} from './soak-processes';
import { startSoakServer, type SoakServer } from './soak-server';

export const OPERATIONS = [
  'refresh',
  'offline',
  'mark-all-read',
  'restore',
  'opml-import',
  'index-rebuild',
] as const;
export type OperationName = (typeof OPERATIONS)[number];
export type KillKind = 'page' | 'host';

export interface SoakOptions {
  kills: number;
  seed: number;
  /** Feeds the refresh operation refreshes (200). */
  refreshFeeds: number;
  /** Feeds in each imported OPML file (500). */
  opmlFeeds: number;
  /** Articles marked read by mark-all-read (30,000). */
  rows: number;
  /** Articles the offline operation fetches whole, with their images. */
  offlineArticles: number;
  /** How long the search index may take to agree after a restart. */
  indexTimeoutMs: number;
  /** Only these operations (all six by default); for chasing one failure. */
  operations?: readonly OperationName[];
  /** Only this kind of kill (both by default). */
  kind?: KillKind;
  log?: (line: string) => void;
}

export const DEFAULTS: SoakOptions = {
  kills: 50,
  seed: 1,
  refreshFeeds: 200,
  opmlFeeds: 500,
  rows: 30_000,
  offlineArticles: 60,
  indexTimeoutMs: 120_000,
};

export interface KillRecord {
  n: number;
  operation: OperationName;
  kind: KillKind;
  /** Milliseconds after the operation started that the kill came. */
  killAfterMs: number;
  restartMs: number;
  /** Until the search index agreed with the articles. */
  indexAgreedMs: number | null;
  checks: number;
  failures: string[];
}

export interface SoakReport {
  seed: number;
  kills: number;
  byOperation: Record<string, { page: number; host: number }>;
  checksPassed: number;
  checksFailed: number;
  failures: { n: number; operation: string; kind: string; detail: string[] }[];
  durations: {
    setupMs: number;
    totalMs: number;
    restartMsMedian: number;
    indexAgreedMsMedian: number;
    indexAgreedMsMax: number;
  };
  records: KillRecord[];
}

/**
 * The plan: operations in shuffled rounds (so every one comes up once per six kills), kinds
 * alternating within each operation's turns from a random start (so each sees both).
 */
export function plan(
  kills: number,
  rng: () => number,
  operations: readonly OperationName[] = OPERATIONS,
  only?: KillKind,
): { operation: OperationName; kind: KillKind }[] {
  const out: { operation: OperationName; kind: KillKind }[] = [];
  const turns = new Map<OperationName, number>();
  const first = new Map(OPERATIONS.map((op) => [op, rng() < 0.5 ? 0 : 1]));
  while (out.length < kills) {
    const round = [...operations];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    for (const operation of round) {
      if (out.length >= kills) break;
      const turn = turns.get(operation) ?? 0;
      turns.set(operation, turn + 1);
      const kind = (turn + first.get(operation)!) % 2 === 0 ? 'page' : 'host';
      out.push({ operation, kind: only ?? kind });
    }
  }
  return out;
}

interface Running {
  server: SoakServer;
  profileDir: string;
  dataDir: string;
  port: number;
  host: SoakHost;
  browser: SoakBrowser;
  backupPath: string;
  opmlRound: number;
  restoreRound: number;
  offlineRound: number;
}

const page = (run: Running): Page => run.browser.page;

async function open(run: Running): Promise<void> {
  // The address differs from the last one only in its fragment (the token): leave the page
  // first, or the app would not start again.
  await page(run).goto('about:blank');
  await page(run).goto(run.host.url);
  await waitReady(page(run));
}

/** Reloads the page (after raw writes Dexie did not see) and waits for the library. */
async function reload(run: Running): Promise<void> {
  await page(run).reload();
  await waitReady(page(run));
}

async function poll(what: string, timeoutMs: number, test: () => Promise<boolean>) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 500));
  }
}

async function settings(run: Running) {
  const p = page(run);
  await p.getByRole('button', { name: 'Settings' }).click();
  return p.getByRole('dialog', { name: 'Settings' });
}

async function importOpmlFile(run: Running, prefix: string, count: number): Promise<void> {
  const opml = await (await fetch(`${run.server.url}/opml/${prefix}/${count}`)).text();
  await page(run)
    .getByLabel('Files to import (OPML, text, Markdown, HTML)')
    .setInputFiles({ name: `${prefix}.opml`, mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
}

async function closeImportReport(run: Running): Promise<void> {
  const report = page(run).getByRole('dialog', { name: 'Import' });
  await report.getByRole('button', { name: 'Done' }).click({ timeout: 60_000 });
}

/** The library every operation starts from: refresh feeds fetched, the bulk rows seeded. */
async function setUp(run: Running, options: SoakOptions): Promise<void> {
  await open(run);
  await seedBulk(page(run), run.server.url, 60, options.rows);
  await reload(run);
  await importOpmlFile(run, 'r', options.refreshFeeds);
  await closeImportReport(run);
  await poll('the refresh feeds', 180_000, async () => {
    return (await fetchedFeeds(page(run), 'r-')) >= options.refreshFeeds;
  });
}

interface Prepared {
  context: Omit<InvariantContext, 'servedEtags'>;
  /** Work after the checks, so the next operation starts from the usual library. */
  after?: () => Promise<void>;
}

/** Brings the library to the operation's starting point and starts it through the UI. */
async function startOperation(
  run: Running,
  operation: OperationName,
  options: SoakOptions,
): Promise<Prepared> {
  const p = page(run);
  // Each operation starts on a quiet library: no refresh still running from the last restart.
  await p.getByRole('button', { name: 'Refresh', exact: true }).waitFor({ timeout: 300_000 });
  switch (operation) {
    case 'refresh': {
      const before = await articleIds(p);
      // The 900-item feed too: stored in two batches, it is the one a kill can catch between
      // its first batch and the last (which carries its new ETag).
      run.server.bump('r');
      run.server.bump('g');
      await p.getByRole('button', { name: 'Refresh', exact: true }).click();
      return { context: { mustKeep: before } };
    }
    case 'offline': {
      run.offlineRound += 1;
      await requestFullText(p, options.offlineArticles, run.offlineRound * 13);
      const before = await articleIds(p);
      // The offline pass starts with the page, from the queue.
      await p.reload();
      return { context: { mustKeep: before } };
    }
    case 'mark-all-read': {
      if ((await markBulkUnread(p)) > 0) await reload(run);
      const before = await articleIds(p);
      await p
        .getByRole('navigation', { name: 'Sources' })
        .getByRole('button', { name: 'All articles' })
        .click();
      await p.getByRole('button', { name: 'Mark all as read' }).click();
      await p
        .getByRole('menu', { name: 'Mark all as read' })
        .getByRole('menuitem', { name: 'All in this view' })
        .click();
      return { context: { mustKeep: before } };
    }
    case 'restore': {
      // Back up the library as it is now (through the UI), then restore that file.
      let dialog = await settings(run);
      const download = p.waitForEvent('download', { timeout: 120_000 });
      await dialog.getByRole('button', { name: 'Back up library' }).click();
      await (await download).saveAs(run.backupPath);
      await dialog.getByRole('button', { name: 'Done' }).click();
      const backup = new Set(await articleIds(p));
      // Articles that arrive after the backup, so "before" and "restored" differ.
      run.restoreRound += 1;
      await addBulkArticles(p, `after-backup-${run.restoreRound}`, 50);
      const before = new Set(await articleIds(p));
      dialog = await settings(run);
      // 30,000 articles make a file of tens of megabytes: give it time on a loaded machine.
      await dialog
        .getByLabel('Backup file to restore')
        .setInputFiles(run.backupPath, { timeout: 180_000 });
      await dialog.getByRole('button', { name: 'Replace library' }).click();
      // The only two right answers: the library as it was, or the backup's; the backup's
      // articles stay either way, the ones it lacks go all together or not at all.
      const lacking = new Set([...before].filter((id) => !backup.has(id)));
      return { context: { mustKeep: backup, allOrNone: lacking } };
    }
    case 'opml-import': {
      run.opmlRound += 1;
      const before = await articleIds(p);
      const prefix = `o${run.opmlRound}`;
      await importOpmlFile(run, prefix, options.opmlFeeds);
      return {
        context: { mustKeep: before },
        after: async () => {
          // Unsubscribe them again, so refreshes stay at their size.
          // The page may be a new one by now (a page kill).
          if ((await removeFeeds(page(run), `${prefix}-`)) > 0) await reload(run);
        },
      };
    }
    case 'index-rebuild': {
      const before = await articleIds(p);
      const dialog = await settings(run);
      await dialog.getByRole('button', { name: 'Rebuild search index' }).click();
      return { context: { mustKeep: before } };
    }
  }
}

/** How long after the start a kill may come: about the operation's length at these sizes. */
function windowMs(operation: OperationName, options: SoakOptions): number {
  switch (operation) {
    case 'refresh':
      return 2_000 + options.refreshFeeds * 15;
    case 'offline':
      return 1_000 + options.offlineArticles * 60;
    case 'mark-all-read':
      return 500 + options.rows / 10;
    case 'restore':
      return 500 + options.rows / 8;
    case 'opml-import':
      return 1_000 + options.opmlFeeds * 15;
    case 'index-rebuild':
      return 500 + options.rows / 6;
  }
}

async function restart(run: Running, kind: KillKind): Promise<void> {
  if (kind === 'page') {
    await killNow(run.browser.process, true);
    await run.browser.browser.close().catch(() => undefined);
    run.browser = await launchBrowser(run.profileDir);
  } else {
    await killNow(run.host.process);
    run.host = await startHost(run.port, run.dataDir);
    if (run.host.origin !== new URL(page(run).url()).origin)
      throw new Error(`host came back at ${run.host.origin}, not ${page(run).url()}`);
  }
  // A new token for a new host: open the address it printed (same origin, same library).
  await open(run);
}

/** The app's search worker checks the index a second after it opens; leave it time to. */
const MIN_SETTLE_MS = 4_000;

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function runSoak(partial: Partial<SoakOptions> = {}): Promise<SoakReport> {
  const options: SoakOptions = { ...DEFAULTS, ...partial };
  const log = options.log ?? (() => undefined);
  const rng = seededRandom(options.seed);
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'broadsheet-soak-'));
  const server = await startSoakServer();
  server.delays.feedMs = 5;
  server.delays.pageMs = 20;
  server.delays.imageMs = 40;
  const dataDir = join(work, 'data');
  const profileDir = join(work, 'profile');
  const run = {
    server,
    profileDir,
    dataDir,
    port: 0,
    backupPath: join(work, 'backup.json'),
    opmlRound: 0,
    restoreRound: 0,
    offlineRound: 0,
  } as Running;
  const records: KillRecord[] = [];
  let setupMs: number;
  try {
    run.host = await startHost(0, dataDir);
    run.port = Number(new URL(run.host.url).port);
    run.browser = await launchBrowser(profileDir);
    await setUp(run, options);
    setupMs = Date.now() - started;
    log(`set up in ${setupMs} ms`);
    for (const [index, step] of plan(
      options.kills,
      rng,
      options.operations,
      options.kind,
    ).entries()) {
      const n = index + 1;
      log(`kill ${n}: starting ${step.operation}`);
      const prepared = await startOperation(run, step.operation, options);
      const killAfterMs = Math.round(rng() * windowMs(step.operation, options));
      await new Promise((done) => setTimeout(done, killAfterMs));
      const killedAt = Date.now();
      await restart(run, step.kind);
      const restartMs = Date.now() - killedAt;
      const context = { ...prepared.context, servedEtags: server.servedEtags };
      const library = await readLibrary(page(run));
      const result = checkLibrary(library, context);
      // The search index is repaired by the app's start-up upkeep: wait for it to agree.
      let indexAgreedMs: number | null = null;
      let last: string[] = [];
      let agreedOnce = false;
      const since = Date.now();
      while (Date.now() - since < options.indexTimeoutMs) {
        const [now, index] = [await readLibrary(page(run)), await readIndex(page(run))];
        last = indexDisagreements(now, index);
        // Agreement counts once the start-up check has had its turn (it waits a second after
        // the worker opens) and holds on two reads in a row: a check that breaks it is caught.
        if (last.length) agreedOnce = false;
        else if (agreedOnce && Date.now() - killedAt - restartMs > MIN_SETTLE_MS) {
          indexAgreedMs = Date.now() - since;
          break;
        } else agreedOnce = true;
        await new Promise((done) => setTimeout(done, 1_000));
      }
      result.checks += 1;
      if (indexAgreedMs === null)
        result.failures.push(`search index disagrees: ${last.join('; ')}`);
      // Checked again once the index settled: what the upkeep did must not break the library.
      const settled = checkLibrary(await readLibrary(page(run)), context);
      result.checks += settled.checks;
      result.failures.push(...settled.failures.map((failure) => `after upkeep: ${failure}`));
      records.push({
        n,
        operation: step.operation,
        kind: step.kind,
        killAfterMs,
        restartMs,
        indexAgreedMs,
        checks: result.checks,
        failures: result.failures,
      });
      log(
        `kill ${n}/${options.kills} ${step.operation} ${step.kind} at +${killAfterMs} ms: ` +
          (result.failures.length
            ? `FAILED ${result.failures.join(' | ')}`
            : `ok (${result.checks} checks)`) +
          `, index agreed in ${indexAgreedMs ?? '-'} ms`,
      );
      await prepared.after?.();
      // Dialogs left open by the operation are gone with the page reload or restart.
    }
  } finally {
    if (run.browser) await killNow(run.browser.process, true).catch(() => undefined);
    if (run.host) await killNow(run.host.process).catch(() => undefined);
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  const byOperation: SoakReport['byOperation'] = {};
  for (const op of OPERATIONS) byOperation[op] = { page: 0, host: 0 };
  for (const record of records) byOperation[record.operation]![record.kind] += 1;
  const failed = records.reduce((sum, r) => sum + r.failures.length, 0);
  const agreed = records.flatMap((r) => (r.indexAgreedMs === null ? [] : [r.indexAgreedMs]));
  return {
    seed: options.seed,
    kills: records.length,
    byOperation,
    checksPassed: records.reduce((sum, r) => sum + r.checks, 0) - failed,
    checksFailed: failed,
    failures: records
      .filter((r) => r.failures.length)
      .map((r) => ({ n: r.n, operation: r.operation, kind: r.kind, detail: r.failures })),
    durations: {
      setupMs,
      totalMs: Date.now() - started,
      restartMsMedian: median(records.map((r) => r.restartMs)),
      indexAgreedMsMedian: median(agreed),
      indexAgreedMsMax: Math.max(0, ...agreed),
    },
    records,
  };
}
