/**
 * What a Reader API server's refusals mean, in words for the reader that name the server. Each
 * cause has its own code (see shared/result.ts) so the account can say "Sign in again", "wait",
 * or "this is not a sync server" rather than a bare status.
 */
import { STATUS_CODES } from 'node:http';
import { AppError } from '../../shared/result';
import type { AccountService } from '../../shared/account-model';
import { formatWait } from '../net/retry-after';
import type { ApiResponse } from './greader-transport';
import { RateLimitedError } from './sync-protocol';

/** "FreshRSS at rss.example.org", "The server at example.org:8080". */
export function serverLabel(service: AccountService | undefined, apiUrl: string): string {
  const host = new URL(apiUrl).host;
  if (service === 'freshrss') return `FreshRSS at ${host}`;
  if (service === 'miniflux') return `Miniflux at ${host}`;
  return `The server at ${host}`;
}

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

export function rateLimitedError(label: string, waitMs: number | undefined): RateLimitedError {
  const wait =
    waitMs === undefined
      ? 'is refusing requests for now (too many requests); Broadsheet tries again later'
      : `asked Broadsheet to wait ${formatWait(waitMs)} before the next request`;
  return new RateLimitedError(`${label} ${wait}.`, waitMs);
}

/**
 * FreshRSS answers every API call with 503 "Service Unavailable" while the administrator has
 * not allowed API access (no Retry-After: it is not a matter of waiting).
 */
export function isApiDisabled(response: ApiResponse): boolean {
  return response.status === 503 && !response.headers.has('retry-after');
}

export function apiDisabledError(label: string, service: AccountService | undefined): AppError {
  const how =
    service === 'miniflux'
      ? ' Turn on “Google Reader API” in Miniflux’s Settings → Integrations.'
      : service === 'freshrss'
        ? ' An administrator can allow it in FreshRSS under Administration → Authentication (“Allow API access”).'
        : '';
  return new AppError('api-disabled', `${label} has its Google Reader API switched off.${how}`);
}

/** ClientLogin refused the name or password. */
export function wrongPasswordError(label: string, service: AccountService | undefined): AppError {
  const hint =
    service === 'freshrss'
      ? ' FreshRSS wants the API password set in your profile (Settings → Profile → API management), not the web password.'
      : service === 'miniflux'
        ? ' Miniflux wants the user name and password set under Settings → Integrations → Google Reader, with that integration turned on.'
        : '';
  return new AppError('unauthorized', `${label} refused the user name or password.${hint}`);
}

/** The stored token stopped working (password changed, session revoked). */
export function signInAgainError(label: string): AppError {
  return new AppError('unauthorized', `${label} refused the saved sign-in: sign in again.`);
}

export function notReaderApiError(label: string, url: string, why: string): AppError {
  return new AppError(
    'not-reader-api',
    `${label} does not answer as a Google Reader API server at ${url} (${why}). Check the server address and service.`,
  );
}

/** "404 Not Found". */
export function statusText(response: ApiResponse): string {
  const reason = response.statusText || STATUS_CODES[response.status] || '';
  return `${response.status}${reason ? ` ${reason}` : ''}`;
}

/** Any other failure status, with the server's own short explanation when it gave one. */
export function httpError(label: string, response: ApiResponse, doing: string): AppError {
  const said = shortText(response);
  return new AppError(
    'http',
    `${label} answered ${statusText(response)} to ${doing}${said ? `: “${said}”` : ''}.`,
  );
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
