/**
 * `stories <file-or-dir>…` over real files in a temp directory: the seed article, a paper's
 * reworked HTML copy of it, a Markdown follow-up that repeats its background, and an unrelated
 * note; run in-process through runCli and once as the real child process.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '@main/cli/cli-io';
import { runCli } from '@main/cli/run-cli';

const repoRoot = path.resolve(__dirname, '../../../..');
const seed = readFileSync(path.join(repoRoot, 'resources/starter/seed-article.txt'), 'utf8');
const blocks = seed
  .split(/\n\s*\n/)
  .map((block) => block.trim())
  .filter(Boolean);
const paragraphs = blocks.slice(blocks.findIndex((block) => block.includes('Published :')) + 1);

const heraldHtml = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Lee picks Tokyo over Washington for his first trip abroad | The Herald</title>
<link rel="canonical" href="https://herald.example/world/lee-picks-tokyo-first?utm_source=rss">
<meta property="article:published_time" content="2025-08-23T19:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Lee picks Tokyo over Washington for his first trip abroad</h1>
<p class="standfirst">Seoul’s new leader breaks with tradition, putting Japan first.</p>
${paragraphs
  .slice(0, 6)
  .map((p) => `<p>${p}</p>`)
  .join('\n')}
<p>Copyright 2025 The Associated Press. All rights reserved.</p>
</article>
<footer>© The Herald</footer>
</body></html>`;

const followUpMd = `---
title: Lee meets Trump at the White House after his Tokyo stop
date: 2025-08-25T15:00:00Z
---

South Korean President Lee Jae Myung met U.S. President Donald Trump at the White House on Monday for talks dominated by tariffs, shipbuilding investment and the cost of stationing American troops on the Korean Peninsula.

Trump told reporters the meeting had gone “very well” and that the two countries were close to settling a trade deal reached last month, though he repeated his complaint that Seoul paid too little for its defense.

Lee proposed that the allies cooperate on rebuilding America’s shipyards and said he hoped Trump would help restart dialogue with North Korea.

${paragraphs.slice(5, 10).join('\n\n')}
`;

let dir: string;
let wire: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-stories-'));
  wire = path.join(dir, 'wire');
  mkdirSync(wire);
  writeFileSync(path.join(wire, 'ap.txt'), seed);
  writeFileSync(path.join(wire, 'herald.html'), heraldHtml);
  writeFileSync(path.join(wire, 'courier.md'), followUpMd);
  writeFileSync(path.join(wire, 'photo.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0]));
  writeFileSync(path.join(wire, 'notes.json'), '{}');
  writeFileSync(
    path.join(dir, 'other.txt'),
    'Garden notes\n\nThe tomatoes ripened late this year, and the beans never climbed the poles at all.\n',
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out = { stdout: '', stderr: '' };
  const real: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    readFile: (file) => readFile(file),
    fetchFor: () => () => Promise.reject(new Error('no network in this test')),
    now: () => Date.UTC(2025, 0, 1),
    userAgent: 'Broadsheet-test',
  };
  return { real, out };
}

describe('cli stories', { timeout: 60_000 }, () => {
  it('groups the wire story with its copy, apart from the follow-up; every file once', async () => {
    const { real, out } = io();
    expect(await runCli(['stories', dir], real)).toBe(0);
    expect(out.stderr).toBe('');
    const { groups } = JSON.parse(out.stdout) as { groups: string[][] };
    // A directory's article files in name order (arrival order); images and notes are not articles.
    expect(groups).toEqual([
      [path.join(dir, 'other.txt')],
      [path.join(wire, 'ap.txt'), path.join(wire, 'herald.html')],
      [path.join(wire, 'courier.md')],
    ]);
  });

  it('takes files and directories together, each file once', async () => {
    const { real, out } = io();
    const herald = path.join(wire, 'herald.html');
    expect(await runCli(['stories', herald, wire], real)).toBe(0);
    const { groups } = JSON.parse(out.stdout) as { groups: string[][] };
    expect(groups).toEqual([[herald, path.join(wire, 'ap.txt')], [path.join(wire, 'courier.md')]]);
  });

  it('fails on a file or directory that is not there', async () => {
    const { real, out } = io();
    expect(await runCli(['stories', path.join(dir, 'missing.txt')], real)).toBe(1);
    expect(out.stderr).toBe(`error: no such file or directory: ${path.join(dir, 'missing.txt')}\n`);
  });

  it('puts a file Import cannot read alone in its group, and says why', async () => {
    const { real, out } = io();
    const photo = path.join(wire, 'photo.jpg');
    const ap = path.join(wire, 'ap.txt');
    expect(await runCli(['stories', photo, ap], real)).toBe(0);
    expect(out.stderr).toMatch(/^warning: .*photo\.jpg: .+ \(grouped alone\)\n$/);
    expect(JSON.parse(out.stdout)).toEqual({ groups: [[photo], [ap]] });
  });

  it('answers bad usage with its usage line', async () => {
    const { real, out } = io();
    expect(await runCli(['stories'], real)).toBe(2);
    expect(out.stderr).toBe('usage: npm run -s cli -- stories <file-or-dir>… (missing argument)\n');
    expect(await runCli(['stories', '--fast', dir], real)).toBe(2);
  });

  it('runs as the real command line', async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main/cli.ts', 'stories', wire],
        { cwd: repoRoot, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr }),
      );
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      groups: [
        [path.join(wire, 'ap.txt'), path.join(wire, 'herald.html')],
        [path.join(wire, 'courier.md')],
      ],
    });
  });
});
