/**
 * The address guard end to end, through the same handlers the app serves, against a real
 * loopback server. "public.test" plays a site on the internet: the injected resolver sends it
 * (and every other *.test name) to 127.0.0.1, and the guard is told to trust public.test alone,
 * as the browser host's BROADSHEET_ALLOW_PRIVATE_HOSTS does for the e2e fixtures. Everything
 * else must be judged by its real address class.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Events } from '@shared/contract';
import type { Result } from '@shared/result';
import { createDispatcher } from '@main/api/dispatch';
import { createCore, type Core } from '@main/core';
import {
  createNetGuard,
  type NetGuard,
  type NetGuardOptions,
  type Resolver,
} from '@main/net/guarded-fetch';
import { createHopGuard } from '@main/net/hop-guard';
import { DEFAULT_SYNC_SETTINGS } from '@shared/sync-model';
import { png } from './image-bytes';
import { resolvingFetch } from './resolving-fetch';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Home feed</title>
  <link>http://nas.test/</link>
  <item><title>One</title><link>http://nas.test/1</link><guid>1</guid></item>
</channel></rss>`;
const PAGE = `<!doctype html><html><head><title>Notes from home</title></head><body><article>
  <h1>Notes from home</h1>${'<p>The home server keeps its own notes, long enough to read as an article. </p>'.repeat(12)}
  <img src="/image.png" alt="A picture"></article></body></html>`;
const REFUSED =
  /^Broadsheet does not fetch addresses on your own network \(.+\) unless you add them yourself \(type the address in Add feed or Save URL\)\.$/;

const routes = new Map<string, Handler>();
const hits: string[] = [];
let server: Server;
let port: number;
let guard: NetGuard;
let core: Core;
let dispatch: ReturnType<typeof createDispatcher>;
const results: Events['sync.result'][] = [];

const send =
  (type: string, body: Uint8Array | string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'Content-Type': type });
    res.end(body);
  };
const redirect =
  (to: () => string): Handler =>
  (_req, res) => {
    res.writeHead(302, { Location: to() });
    res.end();
  };

/** A URL on the test server under any name; the resolver sends every name to 127.0.0.1. */
const at = (host: string, path: string) => `http://${host}:${port}${path}`;

