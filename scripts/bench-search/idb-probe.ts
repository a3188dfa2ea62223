/**
 * How long the first IndexedDB open of a launch takes for an origin, apart from our code: a
 * fresh browser on a Chromium profile opens a new, empty database from a blank page, four
 * times. Used to tell IndexedDB's own start-up from the search worker's (findings:
 * docs/bench/2026-11-28-search-cold-start.md, "01:45, format 4").
 *
 *   npx tsx scripts/bench-search/idb-probe.ts <profile dir> [port]
 *
 * The port must be the one the profile's data was written from (bench-search.ts --profile
 * keeps it in bench-built.json, which is read when no port is given): IndexedDB belongs to an
 * origin. Prints one JSON line: the milliseconds of each launch's first open.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { runBench } from '../bench-kit';

// A string, so no helper the TypeScript loader adds ends up in the page.
const FIRST_OPEN = `(async () => {
  const started = performance.now();
  await new Promise((done) => {
    const request = indexedDB.open('idb-probe');
    request.onsuccess = () => { request.result.close(); done(); };
    request.onerror = done;
  });
  return Math.round(performance.now() - started);
})()`;

async function main(): Promise<void> {
  const profile = process.argv[2];
  if (!profile) throw new Error('usage: idb-probe.ts <profile dir> [port]');
  const port = process.argv[3]
    ? Number(process.argv[3])
    : (JSON.parse(readFileSync(path.join(profile, 'bench-built.json'), 'utf8')) as { port: number })
        .port;
  const server = http.createServer((_request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>probe</title>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const firstOpenMs: number[] = [];
  try {
    for (let run = 0; run < 4; run++) {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env['BROADSHEET_CHROMIUM'] ?? '/usr/bin/chromium',
        headless: true,
        args: ['--disable-gpu', '--disable-quic'],
      });
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`http://127.0.0.1:${port}/`);
      firstOpenMs.push((await page.evaluate(FIRST_OPEN)) as number);
      await context.close();
    }
  } finally {
    server.close();
  }
  process.stdout.write(`${JSON.stringify({ profile, port, firstOpenMs })}\n`);
}

runBench(main);
