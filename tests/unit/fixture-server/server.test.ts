// @vitest-environment node
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../fixture-server/server';
import type { FixtureServer } from '../../fixture-server/server';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');
const sharedDir = path.resolve(repoRoot, '..', 'shared');
const sampleRss = readFileSync(path.join(fixturesDir, 'feeds', 'sample-rss.xml'));

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * fetch normalises `..` and `%2e%2e` away before sending, and always asks for compression, so
 * traversal and no-Accept-Encoding cases need a client that sends exactly what it is given.
 */
function rawGet(
  server: FixtureServer,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: server.port, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

describe('fixture server', () => {
  let server: FixtureServer;
  const at = (target: string) => `${server.url}${target}`;

  beforeAll(async () => {
    server = await startFixtureServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('listens on loopback with a URL without a trailing slash', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  describe('static files', () => {
    it('serves a fixture with type, a strong ETag and Last-Modified, then 304s on the ETag', async () => {
      const first = await fetch(at('/fixtures/feeds/sample-rss.xml'));
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe('application/xml');
      expect(Buffer.from(await first.arrayBuffer()).equals(sampleRss)).toBe(true);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(first.headers.get('last-modified')).toMatch(/GMT$/);

      const second = await fetch(at('/fixtures/feeds/sample-rss.xml'), {
        headers: { 'If-None-Match': etag ?? '' },
      });
      expect(second.status).toBe(304);
      expect(second.headers.get('etag')).toBe(etag);
      expect(await second.text()).toBe('');

      const other = await fetch(at('/fixtures/feeds/sample-rss.xml'), {
        headers: { 'If-None-Match': '"something-else"' },
      });
      expect(other.status).toBe(200);
      await other.arrayBuffer();
    });

    it('304s on If-Modified-Since at or after Last-Modified, 200s before it', async () => {
      const first = await fetch(at('/fixtures/feeds/sample-atom.xml'));
      const text = await first.text();
      expect(text.match(/<entry>/g)).toHaveLength(2);
      const lastModified = first.headers.get('last-modified') ?? '';

      const same = await fetch(at('/fixtures/feeds/sample-atom.xml'), {
        headers: { 'If-Modified-Since': lastModified },
      });
      expect(same.status).toBe(304);
      await same.arrayBuffer();

      const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString();
      const older = await fetch(at('/fixtures/feeds/sample-atom.xml'), {
        headers: { 'If-Modified-Since': earlier },
      });
      expect(older.status).toBe(200);
      expect(await older.text()).toBe(text);
    });

    it('answers HEAD with headers and no body', async () => {
      const res = await fetch(at('/fixtures/feeds/sample-rss.xml'), { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(sampleRss.length));
      expect(res.headers.get('etag')).toBeTruthy();
      expect(await res.text()).toBe('');
    });

    it('404s for missing files and unknown routes', async () => {
      const missing = await fetch(at('/fixtures/feeds/no-such-feed.xml'));
      expect(missing.status).toBe(404);
      await missing.arrayBuffer();
      const directory = await fetch(at('/fixtures/feeds'));
      expect(directory.status).toBe(404);
      await directory.arrayBuffer();
      const unknown = await fetch(at('/nowhere'));
      expect(unknown.status).toBe(404);
      await unknown.arrayBuffer();
    });

    it.each([
      '/fixtures/../../package.json',
      '/fixtures/%2e%2e/%2E%2E/package.json',
      '/fixtures/..%2f..%2fpackage.json',
      '/fixtures/feeds/..%5c..%5c..%5cpackage.json',
      '/shared/../main/package.json',
      '/shared/corpora/%2e%2e/%2e%2e/main/package.json',
    ])('403s path traversal: %s', async (target) => {
      const res = await rawGet(server, target);
      expect(res.status).toBe(403);
      expect(res.body.toString()).not.toContain('broadsheet');
    });

    it('overrides Content-Type with ?type=', async () => {
      const res = await fetch(
        at('/fixtures/feeds/sample-rss.xml?type=text/html%3B%20charset%3Diso-8859-1'),
      );
      expect(res.headers.get('content-type')).toBe('text/html; charset=iso-8859-1');
      await res.arrayBuffer();
    });

    it('answers ?status= with the body, and adds ?retryAfter=', async () => {
      const res = await fetch(at('/fixtures/feeds/sample-rss.xml?status=503&retryAfter=120'));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('120');
      expect(await res.text()).toBe(sampleRss.toString('utf8'));
    });

    it('drops validators with ?noetag=1 and ?nolastmod=1', async () => {
      const res = await fetch(at('/fixtures/feeds/sample-rss.xml?noetag=1&nolastmod=1'));
      expect(res.headers.get('etag')).toBeNull();
      expect(res.headers.get('last-modified')).toBeNull();
      await res.arrayBuffer();
    });

    it('waits ?delay= milliseconds before answering', async () => {
      const started = performance.now();
      const res = await fetch(at('/fixtures/feeds/sample-rss.xml?delay=150'));
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    });
  });

  describe('compression', () => {
    it('gzips when asked and accepted; fetch decodes it', async () => {
      const res = await fetch(at('/fixtures/feeds/sample-rss.xml?gzip=1'));
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(await res.text()).toBe(sampleRss.toString('utf8'));
    });

    it('round-trips gzip, deflate and brotli bytes', async () => {
      const cases = [
        ['gzip', zlib.gunzipSync],
        ['deflate', zlib.inflateSync],
        ['br', zlib.brotliDecompressSync],
      ] as const;
      for (const [coding, decode] of cases) {
        const res = await rawGet(server, `/fixtures/feeds/sample-rss.xml?${coding}=1`, {
          'Accept-Encoding': coding,
        });
        expect(res.headers['content-encoding']).toBe(coding);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        expect(decode(res.body).equals(sampleRss)).toBe(true);
      }
    });

    it('sends identity unless the client accepts the coding or ?force=1', async () => {
      const plain = await rawGet(server, '/fixtures/feeds/sample-rss.xml?gzip=1');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(sampleRss)).toBe(true);

      const refused = await rawGet(server, '/fixtures/feeds/sample-rss.xml?gzip=1', {
        'Accept-Encoding': 'gzip;q=0, deflate',
      });
      expect(refused.headers['content-encoding']).toBeUndefined();

      const forced = await rawGet(server, '/fixtures/feeds/sample-rss.xml?gzip=1&force=1');
      expect(forced.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(forced.body).equals(sampleRss)).toBe(true);
    });
  });

  describe('redirects and statuses', () => {
    it.each([301, 302, 303, 307, 308])('answers /redirect/%i with Location', async (code) => {
      const to = '/fixtures/feeds/sample-atom.xml';
      const res = await fetch(at(`/redirect/${code}?to=${encodeURIComponent(to)}`), {
        redirect: 'manual',
      });
      expect(res.status).toBe(code);
      expect(res.headers.get('location')).toBe(to);
      await res.arrayBuffer();
    });

    it('is followed by fetch to the target', async () => {
      const res = await fetch(at('/redirect/301?to=/fixtures/feeds/sample-rss.xml'));
      expect(res.status).toBe(200);
      expect(res.redirected).toBe(true);
      expect(res.url).toBe(at('/fixtures/feeds/sample-rss.xml'));
      await res.arrayBuffer();
    });

    it('redirects /redirect-loop/<n> to n+1, which fetch eventually gives up on', async () => {
      const res = await fetch(at('/redirect-loop/3'), { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/redirect-loop/4');
      await res.arrayBuffer();
      await expect(fetch(at('/redirect-loop/0'))).rejects.toThrow();
    });

    it('answers /status/<code> with a short body and optional Retry-After', async () => {
      const res = await fetch(at('/status/429?retryAfter=30'));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('30');
      expect(await res.text()).toContain('Too Many Requests');

      const gone = await fetch(at('/status/410'));
      expect(gone.status).toBe(410);
      await gone.arrayBuffer();
    });
  });

  describe('streams', () => {
    it('drips exactly ?bytes= bytes, starting like RSS, at ?interval=', async () => {
      const started = performance.now();
      const res = await fetch(at('/drip?bytes=100&interval=20&chunk=16'));
      const text = await res.text();
      expect(text).toHaveLength(100);
      expect(text.startsWith('<?xml version="1.0"?><rss><channel>')).toBe(true);
      // 35 bytes of prefix, then five chunks 20 ms apart.
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    });

    it('drips forever until the client walks away', async () => {
      const controller = new AbortController();
      const res = await fetch(at('/drip?interval=10'), { signal: controller.signal });
      const reader = res.body?.getReader();
      let received = 0;
      while (reader && received < 200) {
        const { value, done } = await reader.read();
        if (done) break;
        received += value.length;
      }
      controller.abort();
      expect(received).toBeGreaterThanOrEqual(200);
    });

    it('streams ?mb= MiB from /huge, chunked unless ?declare=1', async () => {
      const res = await fetch(at('/huge?mb=2'));
      expect(res.headers.get('content-length')).toBeNull();
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBe(2 * 1024 * 1024);
      expect(body.subarray(0, 35).toString()).toBe('<?xml version="1.0"?><rss><channel>');
      expect(body.subarray(35, 47).toString()).toBe('<item><title');

      const declared = await fetch(at('/huge?mb=0.5&declare=1'), { method: 'HEAD' });
      expect(declared.headers.get('content-length')).toBe(String(512 * 1024));
      const dripHead = await fetch(at('/drip'), { method: 'HEAD' });
      expect(dripHead.status).toBe(200);
    });

    it('never answers /hang, so the client has to time out', async () => {
      const request = fetch(at('/hang'), { signal: AbortSignal.timeout(150) });
      await expect(request).rejects.toMatchObject({ name: 'TimeoutError' });
    });
  });

  describe('mutable documents', () => {
    it('serves what was PUT, 304s on its validators, and changes when PUT again', async () => {
      const url = at('/mutable/changing-feed');
      const put1 = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/rss+xml' },
        body: '<rss version="2.0"><channel><title>v1</title></channel></rss>',
      });
      expect(put1.status).toBe(201);
      await put1.arrayBuffer();

      const get1 = await fetch(url);
      expect(get1.status).toBe(200);
      expect(get1.headers.get('content-type')).toBe('application/rss+xml');
      expect(await get1.text()).toContain('v1');
      const etag1 = get1.headers.get('etag') ?? '';
      const lastModified1 = get1.headers.get('last-modified') ?? '';
      expect(etag1).toMatch(/^"[^"]+"$/);
      expect(lastModified1).toMatch(/GMT$/);

      const cached = await fetch(url, { headers: { 'If-None-Match': etag1 } });
      expect(cached.status).toBe(304);
      await cached.arrayBuffer();
      const cachedByDate = await fetch(url, { headers: { 'If-Modified-Since': lastModified1 } });
      expect(cachedByDate.status).toBe(304);
      await cachedByDate.arrayBuffer();

      const put2 = await fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/rss+xml' },
        body: '<rss version="2.0"><channel><title>v2</title></channel></rss>',
      });
      expect(put2.status).toBe(200);
      await put2.arrayBuffer();

      const get2 = await fetch(url, { headers: { 'If-None-Match': etag1 } });
      expect(get2.status).toBe(200);
      expect(await get2.text()).toContain('v2');
      expect(get2.headers.get('etag')).not.toBe(etag1);

      // Even a PUT in the same second must look newer to a date-only client.
      const byDate = await fetch(url, { headers: { 'If-Modified-Since': lastModified1 } });
      expect(byDate.status).toBe(200);
      await byDate.arrayBuffer();
    });

    it('404s an unknown name and forgets a deleted one', async () => {
      const unknown = await fetch(at('/mutable/never-put'));
      expect(unknown.status).toBe(404);
      await unknown.arrayBuffer();

      await (await fetch(at('/mutable/short-lived'), { method: 'PUT', body: 'x' })).arrayBuffer();
      const deleted = await fetch(at('/mutable/short-lived'), { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      const after = await fetch(at('/mutable/short-lived'));
      expect(after.status).toBe(404);
      await after.arrayBuffer();
    });

    it('lengthens the ETag on request and still 304s on it', async () => {
      const url = at('/mutable/bloated?etagpad=2000');
      await (await fetch(url, { method: 'PUT', body: '<rss/>' })).arrayBuffer();
      const first = await fetch(url);
      await first.arrayBuffer();
      const etag = first.headers.get('etag') ?? '';
      expect(etag.length).toBeGreaterThan(2000);
      expect(etag).toMatch(/^"[^"]+"$/);
      const again = await fetch(url, { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
    });

    it('turns a document into a redirect with moveTo, until it is PUT again', async () => {
      const url = at('/mutable/moving');
      await (await fetch(url, { method: 'PUT', body: 'here' })).arrayBuffer();
      const move = await fetch(`${url}?moveTo=${encodeURIComponent('/elsewhere')}&code=308`, {
        method: 'PUT',
      });
      expect(move.status).toBe(204);
      const moved = await fetch(url, { redirect: 'manual' });
      expect(moved.status).toBe(308);
      expect(moved.headers.get('location')).toBe('/elsewhere');
      await moved.arrayBuffer();
      await (await fetch(url, { method: 'PUT', body: 'back' })).arrayBuffer();
      expect(await (await fetch(url)).text()).toBe('back');
    });
  });

  describe('request log', () => {
    it('records method, path with query and headers, and POST /reset clears it', async () => {
      const reset = await fetch(at('/reset'), { method: 'POST' });
      expect(reset.status).toBe(204);
      expect(server.requests).toHaveLength(0);

      const res = await fetch(at('/fixtures/feeds/sample-rss.xml?delay=0'), {
        headers: { 'User-Agent': 'Broadsheet-Test/1.0' },
      });
      await res.arrayBuffer();
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]).toMatchObject({
        method: 'GET',
        path: '/fixtures/feeds/sample-rss.xml?delay=0',
        headers: { 'user-agent': 'Broadsheet-Test/1.0' },
      });

      await (await fetch(at('/reset'), { method: 'POST' })).arrayBuffer();
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('shared corpora', () => {
    it('serves the first real feed listed in the manifest byte for byte', async () => {
      const manifestPath = path.join(sharedDir, 'corpora', 'real-feeds', 'manifest.tsv');
      const [header = '', firstRow = ''] = readFileSync(manifestPath, 'utf8').split('\n');
      const fileColumn = header.split('\t').indexOf('file');
      const file = firstRow.split('\t')[fileColumn] ?? '';
      expect(file).not.toBe('');
      const expected = readFileSync(path.join(sharedDir, 'corpora', 'real-feeds', file));

      const target = file.split('/').map(encodeURIComponent).join('/');
      const res = await fetch(at(`/shared/corpora/real-feeds/${target}`));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/xml');
      expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);
    });

    it('serves the seed article as UTF-8 text', async () => {
      const expected = readFileSync(path.join(sharedDir, 'seed', 'seed-article.txt'), 'utf8');
      const res = await fetch(at('/shared/seed/seed-article.txt'));
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe(expected);
    });
  });
});

describe('fixture server shutdown', () => {
  it('closes promptly with hanging and dripping requests open', async () => {
    const server = await startFixtureServer();
    const hanging = fetch(`${server.url}/hang`).catch((error: unknown) => error);
    const dripping = fetch(`${server.url}/drip?interval=50`)
      .then((res) => res.text())
      .catch((error: unknown) => error);
    const delayed = fetch(`${server.url}/fixtures/feeds/sample-rss.xml?delay=60000`).catch(
      (error: unknown) => error,
    );
    // Let all three reach the server before pulling the plug.
    while (server.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));

    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await server.close();

    expect(await hanging).toBeInstanceOf(Error);
    expect(await delayed).toBeInstanceOf(Error);
    expect(await dripping).toBeInstanceOf(Error);
  });

  it('takes other directories and a fixed port', async () => {
    const probe = await startFixtureServer();
    const port = probe.port;
    await probe.close();
    const server = await startFixtureServer({
      port,
      fixturesDir: path.join(fixturesDir, 'feeds'),
      sharedDir: path.join(sharedDir, 'seed'),
    });
    try {
      expect(server.port).toBe(port);
      const feed = await fetch(`${server.url}/fixtures/sample-rss.xml`);
      expect(feed.status).toBe(200);
      await feed.arrayBuffer();
      const seed = await fetch(`${server.url}/shared/seed-article.txt`);
      expect(seed.status).toBe(200);
      await seed.arrayBuffer();
    } finally {
      await server.close();
    }
  });
});
