/**
 * One conditional GET of a feed, with the limits a desktop app needs against slow, huge or
 * misbehaving servers. Redirects are followed by hand to tell permanent moves (which the
 * subscription should follow) from temporary ones. Throws only AppError.
 */
import { STATUS_CODES } from 'node:http';
import { AppError } from '../../shared/result';

export interface FetchDeps {
  fetch: typeof globalThis.fetch;
  userAgent: string;
}

export interface FetchLimits {
  maxBytes: number;
  /** For the whole exchange: every redirect and the body included. */
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 30_000,
  maxRedirects: 5,
};

export interface FeedRequest {
  url: string;
  etag?: string;
  lastModified?: string;
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

const ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/rdf+xml;q=0.9',
  'application/xml;q=0.8',
  'text/xml;q=0.8',
  'application/json;q=0.5',
  '*/*;q=0.2',
].join(', ');

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

export async function fetchFeed(
  deps: FetchDeps,
  request: FeedRequest,
  limits?: Partial<FetchLimits>,
): Promise<FetchedDocument> {
  // Field by field, so an explicit `undefined` in `limits` still means the default.
  const maxBytes = limits?.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes;
  const timeoutMs = limits?.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs;
  const maxRedirects = limits?.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects;
  const signal = AbortSignal.timeout(timeoutMs);
  let url = parseWebUrl(request.url);
  const visited = new Set<string>([url.href]);
  let allPermanent = true;
  let redirects = 0;
  try {
    for (;;) {
      const response = await deps.fetch(url.href, {
        redirect: 'manual',
        signal,
        headers: requestHeaders(deps, request),
      });
      if (REDIRECTS.has(response.status) && response.headers.has('location')) {
        await discard(response);
        const next = redirectTarget(url, response.headers.get('location') ?? '');
        redirects += 1;
        if (visited.has(next.href)) {
          throw new AppError('network', `The feed at ${url.host} redirects in a loop.`);
        }
        if (redirects > maxRedirects) {
          throw new AppError(
            'network',
            `Too many redirects (more than ${maxRedirects}) starting from ${request.url}.`,
          );
        }
        visited.add(next.href);
        allPermanent &&= PERMANENT.has(response.status);
        url = next;
        continue;
      }
      if (response.status === 304) {
        await discard(response);
        return { status: 'not-modified', url: url.href };
      }
      if (!response.ok) {
        await discard(response);
        throw httpError(response);
      }
      const body = await readBody(response, maxBytes);
      const document: FetchedDocument = { status: 'ok', url: url.href, body };
      if (redirects > 0 && allPermanent) document.movedTo = url.href;
      const etag = response.headers.get('etag');
      if (etag) document.etag = etag;
      const lastModified = response.headers.get('last-modified');
      if (lastModified) document.lastModified = lastModified;
      const contentType = response.headers.get('content-type');
      if (contentType) document.contentType = contentType;
      return document;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted) {
      throw new AppError(
        'timeout',
        `${url.host} did not deliver the feed within ${formatSeconds(timeoutMs)}.`,
      );
    }
    throw networkError(error, url);
  }
}

function parseWebUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalid-params', `“${value}” is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(
      'invalid-params',
      `Only http and https feeds can be fetched, not ${url.protocol}`,
    );
  }
  return url;
}

function redirectTarget(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new AppError('network', `${from.host} redirected to an invalid address.`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new AppError(
      'network',
      `${from.host} redirected to a non-web address (${next.protocol}).`,
    );
  }
  return next;
}

function requestHeaders(deps: FetchDeps, request: FeedRequest): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': deps.userAgent, Accept: ACCEPT };
  if (request.etag) headers['If-None-Match'] = request.etag;
  if (request.lastModified) headers['If-Modified-Since'] = request.lastModified;
  return headers;
}

function httpError(response: Response): AppError {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  const answer = `${response.status}${reason ? ` ${reason}` : ''}`;
  if (response.status === 410) {
    return new AppError('http', `The feed is gone: the server answered ${answer}.`);
  }
  return new AppError('http', `The server answered ${answer}.`);
}

async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await discard(response);
    throw tooLarge(maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'too-large',
    `The feed is larger than ${formatBytes(maxBytes)}, the most Broadsheet downloads for one feed.`,
  );
}

/** Frees the connection of a response whose body nobody reads. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function networkError(error: unknown, url: URL): AppError {
  const code = errorCode(error);
  const host = url.host;
  switch (code) {
    case 'ENOTFOUND':
      return new AppError('network', `The server ${host} could not be found. Check the address.`);
    case 'EAI_AGAIN':
      return new AppError(
        'network',
        `The name ${host} could not be looked up right now. Are you offline?`,
      );
    case 'ECONNREFUSED':
      return new AppError('network', `${host} refused the connection.`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new AppError('network', `The connection to ${host} was cut off.`);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new AppError('network', `${host} cannot be reached. Are you offline?`);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new AppError('timeout', `${host} did not answer in time.`);
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new AppError(
      'network',
      `The secure connection to ${host} failed: its certificate is not valid (${code}).`,
    );
  }
  const detail = code ?? (error instanceof Error ? rootMessage(error) : String(error));
  return new AppError('network', `Could not reach ${host} (${detail}).`);
}

/** fetch hides the system error under `cause`, sometimes inside an AggregateError. */
function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if ('code' in current && typeof current.code === 'string') return current.code;
    if ('cause' in current) queue.push(current.cause);
    if ('errors' in current && Array.isArray(current.errors)) queue.push(...current.errors);
  }
  return undefined;
}

function rootMessage(error: Error): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${Number.isInteger(kb) ? kb : kb.toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  if (seconds >= 1) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} seconds`;
  return `${ms} ms`;
}
