/**
 * A sentence kept as its message id and values rather than as words: made where a reason is
 * found (a row that fails its schema, a download that stopped), put into words where and when
 * it is shown, so it reads in the language in use then — and can be kept in IndexedDB as data.
 */
import type { MessageId } from '../i18n/catalogue';
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

/**
 * A failed call's words: main's message id in the language in use now when it sent one, else
 * its English message. (i18n's errorText wants an Error; a failed Result carries a plain object.)
 */
export function apiErrorText(error: { message: string; text?: MessageRef | undefined }): string {
  return error.text ? said(error.text) : error.message;
}
