/**
 * A sentence kept as its message id and values rather than as words: made where a reason is
 * found (a row that fails its schema, a download that stopped), put into words where and when
 * it is shown, so it reads in the language in use then — and can be kept in IndexedDB as data.
 */
import { ENGLISH, type MessageId } from '../i18n/catalogue';
import { translate } from '../i18n/current-locale';

export type MessageRefValues = Record<string, string | number>;

export interface MessageRef {
  id: MessageId;
  values?: MessageRefValues;
}

/** The words of `ref` now, with `more` values the place that shows it adds (a count, a name). */
export function said(ref: MessageRef, more?: MessageRefValues): string {
  return translate(ref.id, { ...ref.values, ...more });
}

/** Same id, same values: one line of a report counts both. */
export function sameRef(a: MessageRef, b: MessageRef): boolean {
  return a.id === b.id && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {});
}

/** A reason to store: its words now, and the message they came from when there is one. */
export function toStore(reason: string | MessageRef): { message: string; text?: MessageRef } {
  return typeof reason === 'string' ? { message: reason } : { message: said(reason), text: reason };
}

/**
 * A stored reason's words in the language in use: from its message when it kept one this
 * version still knows, else the sentence stored (older rows, a backup from elsewhere).
 */
export function storedText(message: string, text?: MessageRef): string {
  return text && Object.hasOwn(ENGLISH, text.id) ? said(text) : message;
}

/** A failed call's reason to store: main's message id when it sent one, else its message. */
export function apiErrorReason(error: {
  message: string;
  text?: MessageRef | undefined;
}): string | MessageRef {
  return error.text ?? error.message;
}
