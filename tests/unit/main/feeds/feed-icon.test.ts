import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ICON_BYTES, fetchFeedIcon } from '@main/feeds/feed-icon';
import type { FeedServiceDeps } from '@main/feeds/feed-service';
// Loaded up front, as before main loaded it lazily (html/load-jsdom.ts): its load time on a busy
// machine is not what these tests time.
import 'jsdom';
import { gif, png } from '../net/image-bytes';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

// A real Windows icon header (one 16×16 entry); its bytes are not sniffable, its type says icon.
const ICO = new Uint8Array([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

const routes = new Map<string, Handler>();
const hits: string[] = [];
let server: Server;
let base: string;
const deps: FeedServiceDeps = { fetch: globalThis.fetch, userAgent: 'test', now: () => Date.now() };

function send(type: string, body: Uint8Array | string): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': type });
    res.end(body);
  };
}

const page = (head: string) =>
  send(
    'text/html; charset=utf-8',
    `<!doctype html><html><head>${head}</head><body>Hi</body></html>`,
  );

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body>Not found</body></html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  routes.clear();
  hits.length = 0;
});

describe('feed icons', () => {
  it('take the feed’s own icon first', async () => {
    routes.set('/feed-logo.png', send('image/png', png(48, 48)));
    routes.set('/favicon.ico', send('image/x-icon', ICO));
    const result = await fetchFeedIcon(deps, {
      feedUrl: `${base}/feed.xml`,
      iconUrl: `${base}/feed-logo.png`,
      siteUrl: `${base}/`,
    });
    expect(result).toMatchObject({
      ok: true,
      url: `${base}/feed-logo.png`,
      contentType: 'image/png',
    });
    expect(result.ok && result.bytes).toEqual(png(48, 48));
    expect(hits).toEqual(['/feed-logo.png']);
  });

  it('fall back to the site’s linked icon nearest 32 px, skipping SVG', async () => {
    routes.set(
      '/blog/',
      page(`
        <link rel="icon" type="image/svg+xml" href="/icon.svg">
        <link rel="apple-touch-icon" href="/touch.png">
        <link rel="icon" sizes="192x192" href="/big.png">
        <link rel="shortcut icon" sizes="32x32" href="icons/small.gif">`),
    );
    routes.set('/blog/icons/small.gif', send('image/gif', gif(32, 32)));
    routes.set('/big.png', send('image/png', png(192, 192)));
    const result = await fetchFeedIcon(deps, {
      feedUrl: `${base}/feed.xml`,
      siteUrl: `${base}/blog/`,
    });
    expect(result).toMatchObject({ ok: true, url: `${base}/blog/icons/small.gif` });
    expect(hits).not.toContain('/icon.svg');
  });

  it('fall back to /favicon.ico of the site, or of the feed’s own host without a site', async () => {
    routes.set('/', page('<title>No icons here</title>'));
    routes.set('/favicon.ico', send('image/vnd.microsoft.icon', ICO));
    expect(
      await fetchFeedIcon(deps, { feedUrl: `${base}/feeds/all.xml`, siteUrl: `${base}/` }),
    ).toMatchObject({
      ok: true,
      url: `${base}/favicon.ico`,
      contentType: 'image/vnd.microsoft.icon',
    });
    expect(await fetchFeedIcon(deps, { feedUrl: `${base}/feeds/all.xml` })).toMatchObject({
      ok: true,
      url: `${base}/favicon.ico`,
    });
  });

  it('refuse an SVG feed icon, even one labelled as PNG, and use the favicon instead', async () => {
    routes.set('/logo.svg', send('image/svg+xml', SVG));
    routes.set('/sneaky.png', send('image/png', SVG));
    routes.set('/favicon.ico', send('image/x-icon', ICO));
    for (const icon of ['/logo.svg', '/sneaky.png']) {
      const result = await fetchFeedIcon(deps, {
        feedUrl: `${base}/feed.xml`,
        iconUrl: `${base}${icon}`,
      });
      expect(result).toMatchObject({ ok: true, url: `${base}/favicon.ico` });
    }
  });

  it(`refuse icons over ${MAX_ICON_BYTES / 1024} KB and answers that are not images`, async () => {
    routes.set(
      '/huge.png',
      send('image/png', new Uint8Array([...png(16, 16), ...new Uint8Array(MAX_ICON_BYTES)])),
    );
    routes.set('/favicon.ico', send('text/html', '<html><body>Soft 404</body></html>'));
    const result = await fetchFeedIcon(deps, {
      feedUrl: `${base}/feed.xml`,
      iconUrl: `${base}/huge.png`,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/huge\.png: larger than 64 KB/);
    expect(!result.ok && result.reason).toMatch(/favicon\.ico: not an image \(text\/html\)/);
  });

  it('accept an icon of exactly the limit', async () => {
    const exact = new Uint8Array(MAX_ICON_BYTES);
    exact.set(png(16, 16));
    routes.set('/exact.png', send('image/png', exact));
    expect(
      await fetchFeedIcon(deps, { feedUrl: `${base}/feed.xml`, iconUrl: `${base}/exact.png` }),
    ).toMatchObject({ ok: true, url: `${base}/exact.png` });
  });
});
