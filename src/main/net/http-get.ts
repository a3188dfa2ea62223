/**
 * One conditional GET (a feed, a web page), with the limits a desktop app needs against slow, huge or
 * misbehaving servers. Redirects are followed by hand to tell permanent moves (which the
 * subscription should follow) from temporary ones. Throws only AppError; HTTP answers that are
 * errors throw FetchError, which also carries the status and any Retry-After. The caller says
 * what it wants through `accept` (net/accept.ts): a feed, or a page.
 */
import { STATUS_CODES } from 'node:http';
import { AppError, type ErrorCode, type MainMessageId, type MainValues } from '../../shared/result';
import { MAX_URL_LENGTH, boundedValidator } from '../../shared/feed-limits';
import { isWebProtocol } from '../../shared/web-url';
import { refusalIn } from './address-guard';
import { errorCode } from './error-code';
import { formatBytes } from '../../shared/format-bytes';
import { discardBody, readBodyWithin } from './read-body';
import { retryAfterOf, waitValues } from './retry-after';

export interface FetchDeps {
  fetch: typeof globalThis.fetch;
  userAgent: string;
  /**
   * Epoch ms; only the reference for a Retry-After date when the response has no Date header.
   * Defaults to Date.now.
   */
  now?: () => number;
}

export interface FetchLimits {
  maxBytes: number;
  /** For the whole exchange: every redirect and the body included. */
  timeoutMs: number;
  /**
   * For each request until its response headers arrive. Shorter than timeoutMs so a dead server
   * is given up on quickly, while a big feed on a slow line still has time for its body.
   */
  connectTimeoutMs: number;
  maxRedirects: number;
}

const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  maxRedirects: 5,
};

/** What a domain service that makes requests is given: the fetch, the clock and its limits. */
export interface HttpClientDeps extends FetchDeps {
  now: () => number;
  limits?: Partial<FetchLimits>;
}

export interface HttpRequest {
  url: string;
  /** The Accept header: what the caller can use (FEED_ACCEPT or PAGE_ACCEPT in accept.ts). */
  accept: string;
  etag?: string;
  lastModified?: string;
  /** Aborts the fetch; it then rejects with a FetchError whose `cancelled` is true. */
  signal?: AbortSignal;
}

/** What went wrong, and what the server said about it when it answered. */
export class FetchError extends AppError {
  // `declare`: absent details stay absent rather than becoming own properties set to undefined.
  /** The HTTP status when the server answered with an error. */
  declare readonly status?: number;
  /** From Retry-After: how long the server asked us to wait before the next request. */
  declare readonly retryAfterMs?: number;
  /** The caller aborted the fetch through HttpRequest.signal. */
  declare readonly cancelled?: boolean;

  constructor(
    code: ErrorCode,
    id: MainMessageId,
    values: MainValues | undefined,
    details: { status?: number; retryAfterMs?: number; cancelled?: boolean } = {},
  ) {
    super(code, id, values);
    this.name = 'FetchError';
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.cancelled) this.cancelled = true;
  }
}

export type FetchedDocument =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** Where the document was finally fetched from. */
      url: string;
      /** The final URL, set only when every redirect on the way was permanent (301/308). */
      movedTo?: string;
      etag?: string;
      lastModified?: string;
      contentType?: string;
      body: Uint8Array;
    };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

export async function httpGet(
  deps: FetchDeps,
  request: HttpRequest,
  limits?: Partial<FetchLimits>,
): Promise<FetchedDocument> {
  // Field by field, so an explicit `undefined` in `limits` still means the default.
  const maxBytes = limits?.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes;
  const timeoutMs = limits?.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs;
  const connectTimeoutMs = limits?.connectTimeoutMs ?? DEFAULT_FETCH_LIMITS.connectTimeoutMs;
  const maxRedirects = limits?.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects;
  let url = parseWebUrl(request.url);
  if (request.signal?.aborted) throw cancelled(url);
  const total = AbortSignal.timeout(timeoutMs);
  const visited = new Set<string>([url.href]);
  let allPermanent = true;
  let redirects = 0;
  let connectTimedOut = false;
  try {
    for (;;) {
      // Per hop: each request of a redirect chain gets the full connect allowance.
      const headersArrived = new AbortController();
      const timer = setTimeout(() => {
        connectTimedOut = true;
        headersArrived.abort();
      }, connectTimeoutMs);
      // The body is read under the same signal, so the total timeout and the caller's abort
      // still apply to it after the connect timer is cleared.
      const signal = AbortSignal.any(
        request.signal
          ? [total, headersArrived.signal, request.signal]
          : [total, headersArrived.signal],
      );
      let response: Response;
      try {
        response = await deps.fetch(url.href, {
          redirect: 'manual',
          signal,
          headers: requestHeaders(deps, request),
        });
      } finally {
        clearTimeout(timer);
      }
      if (REDIRECTS.has(response.status) && response.headers.has('location')) {
        await discardBody(response);
        const next = redirectTarget(url, response.headers.get('location') ?? '');
        redirects += 1;
        if (visited.has(next.href)) {
          throw new AppError('network', 'main.net.redirectLoop', { host: url.host });
        }
        if (redirects > maxRedirects) {
          throw new AppError('network', 'main.net.tooManyRedirects', {
            max: maxRedirects,
            url: request.url,
          });
        }
        visited.add(next.href);
        allPermanent &&= PERMANENT.has(response.status);
        url = next;
        continue;
      }
      if (response.status === 304) {
        await discardBody(response);
        return { status: 'not-modified', url: url.href };
      }
      if (!response.ok) {
        await discardBody(response);
        throw httpError(response, deps.now ?? Date.now);
      }
      const body = await readBodyWithin(response, maxBytes, () => tooLarge(maxBytes));
      const document: FetchedDocument = { status: 'ok', url: url.href, body };
      if (redirects > 0 && allPermanent) document.movedTo = url.href;
      // A validator too long to send back is dropped here: kept, it would be refused by the
      // contract with every later sync.setFeeds. Without it the next fetch is merely unconditional.
      const etag = boundedValidator(response.headers.get('etag') || undefined);
      if (etag) document.etag = etag;
      const lastModified = boundedValidator(response.headers.get('last-modified') || undefined);
      if (lastModified) document.lastModified = lastModified;
      const contentType = response.headers.get('content-type');
      if (contentType) document.contentType = contentType;
      return document;
    }
  } catch (error) {
    if (request.signal?.aborted) throw cancelled(url);
    if (error instanceof AppError) throw error;
    if (total.aborted) {
      throw new AppError('timeout', 'main.net.feedTimeout', {
        host: url.host,
        ...secondsValues(timeoutMs),
      });
    }
    if (connectTimedOut) {
      throw new AppError('timeout', 'main.net.connectTimeout', {
        host: url.host,
        ...secondsValues(connectTimeoutMs),
      });
    }
    throw networkError(error, url);
  }
}

function parseWebUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalid-params', 'main.net.notAnAddress', { address: value });
  }
  if (!isWebProtocol(url.protocol)) {
    throw new AppError('invalid-params', 'main.net.notWebProtocol', { protocol: url.protocol });
  }
  return url;
}

function redirectTarget(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new AppError('network', 'main.net.redirectInvalid', { host: from.host });
  }
  if (!isWebProtocol(next.protocol)) {
    throw new AppError('network', 'main.net.redirectNotWeb', {
      host: from.host,
      protocol: next.protocol,
    });
  }
  // The subscription would follow it (movedTo) and then be an address no call may carry.
  if (next.href.length > MAX_URL_LENGTH) {
    throw new AppError('network', 'main.net.redirectTooLong', {
      host: from.host,
      length: next.href.length,
      max: MAX_URL_LENGTH,
    });
  }
  return next;
}

function requestHeaders(deps: FetchDeps, request: HttpRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': deps.userAgent,
    Accept: request.accept,
  };
  if (request.etag) headers['If-None-Match'] = request.etag;
  if (request.lastModified) headers['If-Modified-Since'] = request.lastModified;
  return headers;
}

function cancelled(url: URL): FetchError {
  return new FetchError('network', 'main.net.cancelled', { host: url.host }, { cancelled: true });
}

function httpError(response: Response, now: () => number): FetchError {
  const status = response.status;
  const reason = response.statusText || STATUS_CODES[status] || '';
  const answer = `${status}${reason ? ` ${reason}` : ''}`;
  if (status === 410) return new FetchError('http', 'main.net.gone', { answer }, { status });
  const retryAfterMs = retryAfterOf(response.headers, now());
  if (retryAfterMs === undefined) {
    return new FetchError('http', 'main.net.httpStatus', { answer }, { status });
  }
  if (retryAfterMs <= 0) {
    return new FetchError('http', 'main.net.httpStatus', { answer }, { status, retryAfterMs });
  }
  return new FetchError(
    'http',
    'main.net.httpStatusWait',
    { answer, ...waitValues(retryAfterMs) },
    { status, retryAfterMs },
  );
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('too-large', 'main.net.feedTooLarge', { size: formatBytes(maxBytes) });
}

/** A failed connection in words naming the host; also used by the Reader API client. */
export function networkError(error: unknown, url: URL): AppError {
  // The address guard refused the connection (the reader's own network, a tracker): say so.
  const refused = refusalIn(error);
  if (refused) return new AppError('forbidden', refused.text.id, refused.text.values);
  const code = errorCode(error);
  const host = url.host;
  switch (code) {
    case 'ENOTFOUND':
      return new AppError('network', 'main.net.hostNotFound', { host });
    case 'EAI_AGAIN':
      return new AppError('network', 'main.net.lookupFailed', { host });
    case 'ECONNREFUSED':
      return new AppError('network', 'main.net.refused', { host });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new AppError('network', 'main.net.cutOff', { host });
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new AppError('network', 'main.net.unreachable', { host });
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new AppError('timeout', 'main.net.noAnswer', { host });
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new AppError('network', 'main.net.badCertificate', { host, code });
  }
  const detail = code ?? (error instanceof Error ? rootMessage(error) : String(error));
  return new AppError('network', 'main.net.failed', { host, detail });
}

function rootMessage(error: Error): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/**
 * A timeout as main's messages state it ("10 seconds", "1.5 seconds", "200 ms"): the values
 * `amount` and `unit` of their `{unit, select, ms {…} other {…}}`.
 */
export function secondsValues(ms: number): { amount: number; unit: 'ms' | 'seconds' } {
  const seconds = ms / 1000;
  if (seconds >= 1) return { amount: Math.round(seconds * 10) / 10, unit: 'seconds' };
  return { amount: ms, unit: 'ms' };
}

/** "10 seconds", "1.5 seconds", "200 ms": a timeout in English, for logs. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds >= 1) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} seconds`;
  return `${ms} ms`;
}
