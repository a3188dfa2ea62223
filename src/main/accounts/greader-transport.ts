/**
 * One HTTP exchange with a Reader API server, within the limits every request of the app has: a
 * timeout until the headers arrive, one for the whole exchange, and a cap on the body read. It
 * answers every HTTP status (the client decides what each means); it throws only when there is
 * no answer: unreachable, refused by the address guard, too slow, too big.
 */
import { AppError } from '../../shared/result';
import { networkError, secondsValues } from '../net/http-get';
import type { ServerLabel } from './greader-errors';
import { formatBytes } from '../../shared/format-bytes';
import { readBodyWithin } from '../net/read-body';

export interface GReaderLimits {
  /** For the whole exchange, body included. */
  timeoutMs: number;
  /** Until the response headers arrive: a dead server is given up on quickly. */
  connectTimeoutMs: number;
  /** The most one answer may weigh (a batch of item contents is the heaviest). */
  maxBytes: number;
}

export const DEFAULT_GREADER_LIMITS: GReaderLimits = {
  timeoutMs: 60_000,
  connectTimeoutMs: 15_000,
  maxBytes: 16 * 1024 * 1024,
};

export interface TransportDeps {
  fetch: typeof globalThis.fetch;
  userAgent: string;
  limits: GReaderLimits;
  /** "FreshRSS at example.org": how messages name the server. */
  label: ServerLabel;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** The full URL, query included. */
  url: string;
  /** Form fields, in order (the API repeats `i` for every item). */
  form?: [string, string][];
  auth?: string;
}

export interface ApiResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: string;
}

export async function sendRequest(deps: TransportDeps, request: ApiRequest): Promise<ApiResponse> {
  const url = new URL(request.url);
  const { timeoutMs, connectTimeoutMs, maxBytes } = deps.limits;
  const total = AbortSignal.timeout(timeoutMs);
  const headersArrived = new AbortController();
  let connectTimedOut = false;
  const timer = setTimeout(() => {
    connectTimedOut = true;
    headersArrived.abort();
  }, connectTimeoutMs);
  const headers: Record<string, string> = {
    'User-Agent': deps.userAgent,
    Accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
  };
  if (request.auth) headers.Authorization = `GoogleLogin auth=${request.auth}`;
  let body: string | undefined;
  if (request.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  try {
    let response: Response;
    try {
      response = await deps.fetch(url.href, {
        method: request.method,
        headers,
        body,
        // A redirect is an answer of its own here: a POST must not silently become a GET.
        redirect: 'manual',
        signal: AbortSignal.any([total, headersArrived.signal]),
      });
    } finally {
      clearTimeout(timer);
    }
    const bytes = await readBodyWithin(response, maxBytes, () => tooLarge(maxBytes, deps.label));
    const text = new TextDecoder().decode(bytes);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: text,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (total.aborted) {
      throw new AppError('timeout', 'main.account.answerTimeout', {
        ...deps.label,
        ...secondsValues(timeoutMs),
      });
    }
    if (connectTimedOut) {
      throw new AppError('timeout', 'main.account.connectTimeout', {
        ...deps.label,
        ...secondsValues(connectTimeoutMs),
      });
    }
    throw networkError(error, url);
  }
}

function tooLarge(maxBytes: number, label: ServerLabel): AppError {
  return new AppError('too-large', 'main.account.answerTooLarge', {
    ...label,
    size: formatBytes(maxBytes),
  });
}
