/**
 * Documents built to hurt a parser: entity expansion bombs, external entities that would read
 * files or reach the network, absurd nesting and sizes, and things that are not feeds at all.
 * Each must end quickly with a bounded result or a clear AppError.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import type { ParsedFeed } from '@shared/feed-model';
import { AppError } from '@shared/result';
import { thrownAppError } from './thrown-app-error';

const NOW = Date.UTC(2024, 0, 15, 12);
const fixture = (name: string) =>
  fs.readFileSync(
    fileURLToPath(new URL(`../../../../fixtures/feeds/hostile/${name}`, import.meta.url)),
  );
const parse = (input: string | Uint8Array, contentType?: string) =>
  parseFeed(input, { url: 'https://example.com/feed', contentType, now: NOW });

/** Parses with every way out of the process (files, sockets, fetch) watched. */
function parseIsolated(input: string | Uint8Array): ParsedFeed {
  const spies = [
    vi.spyOn(fs, 'openSync'),
    vi.spyOn(fs, 'readFileSync'),
    vi.spyOn(fs, 'open'),
    vi.spyOn(fs, 'readFile'),
    vi.spyOn(net.Socket.prototype, 'connect'),
    vi.spyOn(globalThis, 'fetch'),
  ];
  try {
    return parse(input);
  } finally {
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  }
}

/**
 * Runs and times `run` in CPU milliseconds: what the parser costs, whatever else shares the
 * machine (parallel test files, other processes) and would stretch wall-clock time.
 */
function timed<T>(run: () => T): { value: T; ms: number } {
  const started = process.cpuUsage();
  const value = run();
  const { user, system } = process.cpuUsage(started);
  return { value, ms: (user + system) / 1000 };
}

