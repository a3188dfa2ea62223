import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeeds } from '@main/feeds/discover';
import { fetchFeedIcon } from '@main/feeds/feed-icon';
import type { FeedServiceDeps } from '@main/feeds/feed-service';
import { png } from '../net/image-bytes';

// Feed discovery and site icons parse a page on main's thread; a hostile body (10,000 nested
// divs, 115 KB) held it for tens of seconds. The links they need are in the head.
const HEAD =
  '<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">' +
  '<link rel="icon" href="/icon.png" sizes="32x32">';
const DEEP = `<!DOCTYPE html><html><head>${HEAD}</head><body>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}</body></html>`;

const deps: FeedServiceDeps = { fetch: globalThis.fetch, userAgent: 'test', now: () => Date.now() };
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/icon.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(png(32, 32));
    } else if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(DEEP);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body>Not found</body></html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('pages nested 10,000 levels deep', () => {
  it('still yield the feeds their head links to, at once', async () => {
    const started = performance.now();
    const result = await discoverFeeds(deps, `${base}/`);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result.feeds).toEqual([{ url: `${base}/feed.xml`, title: 'News', format: 'rss' }]);
  }, 15_000);

  it('still yield the icon their head links to, at once', async () => {
    const started = performance.now();
    const result = await fetchFeedIcon(deps, { feedUrl: `${base}/feed.xml`, siteUrl: `${base}/` });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({ ok: true, url: `${base}/icon.png` });
  }, 15_000);
});
