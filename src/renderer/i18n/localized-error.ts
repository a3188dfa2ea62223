/**
 * An error meant for the reader: a message id and its values, so whoever shows it says it in
 * the language in use then (its `message` is the text when it was thrown, for logs).
 */
import type { ApiError } from '@shared/result';
import { ENGLISH, type MessageId } from './catalogue';
import { translate } from './current-locale';
import type { MessageValues, Translator } from './use-t';

export class LocalizedError extends Error {
  constructor(
    readonly id: MessageId,
    readonly values?: MessageValues,
  ) {
    super(translate(id, values));
    this.name = 'LocalizedError';
  }
}

/** What an error says to the reader: its message id in the current language when it has one. */
export function errorText(
  error: unknown,
  t: (id: MessageId, values?: MessageValues) => string,
): string {
  if (error instanceof LocalizedError) return t(error.id, error.values);
  // A text this version's catalogue does not know (a row from elsewhere) gives way to the words.
  const text = (error as { text?: ApiError['text'] } | null)?.text;
  if (text && Object.hasOwn(ENGLISH, text.id)) return t(text.id as MessageId, text.values);
  if (error instanceof Error) return error.message;
  // A stored error (a feed's or an account's last one) is a plain object carrying its words.
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  return String(error);
}

export type { Translator };
