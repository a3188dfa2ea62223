import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { lookup } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_ACCEPT, PAGE_ACCEPT } from '@main/net/accept';
import { createNetGuard, type NetGuard } from '@main/net/guarded-fetch';
import { createHopGuard } from '@main/net/hop-guard';
import { createSystemNetGuard } from '@main/shell/system-net';
import { FetchError, httpGet, type FetchDeps } from '@main/net/http-get';
import { AppError } from '@shared/result';
import { startFixtureServer, type FixtureServer } from '../../../fixture-server/server';
import { chromiumStandIn } from '../shell/chromium-stand-in';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Mon, 15 Jan 2024 10:00:00 GMT';

/**
 * Every fetch main's requests may go through: the same timeouts, caps and redirect rules must
 * hold on each. The test servers are on 127.0.0.1, which the guards are told to allow (as the
 * browser host's BROADSHEET_ALLOW_PRIVATE_HOSTS does); the hop guard is the desktop app's, run
 * here over Node's fetch in the place of Chromium's.
 */
const FETCHES: [string, () => Pick<NetGuard, 'fetchFor' | 'close'>][] = [
  ['Node’s fetch', () => ({ fetchFor: () => globalThis.fetch, close: async () => {} })],
  ['the undici guard', () => createNetGuard({ privateHosts: ['127.0.0.1'] })],
  [
    'the hop guard over Node’s fetch',
    () =>
      createHopGuard({
        fetch: globalThis.fetch,
        resolve: (hostname) => lookup(hostname, { all: true, order: 'verbatim' }),
        privateHosts: ['127.0.0.1'],
      }),
  ],
  [
    'the desktop app’s guard over a stand-in for Chromium’s net.request',
    () => createSystemNetGuard(chromiumStandIn(), { privateHosts: ['127.0.0.1'] }),
  ],
];
let deps: FetchDeps;
const SERVER_DATE = 'Mon, 15 Jan 2024 10:00:00 GMT';
const TWO_MINUTES_LATER = 'Mon, 15 Jan 2024 10:02:00 GMT';
const seen: IncomingHttpHeaders[] = [];
let server: Server;
let base: string;
let fixtures: FixtureServer;

function redirect(response: ServerResponse, status: number, location: string) {
  response.writeHead(status, { Location: location }).end();
}

function route(path: string, headers: IncomingHttpHeaders, response: ServerResponse) {
  const many = /^\/many\/(\d+)$/.exec(path);
  if (many) return redirect(response, 301, `/many/${Number(many[1]) + 1}`);
  switch (path) {
    case '/feed':
      if (headers['if-none-match'] === ETAG || headers['if-modified-since'] === LAST_MODIFIED) {
        return response.writeHead(304, { ETag: ETAG }).end();
      }
      return response
        .writeHead(200, {
          'Content-Type': 'application/rss+xml; charset=utf-8',
          ETag: ETAG,
          'Last-Modified': LAST_MODIFIED,
        })
        .end(FEED);
    case '/gzip':
      return response
        .writeHead(200, { 'Content-Type': 'application/xml', 'Content-Encoding': 'gzip' })
        .end(gzipSync(FEED));
    case '/permanent':
      return redirect(response, 301, '/permanent-2');
    case '/permanent-2':
      return redirect(response, 308, `${base}/feed`);
    case '/temporary':
      return redirect(response, 302, '/feed');
    case '/mixed':
      return redirect(response, 301, '/temporary');
    case '/loop-a':
      return redirect(response, 301, '/loop-b');
    case '/loop-b':
      return redirect(response, 301, '/loop-a');
    case '/huge-validators':
      // Servers are free to send anything; these are longer than any call may carry back.
      return response
        .writeHead(200, {
          'Content-Type': 'application/rss+xml',
          ETag: `"${'e'.repeat(2000)}"`,
          'Last-Modified': `${LAST_MODIFIED}${' '.repeat(1100)}x`,
        })
        .end(FEED);
    case '/long-move':
      return redirect(response, 301, `/feed?pad=${'p'.repeat(5000)}`);
    case '/to-ftp':
      return redirect(response, 302, 'ftp://example.com/feed');
    case '/missing':
      return response.writeHead(404).end('not here');
    case '/gone':
      return response.writeHead(410).end();
    case '/busy':
      return response.writeHead(429, { 'Retry-After': '120' }).end();
    case '/busy-now':
      return response.writeHead(429, { 'Retry-After': '0' }).end();
    case '/unavailable-until':
      // The server's clock is years behind ours: only the difference of its two dates counts.
      return response.writeHead(503, { Date: SERVER_DATE, 'Retry-After': TWO_MINUTES_LATER }).end();
    case '/unavailable-no-date':
      response.sendDate = false;
      return response.writeHead(503, { 'Retry-After': TWO_MINUTES_LATER }).end();
    case '/unavailable-garbage':
      return response.writeHead(503, { 'Retry-After': 'soon' }).end();
    case '/broken':
      return response.writeHead(500, 'Database On Fire').end();
    case '/declared-large':
      response.writeHead(200, { 'Content-Length': String(10 * 1024 * 1024) });
      return response.write('x'.repeat(1024));
    case '/declared-huge':
      response.writeHead(200, { 'Content-Length': String(21 * 1024 * 1024) });
      return response.write('x'.repeat(1024));
    case '/endless': {
      // Streams without a Content-Length until the client gives up.
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump);
      };
      return pump();
    }
    case '/stall-body':
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      return response.write('<rss>');
    case '/hang':
      return; // never answers
    case '/empty':
      return response.writeHead(204).end();
    default:
      return response.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    route(new URL(request.url ?? '/', 'http://x').pathname, request.headers, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fixtures = await startFixtureServer();
});

