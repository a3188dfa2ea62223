/**
 * No request reaches a tracker: images, full-text pages and icons are refused on the tracker's
 * name before a connection is made, redirects included.
 *
 * The trackers are real names from the lists (www.google-analytics.com, ads.pheedo.com), and so
 * is the check; only name resolution is the test's own. Every name resolves to 127.0.0.1, as a
 * hosts file would, so a request that got through would arrive at the counting server below.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchFullArticle } from '@main/articles/article-service';
import { downloadImages, TRACKER_REFUSED } from '@main/net/download-images';
import type { FeedServiceDeps } from '@main/feeds/feed-service';
import { fetchFeedIcon } from '@main/feeds/feed-icon';
import { AppError } from '@shared/result';
import { gif, png } from '../net/image-bytes';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Requests that arrived, as `host path`. */
const arrived: string[] = [];
const routes = new Map<string, Handler>();
let server: Server;
let port: number;
let agent: Agent;
let deps: FeedServiceDeps;

/** An address on the loopback server under another name. */
const at = (host: string, path: string) => `http://${host}:${port}${path}`;

function send(type: string, body: Uint8Array | string): Handler {
  return (_req, res) => res.writeHead(200, { 'Content-Type': type }).end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    arrived.push(`${host} ${path}`);
    const handler = routes.get(`${host} ${path}`);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // Every name is 127.0.0.1, whatever the caller asks for (one address or all of them).
  agent = new Agent({
    connect: {
      lookup: (_hostname, options, callback) => {
        if ((options as { all?: boolean }).all)
          callback(null, [{ address: '127.0.0.1', family: 4 }]);
        else callback(null, '127.0.0.1', 4);
      },
    },
  });
  const fetch = ((input: string, init?: RequestInit) =>
    undiciFetch(input, {
      ...(init as object),
      dispatcher: agent,
    })) as unknown as typeof globalThis.fetch;
  deps = { fetch, userAgent: 'Broadsheet-test/1.0', now: () => Date.now() };

  routes.set('images.news.test /photo.png', send('image/png', png(64, 48)));
  routes.set('images.news.test /hop.png', (_req, res) =>
    res.writeHead(302, { Location: at('www.google-analytics.com', '/collect') }).end(),
  );
  routes.set('www.google-analytics.com /collect', send('image/gif', gif(1, 1)));
  routes.set('ads.pheedo.com /img.phdo', send('image/gif', gif(1, 1)));
  routes.set('www.facebook.com /tr', send('image/gif', gif(1, 1)));
});

afterAll(async () => {
  await agent.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  arrived.length = 0;
});

describe('downloadImages', () => {
  it('fetches an ordinary image through the same setup (the names do reach the server)', async () => {
    const [result] = await downloadImages(deps, [at('images.news.test', '/photo.png')]);
    expect(result?.ok).toBe(true);
    expect(arrived).toEqual(['images.news.test /photo.png']);
  });

  it('refuses trackers from our list and from the tracker database without a request', async () => {
    const urls = [
      at('www.google-analytics.com', '/collect?v=1&tid=UA-1'),
      at('ads.pheedo.com', '/img.phdo?s=cc0c5f&p=1'),
      at('www.facebook.com', '/tr?id=1'),
    ];
    const results = await downloadImages(deps, urls);
    expect(arrived).toEqual([]);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason.startsWith(TRACKER_REFUSED), result.reason).toBe(true);
        expect(result.retryable).toBe(false);
      }
    }
  });

  it('refuses a redirect to a tracker before following it', async () => {
    const [result] = await downloadImages(deps, [at('images.news.test', '/hop.png')]);
    expect(arrived).toEqual(['images.news.test /hop.png']);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.reason).toMatch(/www\.google-analytics\.com/);
  });
});

describe('full-text pages and icons', () => {
  it('does not fetch a page on a tracker host', async () => {
    const fetching = fetchFullArticle(deps, at('ads.pheedo.com', '/story.html'));
    await expect(fetching).rejects.toBeInstanceOf(AppError);
    await expect(fetching).rejects.toMatchObject({ code: 'forbidden' });
    expect(arrived).toEqual([]);
  });

  it('asks a tracker neither for a feed icon, nor for its home page or favicon', async () => {
    const result = await fetchFeedIcon(deps, {
      feedUrl: at('ads.pheedo.com', '/feed.xml'),
      iconUrl: at('www.google-analytics.com', '/icon.png'),
    });
    expect(result.ok).toBe(false);
    expect(arrived).toEqual([]);
  });
});
