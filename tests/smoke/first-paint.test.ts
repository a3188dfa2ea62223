/**
 * What the built renderer's English first paint loads (scripts/first-paint-size.ts over out/),
 * held to issue 19's ceiling: no more than 5 % over the build from before the interface spoke
 * other languages (883,070 bytes, 272,182 gzip; docs/bench/2026-12-07-first-paint.md). Every
 * other language is a chunk of its own, fetched when chosen. Runs after `electron-vite build`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const BEFORE = { bytes: 883_070, gzip: 272_182 };
const CEILING = { bytes: Math.floor(BEFORE.bytes * 1.05), gzip: Math.floor(BEFORE.gzip * 1.05) };

interface Sizes {
  file: string;
  bytes: number;
  gzip: number;
}

function measure(): { firstPaint: Sizes & { files: Sizes[] }; catalogues: Sizes[] } {
  const run = spawnSync(
    path.join(REPO, 'node_modules/.bin/tsx'),
    [path.join(REPO, 'scripts/first-paint-size.ts')],
    { encoding: 'utf8', timeout: 60_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('the English first paint', () => {
  const sizes = measure();
  const assets = path.join(REPO, 'out/renderer/assets');
  const firstPaintCode = sizes.firstPaint.files
    .map((file) => readFileSync(path.join(assets, file.file), 'utf8'))
    .join('\n');

  it('stays within 5 % of the build before other languages', () => {
    expect(sizes.firstPaint.bytes).toBeLessThanOrEqual(CEILING.bytes);
    expect(sizes.firstPaint.gzip).toBeLessThanOrEqual(CEILING.gzip);
  });

  it('carries English and no other language: each is a chunk of its own', () => {
    // The welcome's first words in each language (no quotes or markup: the bundle keeps them as
    // they are written).
    const welcome = (locale: string) =>
      (
        JSON.parse(
          readFileSync(path.join(REPO, `src/shared/catalogues/${locale}.json`), 'utf8'),
        ) as Record<string, string>
      )['onboarding.welcome.intro']!.split('<')[0]!;
    expect(firstPaintCode).toContain(welcome('en'));
    for (const locale of ['de', 'fr', 'es', 'ko', 'ja', 'zh-CN', 'ar', 'he']) {
      expect(firstPaintCode, locale).not.toContain(welcome(locale));
      const chunk = sizes.catalogues.find((file) => file.file.startsWith(`${locale}-`));
      expect(chunk, locale).toBeDefined();
      expect(readFileSync(path.join(assets, chunk!.file), 'utf8'), locale).toContain(
        welcome(locale),
      );
    }
  });

  it('leaves backups, restores, read-it-later imports and bookmark files to chunks fetched when used', () => {
    const chunks = readdirSync(assets);
    for (const name of [
      'dexie-export-import',
      'restore-repository',
      'rescue-import',
      'netscape-html',
      'bookmarks-json',
    ]) {
      const chunk = chunks.find((file) => file.startsWith(`${name}-`) && file.endsWith('.js'));
      expect(chunk, name).toBeDefined();
      expect(sizes.firstPaint.files.map((file) => file.file)).not.toContain(chunk);
    }
    // Nor is any of it bundled into the first paint besides: words only that code has.
    expect(firstPaintCode).not.toContain('Given file is not a dexie export');
    expect(firstPaintCode).not.toContain('NETSCAPE-Bookmark-file-1');
  });
});
