import { englishText, type MainMessageId, type MainValues } from './main-text';

export type { MainMessageId, MainValues };

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
  values?: MainValues;
}

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
/** A failed Result: the English message for logs, and the message's id and values for the reader. */
export const fail = (code: ErrorCode, id: MainMessageId, values?: MainValues): Result<never> => ({
  ok: false,
  error: { code, message: englishText(id, values), text: mainText(id, values) },
});

/** A failed Result from an error already made (an AppError's code, English and text). */
export const failWith = (error: AppError): Result<never> => ({
  ok: false,
  error: { code: error.code, message: error.message, text: error.text },
});

function mainText(id: MainMessageId, values?: MainValues): MainText {
  return values ? { id, values } : { id };
}

/**
 * Thrown by main's domain code (the dispatcher turns it into a failed Result), and by the
 * renderer for a failed Result it cannot use (the same code and message, for its callers to tell).
 */
export class AppError extends Error {
  /** What the reader is told: one of main's messages (catalogues/en.json, `main.*`). */
  readonly text: MainText;

  /** `message` is the English text of `id` with `values`, for logs and the command line. */
  constructor(
    readonly code: ErrorCode,
    id: MainMessageId,
    values?: MainValues,
  ) {
    super(englishText(id, values));
    this.name = 'AppError';
    this.text = mainText(id, values);
  }

  /**
   * The error a failed Result carries, for the renderer to throw: the same code, English and
   * text. One without a text (never sent by this main) keeps its English as the text's value.
   */
  static from(error: { code: ErrorCode; message: string; text?: MainText | undefined }): AppError {
    const text = error.text ?? {
      id: 'main.error.untranslated',
      values: { message: error.message },
    };
    const made = new AppError(error.code, text.id, text.values);
    made.message = error.message;
    return made;
  }
}
