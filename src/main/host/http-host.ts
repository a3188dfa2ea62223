import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import type { EventName, Events } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { fromWireJson, toWireJson } from '../../shared/wire-json';
import type { Dispatch } from '../api/dispatch';
import { bearerToken, isAllowedHost, isAllowedOrigin, tokenMatches } from './request-guard';
import { sendStaticFile } from './static-files';

export interface HttpHostOptions {
  dispatch: Dispatch;
  staticDir: string;
  token: string;
  port: number;
}

export interface HttpHost {
  server: Server;
  port: number;
  /** The address to open: the token travels in the fragment, which browsers never send. */
  url: string;
  broadcast<E extends EventName>(name: E, payload: Events[E]): void;
  close(): Promise<void>;
}

// Room for the largest file import (10 MB) after base64 encoding.
const MAX_BODY_BYTES = 16 * 1024 * 1024;
// A body over the cap is still read (and dropped) up to this much, so the client finishes
// sending and reads our 413; closing mid-upload would reach it as a reset instead. A client
// that keeps sending past this is not waiting for an answer and is cut off.
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const API_PREFIX = '/api/invoke/';

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const streams = new Set<ServerResponse>();
  const pageHeaders = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy({ frameAncestors: true }),
  };
  let port = options.port;

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, fail('internal', 'main.host.internal'));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, port)) {
      return sendJson(response, 403, fail('forbidden', 'main.host.badHost'));
    }
    if (!isAllowedOrigin(request.headers.origin, port)) {
      return sendJson(response, 403, fail('forbidden', 'main.host.otherSite'));
    }
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    if (url.pathname.startsWith(API_PREFIX)) return handleInvoke(request, response, url);
    if (url.pathname === '/api/events') return handleEvents(request, response, url);
    if (url.pathname.startsWith('/api/')) {
      return sendJson(response, 404, fail('unknown-method', 'main.host.noEndpoint'));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    if (await sendStaticFile(options.staticDir, url.pathname, response, pageHeaders)) return;
    // Unknown paths get the app itself, so a reload on any in-app location still works.
    if (await sendStaticFile(options.staticDir, '/index.html', response, pageHeaders)) return;
    response.writeHead(404, SECURITY_HEADERS).end('Not found');
  }

  async function handleInvoke(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    if (request.method !== 'POST') {
      return sendJson(response, 405, fail('forbidden', 'main.host.usePost'));
    }
    if (!tokenMatches(bearerToken(request.headers.authorization), options.token)) {
      return sendJson(response, 401, fail('forbidden', 'main.host.badToken'));
    }
    // A JSON content type cannot be sent cross-site without a CORS preflight we never grant.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return sendJson(response, 415, fail('invalid-params', 'main.host.sendJson'));
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === undefined) {
      return sendJson(response, 413, fail('too-large', 'main.host.tooLarge'));
    }
    let params: unknown;
    try {
      params = body.length ? fromWireJson(body) : {};
    } catch {
      return sendJson(response, 400, fail('invalid-params', 'main.host.badJson'));
    }
    const method = decodeMethodName(url.pathname.slice(API_PREFIX.length));
    if (method === undefined) {
      return sendJson(response, 400, fail('unknown-method', 'main.host.badMethodName'));
    }
    sendJson(response, 200, await options.dispatch(method, params));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse, url: URL): void {
    // EventSource cannot send headers, so this one endpoint takes the token in the query.
    if (request.method !== 'GET' || !tokenMatches(url.searchParams.get('token'), options.token)) {
      return sendJson(response, 401, fail('forbidden', 'main.host.badToken'));
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    streams.add(response);
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      streams.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/#token=${options.token}`,
    broadcast(name, payload) {
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(response: ServerResponse, status: number, result: Result<unknown>): void {
  const body = toWireJson(result);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

/** `%E0%A4%A` and other broken escapes make decodeURIComponent throw. */
function decodeMethodName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * The body as text, or undefined when it is over `limit`. An oversized body is answered at
 * once but drained (see MAX_DRAIN_BYTES), never left unread on a socket we close.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const refuse = (): void => {
      tooLarge = true;
      chunks.length = 0;
      resolve(undefined);
    };
    if (Number(request.headers['content-length']) > limit) refuse();
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) {
        if (size > MAX_DRAIN_BYTES) request.destroy();
        return;
      }
      if (size > limit) return refuse();
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
