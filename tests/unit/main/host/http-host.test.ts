import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createCore } from '@main/core';
import { startHttpHost, type HttpHost } from '@main/host/http-host';
import { parseServeArgs } from '@main/host/serve-args';
import { startFixtureServer, type FixtureServer } from '../../../fixture-server/server';

const TOKEN = 'test-token-0123456789';
let host: HttpHost;
let feeds: FixtureServer;
let base: string;
let staticDir: string;
let disposeScheduler = (): void => undefined;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'broadsheet-host-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Broadsheet</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  feeds = await startFixtureServer();
  const { handlers, scheduler } = createCore({
    // The fixture server is on loopback; this test is about the host, not the address guard.
    net: { fetchFor: () => globalThis.fetch, isPrivateHost: async () => false },
    userAgent: 'Broadsheet/test',
    now: Date.now,
    appInfo: { name: 'Broadsheet', version: '0.0.0', host: 'browser', platform: 'linux' },
    emit: () => undefined,
  });
  disposeScheduler = () => scheduler.dispose();
  host = await startHttpHost({
    dispatch: createDispatcher(handlers),
    staticDir,
    token: TOKEN,
    port: 0,
  });
  base = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  disposeScheduler();
  await host.close();
  await feeds.close();
  // Once the host is closed: it served its files from there.
  rmSync(staticDir, { recursive: true, force: true });
});

/** node:http, not fetch: fetch forbids setting Host and rewrites some paths. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (method: string, params: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/invoke/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(params),
  });

describe('browser host', () => {
  it('prints a URL that carries the token in the fragment', () => {
    expect(host.url).toBe(`${base}/#token=${TOKEN}`);
  });

  it('answers a call that carries the token', async () => {
    const response = await invoke('app.info', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: { name: 'Broadsheet', version: '0.0.0', host: 'browser', platform: 'linux' },
    });
  });

  it('fetches and parses a real feed through the same handlers as the app', async () => {
    const response = await invoke('feeds.fetch', {
      url: `${feeds.url}/fixtures/feeds/sample-rss.xml`,
    });
    const result = JSON.parse(response.body);
    expect(result.ok).toBe(true);
    expect(result.value.status).toBe('ok');
    expect(result.value.feed.items).toHaveLength(3);
    expect(result.value.etag).toMatch(/^"/);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const none = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const wrong = await invoke('app.info', {}, { authorization: 'Bearer not-the-token-at-all!' });
    expect(wrong.status).toBe(401);
  });

  it('refuses a call from a foreign origin even with the token', async () => {
    const response = await invoke('app.info', {}, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('accepts its own origin', async () => {
    const response = await invoke('app.info', {}, { origin: base });
    expect(response.status).toBe(200);
  });

  it('refuses a rebound Host name (DNS rebinding)', async () => {
    const api = await invoke('app.info', {}, { host: `evil.example:${host.port}` });
    expect(api.status).toBe(403);
    const page = await raw('/', { headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses a simple cross-site form post (no JSON content type)', async () => {
    const response = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(response.status).toBe(415);
  });

  it('reports invalid params and unknown methods as failed results', async () => {
    const bad = JSON.parse((await invoke('feeds.fetch', { url: 'file:///etc/passwd' })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const unknown = JSON.parse((await invoke('shell.exec', {})).body);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('sends a failure with its text, for the reader in their language', async () => {
    const gone = JSON.parse(
      (await invoke('feeds.fetch', { url: `${feeds.url}/fixtures/feeds/no-such-feed.xml` })).body,
    );
    expect(gone).toEqual({
      ok: false,
      error: {
        code: 'http',
        message: 'The server answered 404 Not Found.',
        text: { id: 'main.net.httpStatus', values: { answer: '404 Not Found' } },
      },
    });
    const refused = await raw('/api/invoke/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: '{}',
    });
    expect(JSON.parse(refused.body)).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Missing or wrong access token.',
        text: { id: 'main.host.badToken' },
      },
    });
  });

  it('answers a malformed escape in the method name with a failed result, not a 500', async () => {
    const response = await raw('/api/invoke/%E0%A4%A', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: false,
      error: { code: 'unknown-method', message: expect.stringMatching(/method name/) },
    });
  });

  it('answers a body over 16 MB with 413 and a failed result the client can read', async () => {
    // Both ways a client sends a body: with its length declared up front, and chunked.
    for (const declared of [true, false]) {
      const body = `{"text":"${'a'.repeat(17 * 1024 * 1024)}"}`;
      const response = await raw('/api/invoke/opml.parse', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${TOKEN}`,
          ...(declared
            ? { 'content-length': String(body.length) }
            : { 'transfer-encoding': 'chunked' }),
        },
        body,
      });
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body)).toEqual({
        ok: false,
        error: {
          code: 'too-large',
          message: expect.stringMatching(/16 MB/),
          text: { id: 'main.host.tooLarge' },
        },
      });
    }
    // The host is still well after draining both.
    expect((await invoke('app.info', {})).status).toBe(200);
  });

  it('streams events only with the token', async () => {
    expect((await raw('/api/events')).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events?token=${TOKEN}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    await reader.read();
    host.broadcast('app.ready', { at: 42 });
    let text = '';
    while (!text.includes('event: app.ready')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('data: {"at":42}');
    controller.abort();
  });

  it('serves the page with a strict CSP and falls back to it for app paths', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('/feeds/some-view')).body).toContain('<title>Broadsheet</title>');
    const asset = await raw('/assets/app-1234.js');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('never serves files outside its folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
      const response = await raw(path);
      expect(response.body).not.toContain('"name": "broadsheet"');
    }
  });
});

describe('serve arguments', () => {
  it('defaults to port 5178 and takes --port', () => {
    expect(parseServeArgs([])).toEqual({ port: 5178 });
    expect(parseServeArgs(['--port', '8080'])).toEqual({ port: 8080 });
    expect(parseServeArgs(['--port=0'])).toEqual({ port: 0 });
  });

  it('explains bad arguments', () => {
    expect(parseServeArgs(['--port', 'abc'])).toEqual({
      error: '--port needs a number from 0 to 65535, got abc',
    });
    expect(parseServeArgs(['--host', 'x'])).toMatchObject({
      error: expect.stringMatching(/unknown option --host/),
    });
  });
});
