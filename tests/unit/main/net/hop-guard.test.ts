/**
 * What the desktop app's guard does on its own, beyond what both guards share (those tests are
 * in guarded-fetch.test.ts and http-get.test.ts): redirects followed by hand for callers that
 * ask fetch to follow, the options forced on every hop, and names that do not resolve locally
 * behind a proxy. Node's fetch plays Chromium's network against a real loopback server; the
 * resolver plays the system's, sending every *.test name to 127.0.0.1.
 */
import { once } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusalIn } from '@main/net/address-guard';
import { errorCode } from '@main/net/error-code';
import type { Resolver } from '@main/net/guarded-fetch';
import { createHopGuard, type HopGuardOptions } from '@main/net/hop-guard';
import { resolvingFetch } from './resolving-fetch';

interface Seen {
  host: string;
  path: string;
  method: string;
  body: string;
  contentType?: string;
}

const seen: Seen[] = [];
let server: Server;
let port: number;

const at = (host: string, path: string) => `http://${host}:${port}${path}`;

function route(req: IncomingMessage, res: ServerResponse, path: string) {
  const status = /^\/(30\d)\/(.+)$/.exec(path);
  if (status) {
    res.writeHead(Number(status[1]), { Location: decodeURIComponent(status[2] ?? '') }).end();
    return;
  }
  const many = /^\/many\/(\d+)$/.exec(path);
  if (many) {
    res.writeHead(302, { Location: `/many/${Number(many[1]) + 1}` }).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${req.method} ${path}`);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen.push({
        host: req.headers.host?.split(':')[0] ?? '',
        path,
        method: req.method ?? '',
        body: Buffer.concat(chunks).toString(),
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      });
      route(req, res, path);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await loopback.close();
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  seen.length = 0;
});

const toLoopback: Resolver = async (hostname) => {
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

/** Node's fetch, with the names the test resolver knows sent to the loopback server. */
const loopback = resolvingFetch(toLoopback);
const loopbackFetch = loopback.fetch;

function guardWith(options: Partial<HopGuardOptions> = {}) {
  return createHopGuard({
    fetch: loopbackFetch,
    resolve: toLoopback,
    privateHosts: ['public.test', 'other.test'],
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the fetch to fail');
}

const via = (status: number, target: string) => `/${status}/${encodeURIComponent(target)}`;

describe('the hop guard, for a caller that asks fetch to follow redirects', () => {
  it('follows them by hand, checking each hop, and refuses one into the reader’s network', async () => {
    const fetch = guardWith().fetchFor();
    const followed = await fetch(at('public.test', via(302, at('other.test', '/end'))));
    expect(await followed.text()).toBe('GET /end');
    expect(seen.map((hit) => hit.host)).toEqual(['public.test', 'other.test']);

    seen.length = 0;
    const error = await failure(fetch(at('public.test', via(301, at('router.test', '/end')))));
    expect(refusalIn(error)?.message).toContain('(router.test, 127.0.0.1)');
    // The refused hop was never sent.
    expect(seen.map((hit) => hit.host)).toEqual(['public.test']);
  });

  it('returns the 3xx itself, Location readable, when the caller follows by hand', async () => {
    const answer = await guardWith().fetchFor()(at('public.test', via(308, '/end')), {
      redirect: 'manual',
    });
    expect(answer.status).toBe(308);
    expect(answer.headers.get('location')).toBe('/end');
    expect(seen).toHaveLength(1);
  });

  it('turns a POST met by 303 or 302 into a GET without body, and keeps it through 307', async () => {
    const fetch = guardWith().fetchFor();
    const form = { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'text/plain' } };
    for (const status of [302, 303]) {
      seen.length = 0;
      await (await fetch(at('public.test', via(status, '/end')), form)).text();
      expect(seen[1]).toEqual({ host: 'public.test', path: '/end', method: 'GET', body: '' });
    }
    seen.length = 0;
    await (await fetch(at('public.test', via(307, '/end')), form)).text();
    expect(seen[1]).toMatchObject({ method: 'POST', body: 'a=1', contentType: 'text/plain' });
  });

  it('fails on a redirect when asked to, past its limit, and towards a non-web address', async () => {
    const fetch = guardWith({ maxRedirects: 3 }).fetchFor();
    await expect(fetch(at('public.test', via(302, '/end')), { redirect: 'error' })).rejects.toThrow(
      TypeError,
    );
    const tooMany = await failure(fetch(at('public.test', '/many/0')));
    expect(String((tooMany as Error).cause)).toContain('redirect count exceeded');
    expect(seen.filter((hit) => hit.path.startsWith('/many'))).toHaveLength(4);
    const away = await failure(fetch(at('public.test', via(302, 'file:///etc/passwd'))));
    expect(String((away as Error).cause)).toContain('non-web address (file:)');
  });
});

describe('what every hop is sent with', () => {
  it('is never followed by the inner fetch, carries no credentials and skips the HTTP cache', async () => {
    const inits: RequestInit[] = [];
    const fetch = guardWith({
      fetch: (input, init) => {
        inits.push(init ?? {});
        return loopbackFetch(input, init);
      },
    }).fetchFor();
    await (await fetch(at('public.test', via(301, '/end')), { credentials: 'include' })).text();
    expect(inits).toHaveLength(2);
    for (const init of inits) {
      expect(init).toMatchObject({ redirect: 'manual', credentials: 'omit', cache: 'no-store' });
    }
  });
});

describe('names the reader’s computer cannot resolve', () => {
  it('fail as not found without a proxy, and go to the proxy when one resolves them', async () => {
    const asked: string[] = [];
    const direct = guardWith({ viaProxy: async () => false }).fetchFor();
    const error = await failure(direct(at('nowhere.example', '/end')));
    expect(errorCode(error)).toBe('ENOTFOUND');
    // Not knowing whether there is a proxy is not knowing the name.
    const unknown = guardWith({ viaProxy: () => Promise.reject(new Error('no answer')) });
    expect(errorCode(await failure(unknown.fetchFor()(at('nowhere.example', '/end'))))).toBe(
      'ENOTFOUND',
    );
    expect(seen).toHaveLength(0);

    // The proxy finds every name (here: on the loopback server) where the computer cannot.
    const proxy = resolvingFetch(async () => [{ address: '127.0.0.1', family: 4 }]);
    try {
      const proxied = guardWith({
        fetch: proxy.fetch,
        viaProxy: async (url) => {
          asked.push(url);
          return true;
        },
      }).fetchFor();
      const answer = await proxied(at('nowhere.example', '/end'));
      expect(await answer.text()).toBe('GET /end');
      expect(asked).toEqual([at('nowhere.example', '/end')]);
    } finally {
      await proxy.close();
    }
  });

  it('still refuses a name the proxy would be asked for when it resolves to the reader’s network', async () => {
    const fetch = guardWith({ viaProxy: async () => true }).fetchFor();
    const error = await failure(fetch(at('router.test', '/end')));
    expect(refusalIn(error)).toBeDefined();
    expect(seen).toHaveLength(0);
  });

  it('treats an empty answer as not found', async () => {
    const fetch = guardWith({ resolve: async () => [] }).fetchFor();
    expect(errorCode(await failure(fetch(at('public.test', '/end'))))).toBe('ENOTFOUND');
  });

  it('stops waiting for a lookup that never ends when the caller aborts', async () => {
    const fetch = guardWith({ resolve: () => new Promise(() => undefined) }).fetchFor();
    const started = Date.now();
    const error = await failure(
      fetch(at('public.test', '/end'), { signal: AbortSignal.timeout(100) }),
    );
    expect(error.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('isPrivateHost', () => {
  it('judges literals by their class and names by what they resolve to', async () => {
    const guard = createHopGuard({
      fetch: loopbackFetch,
      resolve: async (hostname) =>
        hostname === 'far.test'
          ? [{ address: '93.184.216.34', family: 4 }]
          : [{ address: '192.168.1.2', family: 4 }],
    });
    expect(await guard.isPrivateHost('far.test')).toBe(false);
    expect(await guard.isPrivateHost('nas.test')).toBe(true);
    expect(await guard.isPrivateHost('[::1]')).toBe(true);
    expect(await guard.isPrivateHost('8.8.8.8')).toBe(false);
  });
});
