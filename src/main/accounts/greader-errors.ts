/**
 * What a Reader API server's refusals mean, in words for the reader that name the server. Each
 * cause has its own code (see shared/result.ts) so the account can say "Sign in again", "wait",
 * or "this is not a sync server" rather than a bare status.
 */
import { STATUS_CODES } from 'node:http';
import { AppError } from '../../shared/result';
import type { AccountService } from '../../shared/account-model';
import { waitValues } from '../net/retry-after';
import type { ApiResponse } from './greader-transport';
import { RateLimitedError } from './sync-protocol';

/**
 * The server as every message here names it ("FreshRSS at rss.example.org", "The server at
 * example.org:8080"): the values of `{service, select, freshrss {…} miniflux {…} other {…}}`.
 */
export interface ServerLabel {
  [key: string]: string;
  service: 'freshrss' | 'miniflux' | 'other';
  host: string;
}

export function serverLabel(service: AccountService | undefined, apiUrl: string): ServerLabel {
  const host = new URL(apiUrl).host;
  return { service: service === 'freshrss' || service === 'miniflux' ? service : 'other', host };
}

/** What a request was for, as `doing` in the messages (the sign-in, the tag list request…). */
export type GReaderDoing =
  | 'signIn'
  | 'token'
  | 'subscriptions'
  | 'tags'
  | 'unread'
  | 'itemIds'
  | 'contents'
  | 'mark'
  | 'markAll'
  | 'subscribe'
  | 'edit'
  | 'userInfo';

/**
 * How a server says the token for writes (T) went stale: fetch another and try again. The
 * header is spelled `X-Reader-Google-Bad-Token` by some servers and `Google-Bad-Token` by
 * FreshRSS, which sends it with every 401, a dead sign-in included: the retry's token request
 * then tells the two apart.
 */
export function isBadToken(response: ApiResponse): boolean {
  if (response.status !== 401) return false;
  const header =
    response.headers.get('x-reader-google-bad-token') ?? response.headers.get('google-bad-token');
  return header?.trim().toLowerCase() === 'true';
}

/** 429, or 503 with a Retry-After: the server asks for patience. */
export function isRateLimited(response: ApiResponse): boolean {
  return (
    response.status === 429 || (response.status === 503 && response.headers.has('retry-after'))
  );
}

export function rateLimitedError(label: ServerLabel, waitMs: number | undefined): RateLimitedError {
  if (waitMs === undefined) return new RateLimitedError('main.account.tooManyRequests', label);
  return new RateLimitedError(
    'main.account.askedToWait',
    { ...label, ...waitValues(waitMs) },
    waitMs,
  );
}

/**
 * FreshRSS answers every API call with 503 "Service Unavailable" while the administrator has
 * not allowed API access (no Retry-After: it is not a matter of waiting).
 */
export function isApiDisabled(response: ApiResponse): boolean {
  return response.status === 503 && !response.headers.has('retry-after');
}

export function apiDisabledError(label: ServerLabel): AppError {
  return new AppError('api-disabled', 'main.account.apiDisabled', label);
}

/** ClientLogin refused the name or password. */
export function wrongPasswordError(label: ServerLabel): AppError {
  return new AppError('unauthorized', 'main.account.wrongPassword', label);
}

/** The stored token stopped working (password changed, session revoked). */
export function signInAgainError(label: ServerLabel): AppError {
  return new AppError('unauthorized', 'main.account.signInAgain', label);
}

/**
 * Why the address is no Reader API: `why` selects the words (`redirects` to `location`, a
 * `status`, a sign-in `answered` with a status, a `webPage`, `noAuth`).
 */
export function notReaderApiError(
  label: ServerLabel,
  url: string,
  why: { why: 'redirects' | 'status' | 'answered' | 'webPage' | 'noAuth'; detail?: string },
): AppError {
  return new AppError('not-reader-api', 'main.account.notReaderApi', {
    ...label,
    url,
    why: why.why,
    detail: why.detail ?? '',
  });
}

/** "404 Not Found". */
export function statusText(response: ApiResponse): string {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  return `${response.status}${reason ? ` ${reason}` : ''}`;
}

/** Any other failure status, with the server's own short explanation when it gave one. */
export function httpError(
  label: ServerLabel,
  response: ApiResponse,
  doing: GReaderDoing,
): AppError {
  const said = shortText(response);
  const values = { ...label, answer: statusText(response), doing };
  if (!said) return new AppError('http', 'main.account.httpStatus', values);
  return new AppError('http', 'main.account.httpStatusSaid', { ...values, said });
}

/**
 * A short plain-text body is usually the server's reason ("Bad Request!"); Miniflux wraps its
 * reason in `{"error_message": …}`. HTML is not shown.
 */
function shortText(response: ApiResponse): string | undefined {
  let text = response.body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const message =
        typeof parsed === 'object' && parsed !== null && 'error_message' in parsed
          ? parsed.error_message
          : undefined;
      if (typeof message === 'string') text = message.trim();
    } catch {
      // Not JSON after all: shown as it is, if short.
    }
  }
  if (!text || text.length > 200 || text.startsWith('<') || /[\n\r]/.test(text)) return undefined;
  return text;
}
