import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../../..');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const work = mkdtempSync(path.join(tmpdir(), 'load-jsdom-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Which of jsdom's files a fresh process has loaded after running `body` (in its own process:
 * this one has jsdom loaded already, by vitest and other tests).
 */
function jsdomFilesAfter(body: string): number {
  const file = path.join(work, `probe-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(
    file,
    `const src = ${JSON.stringify(path.join(REPO, 'src'))};\n` +
      `(async () => {\n${body}\n` +
      `console.log(Object.keys(require.cache).filter((f) => f.includes('/node_modules/jsdom/')).length);\n` +
      `})();\n`,
  );
  const run = spawnSync(TSX, [file], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout.trim().split('\n').at(-1));
}

describe('loadJsdom: main loads jsdom only when it needs it', () => {
  it('not for main as the app and the host build it: core, the pool, the guard and the dispatcher', () => {
    const loaded = jsdomFilesAfter(
      ['core', 'articles/extract-pool', 'net/guarded-fetch', 'api/dispatch']
        .map((m) => `require(src + '/main/${m}');`)
        .join('\n'),
    );
    expect(loaded).toBe(0);
  }, 60_000);

  it('on first use', () => {
    const loaded = jsdomFilesAfter(
      `const { loadJsdom } = require(src + '/main/html/load-jsdom');\n` +
        `const { JSDOM } = await loadJsdom();\n` +
        `new JSDOM('<p>x</p>').window.close();`,
    );
    expect(loaded).toBeGreaterThan(0);
  }, 60_000);
});
