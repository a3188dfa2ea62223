/**
 * The soak's loopback feeds, pages and images. Unlike the general fixture server, it remembers
 * what it served: every feed answers with an ETag naming its version, and the server keeps
 * which items each ETag stood for, so the soak can tell when a feed row's conditional-GET state
 * vouches for items the library does not hold.
 *
 * Routes:
 *   GET  /feed/<key>.xml      RSS of the feed's current version; 304 on a matching If-None-Match
 *   GET  /page/<key>/<n>.html a whole article for the full-text pass, with two images
 *   GET  /img/<name>.png      a small PNG (after imageDelayMs)
 *   GET  /opml/<prefix>/<n>   an OPML document of n feeds <prefix>-0 … <prefix>-(n-1)
 *
 * A feed key's first character sets its size: `b` (bulk) feeds have no items (their articles
 * are seeded), `o` (OPML) feeds two, `g` (giant) feeds 900 (stored in two batches, under the
 * default cap of 1,000 per feed), every other feed five. An OPML list of `r` feeds also holds
 * one giant feed. Version v of a feed holds items
 * v … v+size-1, so bumping a version brings one new item and drops the oldest from the document.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';

const PNG = readFileSync(path.resolve(__dirname, '../../fixtures/feeds/icons/feed-icon.png'));

const STORY = (guid: string) =>
  Array.from(
    { length: 12 },
    (_, i) =>
      `Part ${i} of ${guid}: the council met on a wet evening to talk about the river and the budget.`,
  ).join(' ');

export interface SoakServer {
  url: string;
  /** The items (guids) each ETag this server sent stood for. */
  servedEtags: Map<string, string[]>;
  /** Moves every feed whose key starts with `prefix` one version on. */
  bump(prefix: string): void;
  /** Milliseconds before each feed, page or image answer (widens the window for a kill). */
  delays: { feedMs: number; pageMs: number; imageMs: number };
  close(): Promise<void>;
}

function feedGuids(key: string, version: number): string[] {
  const size = key.startsWith('b') ? 0 : key.startsWith('o') ? 2 : key.startsWith('g') ? 900 : 5;
  return Array.from({ length: size }, (_, i) => `${key}-item-${version + i}`);
}

export async function startSoakServer(): Promise<SoakServer> {
  const versions = new Map<string, number>();
  const known = new Set<string>();
  const servedEtags = new Map<string, string[]>();
  const delays = { feedMs: 0, pageMs: 0, imageMs: 0 };
  const sockets = new Set<Socket>();
  let base = '';
  const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let match: RegExpExecArray | null;
    if ((match = /^\/feed\/([\w-]+)\.xml$/.exec(url.pathname))) {
      await wait(delays.feedMs);
      const key = match[1]!;
      known.add(key);
      const version = versions.get(key) ?? 1;
      const etag = `"${key}-v${version}"`;
      const guids = feedGuids(key, version);
      servedEtags.set(etag, guids);
      res.setHeader('ETag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        return void res.end();
      }
      res.setHeader('Content-Type', 'application/rss+xml');
      return void res.end(rss(key, guids));
    }
    if ((match = /^\/page\/([\w-]+)\/([\w-]+)\.html$/.exec(url.pathname))) {
      await wait(delays.pageMs);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      return void res.end(page(match[2]!));
    }
    if (/^\/img\/[\w-]+\.png$/.test(url.pathname)) {
      await wait(delays.imageMs);
      res.setHeader('Content-Type', 'image/png');
      return void res.end(PNG);
    }
    if ((match = /^\/opml\/([\w-]+)\/(\d+)$/.exec(url.pathname))) {
      res.setHeader('Content-Type', 'text/x-opml');
      return void res.end(opml(match[1]!, Number(match[2])));
    }
    res.statusCode = 404;
    res.end('not found');
  }

  function rss(key: string, guids: string[]): string {
    const items = guids
      .map((guid) => {
        const n = Number(guid.slice(guid.lastIndexOf('-') + 1));
        // Whole stories (no full-text fetch on arrival): the offline operation asks for it.
        return `<item><title>${guid} story</title><guid isPermaLink="false">${guid}</guid>
<link>${base}/page/${key}/${guid}.html</link>
<pubDate>${new Date(Date.UTC(2026, 10, 1) + n * 60_000).toUTCString()}</pubDate>
<description>${STORY(guid)}</description></item>`;
      })
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>
<title>Soak ${key}</title><link>${base}/</link><description>soak feed</description>
${items}</channel></rss>`;
  }

  function page(guid: string): string {
    const paragraphs = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Paragraph ${i} of ${guid}: the council met on a wet evening to talk about the river, the budget, the library's opening hours and the new bus routes through the old town.</p>`,
    ).join('\n');
    const shared = Number(guid.slice(guid.lastIndexOf('-') + 1)) % 7;
    return `<!doctype html><html><head><title>${guid} story</title></head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article><h1>${guid} story</h1>
${paragraphs}
<figure><img src="${base}/img/${guid}.png" width="16" height="16" alt="own"></figure>
<figure><img src="${base}/img/shared-${shared}.png" width="16" height="16" alt="shared"></figure>
${paragraphs}
</article></main><footer>Soak</footer></body></html>`;
  }

  function opml(prefix: string, count: number): string {
    const outlines = Array.from(
      { length: count },
      (_, n) =>
        `<outline type="rss" text="Soak ${prefix}-${n}" xmlUrl="${base}/feed/${prefix}-${n}.xml"/>`,
    ).join('\n');
    const giant =
      prefix === 'r' ? `<outline type="rss" text="Soak g-0" xmlUrl="${base}/feed/g-0.xml"/>` : '';
    return `<?xml version="1.0"?><opml version="2.0"><head><title>soak</title></head><body>
${outlines}${giant}</body></opml>`;
  }

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    servedEtags,
    delays,
    bump(prefix) {
      for (const key of known)
        if (key.startsWith(prefix)) versions.set(key, (versions.get(key) ?? 1) + 1);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  } as SoakServer;
}

/** Which feed key a feed address on this server names, if any. */
export function feedKeyOf(url: string): string | undefined {
  return /\/feed\/([\w-]+)\.xml$/.exec(url)?.[1];
}
