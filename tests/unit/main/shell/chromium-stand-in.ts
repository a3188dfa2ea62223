/**
 * A stand-in for Electron's net.request and session over Node's http, as Electron documents
 * them (Electron cannot run here): a ClientRequest that emits 'response' with a readable
 * IncomingMessage (its body decoded, as Chromium does), 'redirect' (status, method, absolute
 * URL, headers) in 'manual' mode and fails with "Redirect was cancelled" unless followRedirect()
 * is called at once, fails with net::ERR_* messages, and on abort() closes the message without
 * an error. Every request's options are recorded for the tests to read.
 */
import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage as NodeMessage } from 'node:http';
import { lookup } from 'node:dns/promises';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ClientRequest, ClientRequestConstructorOptions, Session } from 'electron';

const NET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
};

export interface StandIn {
  request: (options: ClientRequestConstructorOptions) => ClientRequest;
  session: Session;
  /** The options of every request made, in order. */
  made: ClientRequestConstructorOptions[];
  /** How many requests were aborted. */
  aborted: () => number;
  /** What session.resolveProxy answers. */
  proxy: { answer: string };
}

export function chromiumStandIn(): StandIn {
  const made: ClientRequestConstructorOptions[] = [];
  let aborts = 0;
  const proxy = { answer: 'DIRECT' };
  const session = {
    async resolveHost(host: string) {
      try {
        const found = await lookup(host, { all: true });
        return {
          endpoints: found.map((entry) => ({
            address: entry.address,
            family: entry.family === 6 ? 'ipv6' : 'ipv4',
          })),
        };
      } catch {
        throw new Error('net::ERR_NAME_NOT_RESOLVED');
      }
    },
    async resolveProxy() {
      return proxy.answer;
    },
  } as unknown as Session;

  const request = (options: ClientRequestConstructorOptions): ClientRequest => {
    made.push(options);
    const emitter = new EventEmitter();
    const headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let message: PassThrough | undefined;
    let source: NodeJS.ReadableStream | undefined;
    let outgoing: ReturnType<typeof httpRequest> | undefined;
    let aborted = false;
    const fail = (error: Error) => {
      if (aborted) return;
      message?.destroy(error);
      emitter.emit('error', error);
    };
    const client = Object.assign(emitter, {
      setHeader: (name: string, value: string) => {
        headers[name] = value;
      },
      write: (chunk: string | Buffer) => {
        chunks.push(Buffer.from(chunk));
        return true;
      },
      abort: () => {
        if (aborted) return;
        aborted = true;
        aborts += 1;
        // As Electron's _die(): the loader is cancelled and the message destroyed, no error.
        if (source && message) source.unpipe(message);
        outgoing?.destroy();
        message?.destroy();
      },
      end: () => {
        const url = new URL(options.url ?? '');
        outgoing = httpRequest(url, { method: options.method, headers }, (response) =>
          answer(url, response),
        );
        outgoing.on('error', (error: NodeJS.ErrnoException) =>
          fail(new Error(NET_ERRORS[error.code ?? ''] ?? `net::ERR_FAILED (${error.code})`)),
        );
        outgoing.end(Buffer.concat(chunks));
      },
    });
    const answer = (url: URL, response: NodeMessage) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        const target = new URL(location, url).href;
        if (options.redirect === 'manual') {
          const all = Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [
              name,
              Array.isArray(value) ? value : [String(value)],
            ]),
          );
          emitter.emit('redirect', status, options.method ?? 'GET', target, all);
          // Nobody called followRedirect() (this stand-in offers none): cancelled.
          fail(new Error('Redirect was cancelled'));
          return;
        }
        fail(new Error('this stand-in follows no redirects'));
        return;
      }
      const body = new PassThrough();
      message = body;
      Object.assign(body, {
        statusCode: status,
        statusMessage: response.statusMessage ?? '',
        headers: response.headers,
      });
      const gzip = response.headers['content-encoding'] === 'gzip';
      source = gzip ? response.pipe(createGunzip()) : response;
      source.pipe(body);
      response.on('error', () => fail(Object.assign(new Error('net::ERR_CONNECTION_RESET'))));
      emitter.emit('response', body);
    };
    return client as unknown as ClientRequest;
  };

  return { request, session, made, aborted: () => aborts, proxy };
}
