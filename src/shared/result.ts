import type english from './catalogues/en.json';

/** Every call across the process boundary answers with one of these, never a thrown error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  code: ErrorCode;
  /** In English, for logs and the command line. */
  message: string;
  /** What the reader is told, in their language: a `main.*` message id and its values. */
  text?: MainText;
}

/** A message of main's in the shared catalogues (catalogues/en.json, ids under `main.`). */
export interface MainText {
  id: MainMessageId;
  values?: Record<string, string | number>;
}

export type MainMessageId = Extract<keyof typeof english, `main.${string}`>;

export type ErrorCode =
  | 'invalid-params'
  | 'unknown-method'
  | 'forbidden'
  | 'network'
  | 'timeout'
  | 'http'
  | 'too-large'
  | 'not-a-feed'
  | 'parse'
  | 'unsupported'
  /** A sync server refused the password or the stored token: the reader must sign in again. */
  | 'unauthorized'
  /** The address answered, but not as a Google Reader API server. */
  | 'not-reader-api'
  /** The server speaks the API but has it switched off (for everyone or for this user). */
  | 'api-disabled'
  /** 429 or 503: the server asked us to wait (its Retry-After is in the message). */
  | 'rate-limited'
  /** The disk has no room for what was to be written (a backup); nothing half-written stays. */
  | 'no-space'
  | 'internal';

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Thrown by main's domain code (the dispatcher turns it into a failed Result), and by the
 * renderer for a failed Result it cannot use (the same code and message, for its callers to tell).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