async function call(method: string, params: unknown): Promise<Result<unknown>> {
  return dispatch(method, params);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(`${req.headers.host?.split(':')[0]}${path}`);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The internet as these tests see it: far.test is out there, every other *.test is here. */
const testResolve: Resolver = async (hostname) => {
  if (hostname === 'far.test') return [{ address: '93.184.216.34', family: 4 }];
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  // localhost and friends: the machine's own resolver, which never leaves it for those.
  return lookup(hostname, { all: true });
};

/** Both guards main may run under: the same refusals must hold on each. */
const GUARDS: [string, (options: NetGuardOptions & { resolve: Resolver }) => NetGuard][] = [
  ['the undici guard (browser host, CLI)', (options) => createNetGuard(options)],
  [
    'the hop guard (desktop app) over Node’s fetch',
    (options) => {
      const inner = resolvingFetch(options.resolve);
      const guard = createHopGuard({ ...options, fetch: inner.fetch });
      return { ...guard, close: inner.close };
    },
  ],
];

describe.each(GUARDS)('%s', (_name, makeGuard) => {
  beforeAll(() => {
    guard = makeGuard({ privateHosts: ['public.test'], resolve: testResolve });
    core = createCore({
      net: guard,
      userAgent: 'Broadsheet-test',
      now: Date.now,
      // Short, so that without the guard the unroutable addresses fail fast (and differently).
      limits: { connectTimeoutMs: 1500, timeoutMs: 3000 },
      appInfo: { name: 'Broadsheet', version: '0', host: 'browser', platform: 'linux' },
      emit: (name, payload) => {
        if (name === 'sync.result') results.push(payload as Events['sync.result']);
      },
    });
    dispatch = createDispatcher(core.handlers);
  });

  afterAll(async () => {
    core.scheduler.dispose();
    await guard.close();
  });

  beforeEach(() => {
    routes.clear();
    hits.length = 0;
    results.length = 0;
    routes.set('/feed.xml', send('application/rss+xml', FEED));
    routes.set('/image.png', send('image/png', png(40, 30)));
    routes.set('/page.html', send('text/html', PAGE));
  });

  /** Where a feed on the internet may try to send main, written as a redirect would be. */
  const privateTargets = () => [
    `http://127.0.0.1:${port}/feed.xml`,
    `http://localhost:${port}/feed.xml`,
    `http://2130706433:${port}/feed.xml`,
    `http://0x7f000001:${port}/feed.xml`,
    `http://0.0.0.0:${port}/feed.xml`,
    `http://[::1]:${port}/feed.xml`,
    `http://[::ffff:7f00:1]:${port}/feed.xml`,
    `http://[::]:${port}/feed.xml`,
    'http://10.0.0.1/feed.xml',
    'http://192.168.1.1/feed.xml',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/feed.xml',
    // A name that resolves to the reader's network (DNS rebinding, a router's own name).
    at('router.test', '/feed.xml'),
  ];

  describe('the guarded fetch on a connection broken before any answer', () => {
    it('sends a GET again once on a fresh connection, and never a POST', async () => {
      let tries = 0;
      // As a kept-alive connection the server closed while idle: broken before any answer.
      routes.set('/cut-once', (req, res) => {
        if (tries++ === 0) return req.socket.destroy();
        send('text/plain', 'ok')(req, res);
      });
      const fetch = guard.fetchFor();
      const answer = await fetch(at('public.test', '/cut-once'));
      expect(await answer.text()).toBe('ok');
      expect(tries).toBe(2);

      let cut = 0;
      routes.set('/cut', (req) => {
        cut++;
        req.socket.destroy();
      });
      await expect(fetch(at('public.test', '/cut'))).rejects.toThrow();
      expect(cut).toBe(2);
      cut = 0;
      await expect(
        fetch(at('public.test', '/cut'), { method: 'POST', body: 'x' }),
      ).rejects.toThrow();
      expect(cut).toBe(1);
    });
  });

  describe('a feed on the internet cannot make main request the reader’s network', () => {
    it('refuses every redirect hop into it, for feeds.fetch, feeds.discover and full text', async () => {
      for (const target of privateTargets()) {
        routes.set(
          '/moved',
          redirect(() => target),
        );
        for (const method of ['feeds.fetch', 'feeds.discover', 'articles.fetchFull']) {
          const result = await call(method, { url: at('public.test', '/moved') });
          expect(result, `${method} → ${target}`).toMatchObject({
            ok: false,
            error: { code: 'forbidden', message: expect.stringMatching(REFUSED) },
          });
        }
      }
      // Main asked public.test each time and never reached the server under another name.
      expect(hits.every((hit) => hit === 'public.test/moved')).toBe(true);
    });

    it('refuses the same even when the page was typed (the allowance is for its own host)', async () => {
      routes.set(
        '/moved',
        redirect(() => `http://127.0.0.1:${port}/feed.xml`),
      );
      const result = await call('feeds.fetch', {
        url: at('public.test', '/moved'),
        allowPrivateHost: '127.0.0.1',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });

    it('refuses a subscription’s private address on scheduled refresh, as a per-feed failure', async () => {
      routes.set(
        '/moved',
        redirect(() => 'http://192.168.1.1/feed.xml'),
      );
      await call('sync.setFeeds', {
        feeds: [
          { id: 'fine', url: at('public.test', '/feed.xml') },
          { id: 'moved', url: at('public.test', '/moved') },
          { id: 'literal', url: `http://127.0.0.1:${port}/feed.xml` },
        ],
        settings: DEFAULT_SYNC_SETTINGS,
      });
      await waitFor(() => results.length === 3);
      const byId = new Map(results.map((result) => [result.feedId, result]));
      expect(byId.get('fine')).toMatchObject({ ok: true });
      for (const id of ['moved', 'literal']) {
        expect(byId.get(id)).toMatchObject({
          ok: false,
          failure: { code: 'forbidden', message: expect.stringMatching(REFUSED), failureCount: 1 },
        });
      }
    });

    it('refuses images on private hosts, directly or by redirect, and says not to retry', async () => {
      routes.set(
        '/moved.png',
        redirect(() => `http://127.0.0.1:${port}/image.png`),
      );
      const urls = [
        at('public.test', '/image.png'),
        `http://127.0.0.1:${port}/image.png`,
        `http://[::ffff:127.0.0.1]:${port}/image.png`,
        at('public.test', '/moved.png'),
        'http://169.254.169.254/image.png',
      ];
      const result = await call('images.fetch', { urls });
      if (!result.ok) throw new Error(result.error.message);
      const images = result.value as { url: string; ok: boolean; reason?: string }[];
      expect(images[0]).toMatchObject({ ok: true });
      for (const image of images.slice(1)) {
        expect(image, image.url).toMatchObject({
          ok: false,
          retryable: false,
          reason: expect.stringMatching(REFUSED),
        });
      }
      expect(hits.filter((hit) => hit.endsWith('/image.png'))).toEqual(['public.test/image.png']);
    });

    it('refuses episodes on private hosts, directly or by redirect, unless the feed’s host is allowed', async () => {
      routes.set('/episode.mp3', send('audio/mpeg', 'ID3 and the rest'));
      routes.set(
        '/moved.mp3',
        redirect(() => `http://127.0.0.1:${port}/episode.mp3`),
      );
      const fetchEpisode = (url: string, allowPrivateHost?: string) =>
        call('episodes.fetch', { url, from: 0, maxBytes: 1_000_000, allowPrivateHost });
      expect(await fetchEpisode(at('public.test', '/episode.mp3'))).toMatchObject({ ok: true });
      for (const url of [
        `http://127.0.0.1:${port}/episode.mp3`,
        at('public.test', '/moved.mp3'),
        'http://169.254.169.254/episode.mp3',
      ]) {
        expect(await fetchEpisode(url), url).toMatchObject({
          ok: false,
          error: { code: 'forbidden', message: expect.stringMatching(REFUSED) },
        });
      }
      // The host a feed was typed with (nas.test) may serve its episodes, and only it.
      expect(await fetchEpisode(at('nas.test', '/episode.mp3'), 'nas.test')).toMatchObject({
        ok: true,
      });
      expect(await fetchEpisode(at('router.test', '/episode.mp3'), 'nas.test')).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    });

    it('refuses icons on private hosts: the feed’s own, the page’s links and /favicon.ico', async () => {
      routes.set(
        '/',
        send('text/html', `<link rel="icon" href="http://127.0.0.1:${port}/image.png">`),
      );
      const result = await call('feeds.icon', {
        feedUrl: `http://10.0.0.1/feed.xml`,
        iconUrl: `http://[::1]:${port}/image.png`,
        siteUrl: at('public.test', '/'),
      });
      expect(result).toMatchObject({ ok: true, value: { ok: false } });
      const reason = (result as { value: { reason: string } }).value.reason;
      expect(reason).toContain('own network (::1)');
      expect(reason).toContain('own network (127.0.0.1)');
      expect(hits.filter((hit) => hit.endsWith('/image.png'))).toEqual([]);
    });
  });

  describe('what the reader typed may be on their own network, that host only', () => {
    it('subscribes to a typed private host and says so, so refreshes keep working', async () => {
      const url = at('nas.test', '/feed.xml');
      expect(await call('feeds.fetch', { url })).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('(nas.test, 127.0.0.1)') },
      });
      const typed = await call('feeds.fetch', { url, allowPrivateHost: 'nas.test' });
      expect(typed).toMatchObject({
        ok: true,
        value: { status: 'ok', privateHost: 'nas.test', feed: { title: 'Home feed' } },
      });
      // A public host needs no allowance and gets none, so it cannot rebind onto the network.
      expect(await guard.isPrivateHost('far.test')).toBe(false);
      expect(await guard.isPrivateHost('nas.test')).toBe(true);
      expect(await guard.isPrivateHost('[::1]')).toBe(true);

      await call('sync.setFeeds', {
        feeds: [
          { id: 'kept', url, allowPrivateHost: 'nas.test' },
          { id: 'imported', url },
          // An allowance for another host than the feed's own is not honoured.
          { id: 'borrowed', url: at('router.test', '/feed.xml'), allowPrivateHost: 'nas.test' },
        ],
        settings: DEFAULT_SYNC_SETTINGS,
      });
      await waitFor(() => results.length === 3);
      const byId = new Map(results.map((result) => [result.feedId, result]));
      expect(byId.get('kept')).toMatchObject({ ok: true });
      expect(byId.get('imported')).toMatchObject({ ok: false, failure: { code: 'forbidden' } });
      expect(byId.get('borrowed')).toMatchObject({ ok: false, failure: { code: 'forbidden' } });
    });

    it('refuses a redirect from the typed host to another private host', async () => {
      for (const target of [`http://127.0.0.1:${port}/feed.xml`, at('router.test', '/feed.xml')]) {
        routes.set(
          '/moved',
          redirect(() => target),
        );
        for (const method of ['feeds.fetch', 'feeds.discover', 'articles.fetchFull']) {
          const result = await call(method, {
            url: at('nas.test', '/moved'),
            allowPrivateHost: 'nas.test',
          });
          expect(result, `${method} → ${target}`).toMatchObject({
            ok: false,
            error: { code: 'forbidden', message: expect.stringMatching(REFUSED) },
          });
        }
      }
    });

    it('saves a typed page, then fetches its images and the feed’s icon from that host alone', async () => {
      const saved = await call('articles.fetchFull', {
        url: at('nas.test', '/page.html'),
        allowPrivateHost: 'nas.test',
      });
      expect(saved).toMatchObject({ ok: true, value: { privateHost: 'nas.test' } });

      const images = await call('images.fetch', {
        urls: [at('nas.test', '/image.png'), at('router.test', '/image.png')],
        allowPrivateHost: 'nas.test',
      });
      expect(images).toMatchObject({
        ok: true,
        value: [
          { ok: true },
          { ok: false, retryable: false, reason: expect.stringMatching(REFUSED) },
        ],
      });

      const icon = await call('feeds.icon', {
        feedUrl: at('nas.test', '/feed.xml'),
        iconUrl: at('nas.test', '/image.png'),
        allowPrivateHost: 'nas.test',
      });
      expect(icon).toMatchObject({ ok: true, value: { ok: true, contentType: 'image/png' } });
    });
  });

  describe('connections kept alive', () => {
    it('are not lent from a typed host’s allowance to a request without it', async () => {
      const typed = await guard.fetchFor('nas.test')(at('nas.test', '/feed.xml'));
      expect(typed.status).toBe(200);
      await typed.text();
      // The first connection now waits in a pool; a request without the allowance must not get it.
      const error = await guard
        .fetchFor()(at('nas.test', '/feed.xml'))
        .catch((e: unknown) => e);
      expect(((error as Error).cause as Error).message).toMatch(REFUSED);
      expect(hits).toEqual(['nas.test/feed.xml']);
    });
  });

  describe('the refusal hook for other checks', () => {
    it('is asked for every hop before connecting', async () => {
      const asked: string[] = [];
      const tracking = makeGuard({
        privateHosts: ['public.test', 'tracker.test'],
        refuseHost: (hostname) => {
          asked.push(hostname);
          return hostname === 'tracker.test' ? 'tracker.test is a tracker' : undefined;
        },
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      });
      routes.set(
        '/moved',
        redirect(() => at('tracker.test', '/feed.xml')),
      );
      try {
        const fetch = tracking.fetchFor();
        const first = await fetch(at('public.test', '/moved'), { redirect: 'manual' });
        expect(first.status).toBe(302);
        await first.body?.cancel();
        const error = await fetch(at('public.test', '/moved')).catch((e: unknown) => e);
        expect(String((error as Error).cause)).toContain('tracker.test is a tracker');
        expect(asked).toContain('tracker.test');
        expect(hits.some((hit) => hit.startsWith('tracker.test'))).toBe(false);
      } finally {
        await tracking.close();
      }
    });
  });
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 20) {
    if (waited > 10_000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
