/**
 * The desktop app's network: main's requests go through Chromium's network stack (Electron's
 * net), so the system proxy, PAC files and the OS certificate store apply, as they do for every
 * other app on the reader's computer. This module only adapts Electron's parts to the shapes the
 * domain uses (a fetch, a resolver); the address guard over them is net/hop-guard.ts, tested
 * under Node.
 *
 * It is built on net.request rather than net.fetch: net.fetch fails a `redirect: 'manual'`
 * request with "Redirect was cancelled" instead of returning the 3xx, and the guard must see
 * every redirect to check its target before it is requested.
 */
import type { Readable } from 'node:stream';
import type {
  ClientRequest,
  ClientRequestConstructorOptions,
  IncomingMessage,
  Session,
} from 'electron';
import {
  chromiumFetchError,
  goesThroughProxy,
  resolvedAddresses,
  withChromiumCode,
} from '../net/chromium-net';
import type { NetGuard, NetGuardOptions, Resolver } from '../net/guarded-fetch';
import { createHopGuard } from '../net/hop-guard';

/** The partition of the session main's requests use: in memory (no `persist:`), no cache. */
export const NET_PARTITION = 'broadsheet-net';

export interface SystemNetParts {
  /** Electron's net.request. */
  request: (options: ClientRequestConstructorOptions) => ClientRequest;
  /** A session of main's own (see NET_PARTITION): no cookies or cache shared with the window. */
  session: Session;
}

/** The guard main's domain is given in the desktop app. */
export function createSystemNetGuard(
  parts: SystemNetParts,
  options: Pick<NetGuardOptions, 'refuseHost' | 'privateHosts'>,
): NetGuard {
  return createHopGuard({
    ...options,
    fetch: systemFetch(parts),
    resolve: systemResolver(parts.session),
    viaProxy: async (url) => goesThroughProxy(await parts.session.resolveProxy(url)),
  });
}

/** Names resolved by Chromium's resolver, the one its connections use (and its cache). */
export function systemResolver(session: Pick<Session, 'resolveHost'>): Resolver {
  return async (hostname) => {
    try {
      return resolvedAddresses((await session.resolveHost(hostname)).endpoints);
    } catch (error) {
      throw withChromiumCode(error);
    }
  };
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A fetch over net.request: one request, its headers and body as given, a 3xx returned as it is
 * when `redirect` is 'manual' (Location resolved by Chromium), the body streamed, the signal
 * obeyed until the body ends. Never cookies or the HTTP cache unless a caller asks.
 */
export function systemFetch(parts: SystemNetParts): typeof globalThis.fetch {
  return ((input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason as Error);
      const mode = init?.redirect ?? 'follow';
      const method = (init?.method ?? 'GET').toUpperCase();
      let request: ClientRequest;
      let body: string | Buffer | undefined;
      try {
        body = bodyOf(init?.body);
        request = parts.request({
          url: input instanceof Request ? input.url : String(input),
          method,
          session: parts.session,
          redirect: mode,
          credentials: init?.credentials ?? 'omit',
          cache: init?.cache ?? 'no-store',
          // Whatever a protocol handler on this session might do, ours are web requests.
          bypassCustomProtocolHandlers: true,
        });
        new Headers(init?.headers).forEach((value, name) => request.setHeader(name, value));
      } catch (error) {
        return reject(error as Error);
      }
      const onAbort = () => {
        request.abort();
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settled = () => signal?.removeEventListener('abort', onAbort);

      request.on('redirect', (status, _method, redirectUrl, responseHeaders) => {
        if (mode !== 'manual') return;
        const headers = headersOf(responseHeaders);
        headers.set('location', redirectUrl);
        settled();
        resolve(new Response(null, { status, headers }));
        // Not following it is cancelling it; aborting first keeps that from being an error.
        request.abort();
      });
      request.on('response', (message: IncomingMessage) => {
        const nullBody = NULL_BODY.has(message.statusCode) || method === 'HEAD';
        let response: Response;
        try {
          // Electron's IncomingMessage is a Node Readable (its typings list only some events).
          const stream = message as unknown as Readable;
          response = new Response(nullBody ? null : webBody(stream, request, signal, settled), {
            status: message.statusCode,
            statusText: message.statusMessage,
            headers: headersOf(message.headers),
          });
        } catch (error) {
          // A status no Response may have (Chromium passes up to 999): a failed request, not an
          // exception thrown out of an event listener in main.
          settled();
          request.abort();
          return reject(chromiumFetchError(error));
        }
        if (nullBody) settled();
        resolve(response);
      });
      request.on('error', (error: Error) => {
        settled();
        reject(chromiumFetchError(error));
      });
      if (body !== undefined) request.write(body);
      request.end();
    })) as typeof globalThis.fetch;
}

function bodyOf(body: RequestInit['body']): string | Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('Only text and byte request bodies are sent.');
}

function headersOf(record: Record<string, string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The response body as a web stream that reads only as fast as it is consumed, ends with an
 * error when the request fails or is aborted, and stops the request when nobody reads on.
 */
function webBody(
  message: Readable,
  request: ClientRequest,
  signal: AbortSignal | undefined,
  settled: () => void,
): ReadableStream<Uint8Array> {
  let done = false;
  const finish = () => {
    done = true;
    settled();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      message.on('data', (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) message.pause();
      });
      message.on('end', () => {
        if (done) return;
        finish();
        controller.close();
      });
      message.on('error', (error: Error) => {
        if (done) return;
        finish();
        controller.error(withChromiumCode(error));
      });
      // Aborted: the message closes without an end or an error of its own.
      message.on('close', () => {
        if (done) return;
        finish();
        controller.error(signal?.aborted ? signal.reason : chromiumFetchError('net::ERR_ABORTED'));
      });
    },
    pull() {
      message.resume();
    },
    cancel() {
      if (done) return;
      finish();
      request.abort();
    },
  });
}
