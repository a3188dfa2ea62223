/**
 * Storage failures (a full disk above all) happen deep in repositories; the reader must hear
 * about them plainly, once, from wherever they happen — and stop hearing about them once space
 * has come back and the same kind of write succeeds again.
 */
import type { MessageId } from '../i18n/catalogue';
import { getLocaleState, onLocaleChange, translate } from '../i18n/current-locale';
import { formatList } from '../i18n/formats';
import { errorText } from '../i18n/localized-error';

/**
 * What was being saved when storage failed. The message names it, and only a later success of
 * the same kind clears it: a small write that fits says nothing about an image that does not.
 */
export type StorageTask = 'articles' | 'images' | 'changes';

const WHAT: Record<StorageTask, MessageId> = {
  articles: 'lib.storage.what.articles',
  images: 'lib.storage.what.images',
  // Anything else: a feed's icon, a mark as read, a setting.
  changes: 'lib.storage.what.changes',
};

type Listener = (message: string | undefined) => void;
const listeners = new Set<Listener>();
/** The failures still standing, by task; a quota failure and any other are worded apart. */
const failures = new Map<StorageTask, { quota: boolean; error: unknown }>();

// How deep a wrapped error is searched: Dexie wraps once or twice; a cycle must not hang us.
const MAX_DEPTH = 5;

/**
 * True when storage refused a write for lack of space, in any of the forms it reaches us: the
 * DOMException itself (QuotaExceededError, Firefox's NS_ERROR_DOM_QUOTA_REACHED; a
 * DOMException's legacy code follows from its name), Dexie's mapped QuotaExceededError, or one wrapped in Dexie's AbortError (a
 * transaction aborted by the quota), BulkError or ModifyError (per-row failures), or an
 * Error's `cause`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > MAX_DEPTH) return false;
  const candidate = error as {
    name?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (candidate.name === 'QuotaExceededError' || candidate.name === 'NS_ERROR_DOM_QUOTA_REACHED')
    return true;
  const inner = [candidate.inner, candidate.cause];
  const failed = candidate.failures;
  if (Array.isArray(failed)) inner.push(...failed);
  else if (failed && typeof failed === 'object') inner.push(...Object.values(failed));
  return inner.some((nested) => isQuotaError(nested, depth + 1));
}

/** An error's own words, in the language in use now when it has a message id. */
function describe(error: unknown): string {
  return errorText(error, translate);
}

/**
 * A failed write in words for the reader: a full disk in any of Dexie's wrappings says what to
 * do; anything else says what it is.
 */
export function describeFailure(error: unknown): string {
  if (isQuotaError(error)) {
    return translate('lib.storage.diskFull');
  }
  return describe(error);
}

/** What the banner says, or undefined when nothing failed (or everything recovered). */
export function storageErrorMessage(): string | undefined {
  const quota = [...failures]
    .filter(([, failure]) => failure.quota)
    .map(([task]) => translate(WHAT[task]));
  if (quota.length > 0) {
    return translate('lib.storage.full', { what: formatList(quota, getLocaleState().locale) });
  }
  const other = [...failures.values()].at(-1);
  return other && translate('lib.storage.notSaved', { detail: describe(other.error) });
}

function announce(): void {
  const message = storageErrorMessage();
  listeners.forEach((listener) => listener(message));
}

export function reportStorageError(error: unknown, task: StorageTask = 'changes'): void {
  // Which write failed is for the console; the reader hears what it means for them.
  console.warn(`Could not save (${task})`, error);
  failures.delete(task);
  failures.set(task, { quota: isQuotaError(error), error });
  announce();
}

/**
 * A write of this kind succeeded: whatever failed before has room again. A full disk that let
 * this through has room for small changes too, so those clear with it.
 */
export function reportStorageRecovered(task: StorageTask): void {
  const cleared = failures.delete(task);
  const small = task !== 'changes' && failures.get('changes')?.quota && failures.delete('changes');
  if (cleared || small) announce();
}

// The banner says it again in the language the reader switches to.
onLocaleChange(() => {
  if (failures.size > 0) announce();
});

/** Called now with the current message, then on every change; returns the unsubscribe. */
export function onStorageError(listener: Listener): () => void {
  listeners.add(listener);
  listener(storageErrorMessage());
  return () => listeners.delete(listener);
}