afterAll(async () => {
  await fixtures.close();
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected httpGet to fail');
}

describe.each(FETCHES)('httpGet through %s', (_name, makeFetch) => {
  let made: Pick<NetGuard, 'fetchFor' | 'close'>;
  beforeAll(() => {
    made = makeFetch();
    deps = { fetch: made.fetchFor(), userAgent: 'Broadsheet-test/1.0' };
  });
  afterAll(() => made.close());

  it('returns the body with its validators and sends identifying headers', async () => {
    seen.length = 0;
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/feed` });
    expect(result).toEqual({
      status: 'ok',
      url: `${base}/feed`,
      etag: ETAG,
      lastModified: LAST_MODIFIED,
      contentType: 'application/rss+xml; charset=utf-8',
      body: expect.any(Uint8Array),
    });
    if (result.status !== 'ok') throw new Error('unreachable');
    expect(new TextDecoder().decode(result.body)).toBe(FEED);
    expect(seen[0]['user-agent']).toBe('Broadsheet-test/1.0');
    expect(seen[0].accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(seen[0]['if-none-match']).toBeUndefined();
  });

  it('sends the Accept header its caller chose', async () => {
    seen.length = 0;
    await httpGet(deps, { accept: PAGE_ACCEPT, url: `${base}/feed` });
    expect(seen[0].accept).toBe(PAGE_ACCEPT);
    expect(seen[0].accept).toMatch(/^text\/html/);
  });

  it('sends conditional headers and reports 304 as not modified', async () => {
    seen.length = 0;
    const result = await httpGet(deps, {
      accept: FEED_ACCEPT,
      url: `${base}/feed`,
      etag: ETAG,
      lastModified: LAST_MODIFIED,
    });
    expect(result).toEqual({ status: 'not-modified', url: `${base}/feed` });
    expect(seen[0]['if-none-match']).toBe(ETAG);
    expect(seen[0]['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('undoes gzip content encoding', async () => {
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/gzip` });
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(new TextDecoder().decode(result.body)).toBe(FEED);
  });

  it('reports the final URL as movedTo when every redirect was permanent', async () => {
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/permanent` });
    expect(result).toMatchObject({ status: 'ok', url: `${base}/feed`, movedTo: `${base}/feed` });
  });

  it('does not report movedTo after a temporary redirect', async () => {
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/temporary` });
    expect(result).toMatchObject({ status: 'ok', url: `${base}/feed` });
    expect(result).not.toHaveProperty('movedTo');
  });

  it('does not report movedTo when a permanent redirect leads to a temporary one', async () => {
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/mixed` });
    expect(result).toMatchObject({ status: 'ok', url: `${base}/feed` });
    expect(result).not.toHaveProperty('movedTo');
  });

  it('follows a redirect to a 304', async () => {
    const result = await httpGet(deps, {
      accept: FEED_ACCEPT,
      url: `${base}/temporary`,
      etag: ETAG,
    });
    expect(result).toEqual({ status: 'not-modified', url: `${base}/feed` });
  });

  it('stops at a redirect loop', async () => {
    const error = await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/loop-a` }));
    expect(error.code).toBe('network');
    expect(error.message).toContain('redirects in a loop');
  });

  it('stops after maxRedirects', async () => {
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/many/0` }, { maxRedirects: 3 }),
    );
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/^Too many redirects \(more than 3\)/);
    const ok = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/many/0` }, { maxRedirects: 5 }),
    );
    expect(ok.message).toMatch(/^Too many redirects \(more than 5\)/);
  });

  it('drops an ETag and a Last-Modified too long to send back, and keeps the feed', async () => {
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/huge-validators` });
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(new TextDecoder().decode(result.body)).toBe(FEED);
    expect(result).not.toHaveProperty('etag');
    expect(result).not.toHaveProperty('lastModified');
  });

  it('refuses a redirect to an address longer than 4,096 characters, saying so', async () => {
    const error = await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/long-move` }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/redirected the feed to an address of 5,\d{3} characters/);
    expect(error.message).toContain('none longer than 4,096');
  });

  it('refuses a redirect away from the web', async () => {
    const error = await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/to-ftp` }));
    expect(error).toMatchObject({ code: 'network', message: expect.stringContaining('ftp:') });
  });

  it('names the status of an HTTP error', async () => {
    expect(
      await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/missing` })),
    ).toMatchObject({
      code: 'http',
      message: 'The server answered 404 Not Found.',
    });
    expect(
      await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/broken` })),
    ).toMatchObject({
      code: 'http',
      message: 'The server answered 500 Database On Fire.',
    });
  });

  it('says a 410 feed is gone and will not be checked again', async () => {
    const error = await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/gone` }));
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'http', status: 410 });
    expect(error.message).toMatch(/^The feed is gone: the server answered 410 Gone\. /);
    expect(error.message).toContain('stops checking it');
  });

  it('carries the status of an HTTP error', async () => {
    const error = await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/missing` }));
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ status: 404 });
    expect(error).not.toHaveProperty('retryAfterMs');
  });

  it('reads Retry-After in delta-seconds', async () => {
    const error = await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/busy` }));
    expect(error).toMatchObject({
      code: 'http',
      status: 429,
      retryAfterMs: 120_000,
      message: 'The server answered 429 Too Many Requests and asked to wait 2 minutes.',
    });
    expect(
      await failure(httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/busy-now` })),
    ).toMatchObject({
      retryAfterMs: 0,
      message: 'The server answered 429 Too Many Requests.',
    });
  });

  it('reads a Retry-After date against the response Date header', async () => {
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/unavailable-until` }),
    );
    expect(error).toMatchObject({ status: 503, retryAfterMs: 120_000 });
    expect(error.message).toBe(
      'The server answered 503 Service Unavailable and asked to wait 2 minutes.',
    );
  });

  it('reads a Retry-After date against the injected clock when there is no Date header', async () => {
    const now = () => Date.parse('Mon, 15 Jan 2024 10:01:30 GMT');
    const error = await failure(
      httpGet({ ...deps, now }, { accept: FEED_ACCEPT, url: `${base}/unavailable-no-date` }),
    );
    expect(error).toMatchObject({ status: 503, retryAfterMs: 30_000 });
  });

  it('ignores a Retry-After it cannot read', async () => {
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/unavailable-garbage` }),
    );
    expect(error).toMatchObject({
      status: 503,
      message: 'The server answered 503 Service Unavailable.',
    });
    expect(error).not.toHaveProperty('retryAfterMs');
  });

  it('refuses a body whose Content-Length is over the limit', async () => {
    const error = await failure(
      httpGet(
        deps,
        { accept: FEED_ACCEPT, url: `${base}/declared-large` },
        { maxBytes: 1024 * 1024 },
      ),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^The feed is larger than 1 MB/);
  });

  it('stops reading a streamed body at the limit', async () => {
    const started = Date.now();
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/endless` }, { maxBytes: 100_000 }),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^The feed is larger than 97\.7 KB/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('has a 20 MB limit by default', async () => {
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/declared-huge` }),
    );
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^The feed is larger than 20 MB/);
  });

  it('times out when the server never answers', async () => {
    const started = Date.now();
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/hang` }, { timeoutMs: 200 }),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ did not deliver the feed within 200 ms\.$/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up on a server that sends no headers within the connect timeout', async () => {
    const started = Date.now();
    const error = await failure(
      httpGet(
        deps,
        { accept: FEED_ACCEPT, url: `${base}/hang` },
        { connectTimeoutMs: 200, timeoutMs: 5000 },
      ),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 200 ms\.$/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lets a slow body run past the connect timeout', async () => {
    const started = Date.now();
    const result = await httpGet(
      deps,
      { accept: FEED_ACCEPT, url: `${fixtures.url}/drip?bytes=2000&chunk=200&interval=60` },
      { connectTimeoutMs: 150, timeoutMs: 5000 },
    );
    expect(Date.now() - started).toBeGreaterThan(300);
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(result.body.byteLength).toBe(2000);
  });

  it('applies the total timeout to a slow body', async () => {
    const error = await failure(
      httpGet(
        deps,
        { accept: FEED_ACCEPT, url: `${fixtures.url}/drip?interval=50` },
        { connectTimeoutMs: 1000, timeoutMs: 300 },
      ),
    );
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not deliver the feed within 300 ms\.$/);
  });

  it('stops when the caller aborts, waiting for headers or reading the body', async () => {
    for (const path of [`${base}/hang`, `${fixtures.url}/drip?interval=50`]) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      const error = await failure(
        httpGet(deps, { accept: FEED_ACCEPT, url: path, signal: controller.signal }),
      );
      expect(error).toMatchObject({ code: 'network', cancelled: true });
      expect(error.message).toMatch(/^Fetching the feed from 127\.0\.0\.1:\d+ was cancelled\.$/);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('does not start a fetch whose signal is already aborted', async () => {
    seen.length = 0;
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/feed`, signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ cancelled: true });
    expect(seen).toHaveLength(0);
  });

  it('times out when the body stalls', async () => {
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/stall-body` }, { timeoutMs: 300 }),
    );
    expect(error.code).toBe('timeout');
  });

  it('returns an empty body for 204', async () => {
    const result = await httpGet(deps, { accept: FEED_ACCEPT, url: `${base}/empty` });
    expect(result).toMatchObject({ status: 'ok', body: new Uint8Array(0) });
  });

  it('names the host that refused the connection', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const error = await failure(
      httpGet(deps, { accept: FEED_ACCEPT, url: `http://127.0.0.1:${port}/feed` }),
    );
    expect(error).toMatchObject({
      code: 'network',
      message: `127.0.0.1:${port} refused the connection.`,
    });
  });

  it('names a host that does not exist', async () => {
    const error = await failure(
      httpGet(
        deps,
        { accept: FEED_ACCEPT, url: 'http://does-not-exist.invalid/feed' },
        { timeoutMs: 2000 },
      ),
    );
    expect(error.code).toMatch(/^(network|timeout)$/);
    expect(error.message).toContain('does-not-exist.invalid');
  }, 10_000);

  it('rejects addresses that are not http(s)', async () => {
    expect(
      await failure(httpGet(deps, { accept: FEED_ACCEPT, url: 'file:///etc/passwd' })),
    ).toMatchObject({
      code: 'invalid-params',
    });
    expect(await failure(httpGet(deps, { accept: FEED_ACCEPT, url: 'not a url' }))).toMatchObject({
      code: 'invalid-params',
    });
  });
});