const parseError = thrownAppError;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hostile XML: entities', () => {
  it('does not expand a billion laughs', () => {
    const { value: feed, ms } = timed(() => parseIsolated(fixture('billion-laughs.xml')));
    expect(ms).toBeLessThan(500);
    expect(feed.title).toBe('Laughs &lol9;');
    expect(feed.items[0]).toMatchObject({
      title: '&lol9;&lol9;&lol9;',
      summary: '&lol9; & more',
    });
  });

  it('does not expand a quadratic blowup', () => {
    const small = parseIsolated(fixture('quadratic-blowup.xml'));
    expect(small.items[0].title).toBe('&a;'.repeat(20));
    // 100 kB entity × 50,000 references would be 5 GB expanded.
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'a'.repeat(100_000)}">]>
      <rss><channel><title>t</title><item><title>${'&a;'.repeat(50_000)}</title>
      <description>${'&a;'.repeat(50_000)}</description></item></channel></rss>`;
    const { value: feed, ms } = timed(() => parseIsolated(xml));
    expect(ms).toBeLessThan(1000);
    expect(feed.items[0].title).toHaveLength(150_000);
    expect(feed.items[0].summary).toHaveLength(150_000);
  });

  it('never reads the file an external entity names', () => {
    const feed = parseIsolated(fixture('external-entity-file.xml'));
    expect(feed.title).toBe('Secrets: &xxe;');
    expect(feed.items[0]).toMatchObject({ title: 'Item &xxe;', summary: '&xxe;' });
    expect(JSON.stringify(feed)).not.toContain('root:');
  });

  it('never fetches an external entity, parameter entity or DTD', () => {
    const feed = parseIsolated(fixture('external-entity-http.xml'));
    expect(feed.title).toBe('Remote &remote;');
    expect(feed.items[0]).toMatchObject({ title: 'Entry &remote;', contentHtml: '&remote;' });
    const dtd = parseIsolated(fixture('external-dtd.xml'));
    // Only the built-in HTML entities decode; the DTD is not loaded for more.
    expect(dtd.title).toBe('With an external DTD …');
  });

  it('sends nothing to a server that an entity points at', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('pwned');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const xml = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:${port}/rss.dtd" [
        <!ENTITY x SYSTEM "http://127.0.0.1:${port}/x">
        <!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p"> %p;
      ]><rss><channel><title>&x;</title></channel></rss>`;
      expect(parseIsolated(xml).title).toBe('&x;');
      // Give a stray request every chance to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('hostile XML: shape and size', () => {
  it('survives a huge number of attributes and unclosed quotes', () => {
    const attributes = Array.from({ length: 50_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const xml = `<rss><channel ${attributes}><title>t</title><item><title>x</title>
      <description>${'<a href="'.repeat(20_000)}</description></item></channel></rss>`;
    const { value: feed, ms } = timed(() => parse(xml));
    expect(ms).toBeLessThan(1000);
    expect(feed.title).toBe('t');
  });

  it('survives a flood of stray end tags in a deep document', () => {
    const xml = `<rss><channel><title>t</title><item><title>x</title><description>
      ${'<span>'.repeat(50_000)}${'</em>'.repeat(50_000)}</description></item></channel></rss>`;
    const { value: feed, ms } = timed(() => parse(xml));
    expect(ms).toBeLessThan(1000);
    expect(feed.items[0].title).toBe('x');
  });

  it('survives thousands of unclosed comments, CDATA sections and stray ampersands', () => {
    const noise = '<!-- a <![CDATA[ b & c &#; &#x; &amp '.repeat(20_000);
    const xml = `<rss><channel><title>t ${'&'.repeat(50_000)};</title><item><title>x</title>
      <description>${noise}</description></item></channel></rss>`;
    const { ms } = timed(() => parse(xml));
    expect(ms).toBeLessThan(1000);
  });

  it('reads an HTML page served as a feed as not a feed', () => {
    const error = parseError(() => parse(fixture('web-page.html'), 'application/rss+xml'));
    expect(error).toMatchObject({
      code: 'not-a-feed',
      message: 'This is a web page, not a feed (found <html>).',
    });
  });
});

describe('hostile JSON', () => {
  it('survives deeply nested JSON', () => {
    const depth = 500_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseError(() => parse(nested)).code).toMatch(/not-a-feed|parse/);
    const inFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1",
      "title":"deep","_ext":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}]}`;
    // Either read (the extension ignored) or refused cleanly; never a crash.
    try {
      expect(parse(inFeed).items[0].title).toBe('deep');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
    }
  });

  // Linear, not quadratic: eight times the items may cost about eight times as long, never
  // sixty-four. A ratio of best-of-three times holds on a loaded machine where a fixed deadline
  // would not; the limit sits far from both, since one collection of the garbage of a large
  // parse can land in every timing of the larger size (a limit of 9 at four times once failed
  // that way).
  function growth(parseItems: (n: number) => unknown, n: number): number {
    const best = (size: number) =>
      Math.min(...[0, 1, 2].map(() => timed(() => parseItems(size)).ms));
    return best(8 * n) / Math.max(best(n), 1);
  }

  function jsonFeed(n: number): string {
    const items = Array.from({ length: n }, (_, i) => ({
      id: `https://example.com/posts/${i}`,
      url: `https://example.com/posts/${i}`,
      title: `Post number ${i} &amp; more`,
      content_html: `<p>Body of post ${i} with <a href="/link/${i}">a relative link</a>.</p>`,
      date_published: '2024-01-10T08:00:00Z',
      tags: ['news', 'world'],
      authors: [{ name: 'Writer' }],
    }));
    return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Big', items });
  }

  function rssFeed(n: number): string {
    const item = (i: number) =>
      `<item><guid>id-${i}</guid><title>Item ${i}</title><link>https://example.com/${i}</link>` +
      `<pubDate>Mon, 15 Jan 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Text ${i}&lt;/p&gt;</description></item>`;
    return `<rss><channel><title>t</title>${Array.from({ length: n }, (_, i) => item(i)).join('')}</channel></rss>`;
  }

  // Seconds of parsing each, more under a loaded full run: a limit for a hang, not a timing.
  it(
    'reads a JSON Feed with 100,000 items whole, in time linear in its size',
    { timeout: 30_000 },
    () => {
      const feed = parse(jsonFeed(100_000));
      expect(feed.items).toHaveLength(100_000);
      expect(feed.items[99_999]).toMatchObject({
        title: 'Post number 99999 & more',
        contentHtml: expect.stringContaining('href="https://example.com/link/99999"'),
      });
      const texts = new Map([2_500, 20_000].map((n) => [n, jsonFeed(n)]));
      expect(growth((n) => parse(texts.get(n)!), 2_500)).toBeLessThan(24);
    },
  );

  it(
    'reads an XML feed with 20,000 items whole, in time linear in its size',
    { timeout: 30_000 },
    () => {
      expect(parse(rssFeed(20_000)).items).toHaveLength(20_000);
      const texts = new Map([1_250, 10_000].map((n) => [n, rssFeed(n)]));
      expect(growth((n) => parse(texts.get(n)!), 1_250)).toBeLessThan(24);
    },
  );
});
