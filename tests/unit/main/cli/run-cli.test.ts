import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '@main/cli/cli-io';
import { runCli } from '@main/cli/run-cli';

const repoRoot = path.resolve(__dirname, '../../../..');
const guardian = path.resolve(
  repoRoot,
  '../shared/corpora/real-feeds/full/rbren__rss-parser/guardian.rss',
);
const fixture = (name: string) => path.join(repoRoot, 'tests/fixtures', name);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real thing: a child process running the CLI's TypeScript through tsx. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main/cli.ts', ...args],
      { cwd: repoRoot, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface FeedOutput {
  feed: Record<string, unknown>;
  items: Record<string, unknown>[];
}

let server: Server;
let base: string;

beforeAll(async () => {
  const rss = readFileSync(fixture('feeds/sample-rss.xml'));
  server = createServer((request, response) => {
    if (request.url === '/feed.xml') {
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('cli feed, as a child process', { timeout: 60_000 }, () => {
  it('prints a real feed file as JSON: the feed without items, then items with ISO dates', async () => {
    const run = await cli('feed', guardian);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as FeedOutput;
    expect(Object.keys(output)).toEqual(['feed', 'items']);
    expect(output.feed).toMatchObject({ format: 'rss', title: 'The Guardian', language: 'en-gb' });
    expect(output.feed).not.toHaveProperty('items');
    expect(output.items).toHaveLength(55);
    expect(output.items[0]).toMatchObject({
      title: 'Trump State of the Union address promised unity but emphasized discord',
      published: '2018-01-31T07:26:05.000Z',
    });
    for (const item of output.items) {
      expect(item.published).toMatch(ISO);
      if (item.updated !== undefined) expect(item.updated).toMatch(ISO);
    }
  });

  it('fetches a URL through the app’s own fetch and parse', async () => {
    const run = await cli('feed', `${base}/feed.xml`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as FeedOutput;
    expect(output.feed.title).toBe('Sample RSS Feed');
    expect(output.items).toHaveLength(3);
  });

  it('fails in one line for a missing file', async () => {
    const run = await cli('feed', 'no-such-feed.xml');
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'error: no such file: no-such-feed.xml\n' });
  });

  it('fails in one line for a web page, which is not a feed', async () => {
    const run = await cli('feed', fixture('pages/discovery/no-links.html'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: This is a web page, not a feed[^\n]*\n$/);
  });

  it('fails in one line when the server answers an error', async () => {
    const run = await cli('feed', `${base}/missing.xml`);
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: The server answered 404 Not Found.\n',
    });
  });

  it('answers bad usage with the usage line and exit code 2', async () => {
    const run = await cli('feed');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^usage: [^\n]*feed <file-or-url>[^\n]*\n$/);
  });
});

describe('runCli, in process', () => {
  function io(files: Record<string, string> = {}) {
    const out = { stdout: '', stderr: '' };
    const fake: CliIo = {
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
      readFile: async (file) => {
        if (file in files) return new TextEncoder().encode(files[file]);
        throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      },
      fetchFor: () => () => Promise.reject(new Error('no network in this test')),
      now: () => Date.UTC(2025, 0, 1),
      userAgent: 'Broadsheet-test',
    };
    return { fake, out };
  }

  const relativeFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>One</title><link>/posts/1</link><pubDate>Tue, 02 Jan 2024 03:04:05 GMT</pubDate>
    <description>&lt;p onclick="x()"&gt;Hi&lt;script&gt;bad()&lt;/script&gt;&lt;/p&gt;</description>
    </item></channel></rss>`;

  it('resolves a file’s relative links against --url and sanitizes item HTML', async () => {
    const { fake, out } = io({ 'feed.xml': relativeFeed });
    const code = await runCli(
      ['feed', 'feed.xml', '--url', 'https://example.com/blog/feed.xml'],
      fake,
    );
    expect(out.stderr).toBe('');
    expect(code).toBe(0);
    const output = JSON.parse(out.stdout) as FeedOutput;
    expect(output.items[0]).toMatchObject({
      url: 'https://example.com/posts/1',
      published: '2024-01-02T03:04:05.000Z',
    });
    expect(String(output.items[0].summary)).not.toMatch(/script|onclick/);
  });

  it.each([
    [[], /^usage: /],
    [['help'], /^usage: /],
    [['nonsense'], /^usage: /],
    [['feed'], /\(missing argument\)$/],
    [['feed', 'a', 'b'], /\(unexpected argument b\)$/],
    [['feed', 'a', '--nope'], /\(unknown option --nope\)$/],
    [['feed', 'a', '-x'], /\(unknown option -x\)$/],
    [['feed', 'a', '--url'], /\(--url needs a value\)$/],
    [['feed', 'a', '--url', 'ftp://x/'], /\(--url needs an http or https URL\)$/],
    [['feed', 'http://a.test/', '--url', 'http://b.test/'], /\(--url is for files; /],
  ])('%j: one usage line', async (argv, line) => {
    const { fake, out } = io();
    const code = await runCli(argv, fake);
    const text = argv[0] === 'help' ? out.stdout : out.stderr;
    expect(code).toBe(argv[0] === 'help' ? 0 : 2);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text.trimEnd()).toMatch(line);
  });

  it.each([
    [
      ['feed', 'ftp://example.com/feed'],
      'error: only http and https addresses can be fetched, not ftp:',
    ],
    [
      ['feed', 'https://example.com/feed'],
      'error: Could not reach example.com (no network in this test).',
    ],
  ])('%j fails in one error line', async (argv, line) => {
    const { fake, out } = io();
    expect(await runCli(argv, fake)).toBe(1);
    expect(out).toEqual({ stdout: '', stderr: `${line}\n` });
  });

  it('reports a directory and other read failures without a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'broadsheet-cli-'));
    try {
      writeFileSync(path.join(dir, 'empty.xml'), '');
      const { fake, out } = io();
      const real: CliIo = {
        ...fake,
        readFile: (file) => import('node:fs/promises').then((fs) => fs.readFile(file)),
      };
      expect(await runCli(['feed', dir], real)).toBe(1);
      expect(await runCli(['feed', path.join(dir, 'empty.xml')], real)).toBe(1);
      expect(out.stderr.split('\n')).toEqual([
        `error: not a file but a directory: ${dir}`,
        'error: The document is empty.',
        '',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
