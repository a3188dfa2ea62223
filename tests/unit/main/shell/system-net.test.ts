/**
 * The desktop app's network adapter over a stand-in for Electron's net.request and session
 * (chromium-stand-in.ts: Node's http behaving as Electron documents them). The guard's rules and
 * httpGet's limits run over the same adapter in http-get.test.ts; these are the adapter's own.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode } from '@main/net/error-code';
import { createSystemNetGuard, systemFetch, systemResolver } from '@main/shell/system-net';
import { chromiumStandIn, type StandIn } from './chromium-stand-in';

let server: Server;
let base: string;
const received: { method: string; path: string; body: string; headers: Record<string, unknown> }[] =
  [];
let electron: StandIn;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({
        method: req.method ?? '',
        path,
        body: Buffer.concat(chunks).toString(),
        headers: req.headers,
      });
      if (path === '/moved') return res.writeHead(301, { Location: '/there' }).end();
      if (path === '/odd') return res.writeHead(999, 'Odd').end('odd');
      if (path === '/endless') {
        res.writeHead(200);
        const timer = setInterval(() => res.write('x'.repeat(1024)), 10);
        return res.on('close', () => clearInterval(timer));
      }
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': ['a=1', 'b=2'] });
      res.end(`${req.method} ${path}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  received.length = 0;
  electron = chromiumStandIn();
});

describe('systemFetch', () => {
  it('sends through main’s own session, never follows, omits credentials and the cache', async () => {
    const answer = await systemFetch(electron)(`${base}/feed`, {
      headers: { 'User-Agent': 'Broadsheet-test', 'If-None-Match': '"v1"' },
      redirect: 'manual',
    });
    expect(await answer.text()).toBe('GET /feed');
    expect(answer.headers.get('content-type')).toBe('text/plain');
    expect(answer.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(electron.made).toEqual([
      expect.objectContaining({
        url: `${base}/feed`,
        method: 'GET',
        session: electron.session,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
        bypassCustomProtocolHandlers: true,
      }),
    ]);
    expect(received[0]?.headers).toMatchObject({
      'user-agent': 'Broadsheet-test',
      'if-none-match': '"v1"',
    });
  });

  it('returns a redirect as the 3xx with Chromium’s absolute Location, without an error', async () => {
    const answer = await systemFetch(electron)(`${base}/moved`, { redirect: 'manual' });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`${base}/there`);
    expect(electron.aborted()).toBe(1);
    expect(received.map((hit) => hit.path)).toEqual(['/moved']);
  });

  it('sends a form body with its method (the Reader API’s POSTs)', async () => {
    const answer = await systemFetch(electron)(`${base}/edit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['i', '1'],
        ['i', '2'],
      ]).toString(),
    });
    expect(await answer.text()).toBe('POST /edit');
    expect(received[0]).toMatchObject({ method: 'POST', body: 'i=1&i=2' });
  });

  it('fails as Node’s fetch does, with the Node code of Chromium’s net error', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const error = await systemFetch(electron)(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(errorCode(error)).toBe('ECONNREFUSED');
  });

  it('stops the request when nobody reads the body on, and when the caller aborts', async () => {
    const answer = await systemFetch(electron)(`${base}/endless`);
    const reader = answer.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(electron.aborted()).toBe(1);

    const controller = new AbortController();
    const reading = await systemFetch(electron)(`${base}/endless`, { signal: controller.signal });
    controller.abort();
    await expect(reading.text()).rejects.toMatchObject({ name: 'AbortError' });
    expect(electron.aborted()).toBe(2);
    await expect(
      systemFetch(electron)(`${base}/feed`, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(electron.made).toHaveLength(2);
  });

  it('fails a status no Response may carry instead of throwing in main', async () => {
    const error = await systemFetch(electron)(`${base}/odd`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(electron.aborted()).toBe(1);
  });
});

describe('systemResolver', () => {
  it('answers with Chromium’s addresses, and a failure with Node’s code', async () => {
    const resolve = systemResolver(electron.session);
    expect(await resolve('localhost')).toContainEqual(
      expect.objectContaining({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) }),
    );
    const error = await resolve('does-not-exist.invalid').catch((e: unknown) => e);
    expect(errorCode(error)).toBe('ENOTFOUND');
  });
});

describe('createSystemNetGuard', () => {
  it('refuses the reader’s network, and lets a name only the proxy knows go to the proxy', async () => {
    const guard = createSystemNetGuard(electron, {});
    const refused = await guard
      .fetchFor()(`${base}/feed`)
      .catch((e: unknown) => e);
    expect(errorCode(refused)).toBe('EBROADSHEETREFUSED');
    expect(electron.made).toHaveLength(0);

    const direct = await guard
      .fetchFor()('http://nowhere.invalid/feed')
      .catch((e: unknown) => e);
    expect(errorCode(direct)).toBe('ENOTFOUND');
    expect(electron.made).toHaveLength(0);

    electron.proxy.answer = 'PROXY proxy.corp:8080; DIRECT';
    await guard
      .fetchFor()('http://nowhere.invalid/feed')
      .catch(() => undefined);
    expect(electron.made.map((options) => options.url)).toEqual(['http://nowhere.invalid/feed']);
  });
});
