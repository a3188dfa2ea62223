/**
 * Storage failures (a full disk above all) happen deep in repositories; the reader must hear
 * about them plainly, once, from wherever they happen — and stop hearing about them once space
 * has come back and the same kind of write succeeds again.
 */

/**
 * What was being saved when storage failed. The message names it, and only a later success of
 * the same kind clears it: a small write that fits says nothing about an image that does not.
 */
export type StorageTask = 'articles' | 'images' | 'changes';

const WHAT: Record<StorageTask, string> = {
  articles: 'new articles from the last refresh',
  images: 'images for reading offline',
  // Anything else: a feed's icon, a mark as read, a setting.
  changes: 'changes to your library',
};

type Listener = (message: string | undefined) => void;
const listeners = new Set<Listener>();
/** The failures still standing, by task; a quota failure and any other are worded apart. */
const failures = new Map<StorageTask, { quota: boolean; detail: string }>();

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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failed write in words for the reader: a full disk in any of Dexie's wrappings says what to
 * do; anything else says what it is.
 */
export function describeFailure(error: unknown): string {
  if (isQuotaError(error)) {
    return 'Your disk is full: there is no room left to store this. Free some space or remove old articles in Settings.';
  }
  return describe(error);
}

/** What the banner says, or undefined when nothing failed (or everything recovered). */
export function storageErrorMessage(): string | undefined {
  const quota = [...failures].filter(([, failure]) => failure.quota).map(([task]) => WHAT[task]);
  if (quota.length > 0) {
    const what =
      quota.length === 1 ? quota[0] : `${quota.slice(0, -1).join(', ')} and ${quota.at(-1)}`;
    return (
      `Broadsheet’s storage is full: ${what} could not be saved. ` +
      'Everything already in your library is intact, and can still be read and searched. ' +
      'To make room, free some disk space or remove old articles (Settings → Keeping articles → ' +
      'Clean up now); Broadsheet tries again at the next refresh.'
    );
  }
  const other = [...failures.values()].at(-1);
  return other && `Broadsheet could not save to its library: ${other.detail}`;
}

function announce(): void {
  const message = storageErrorMessage();
  listeners.forEach((listener) => listener(message));
}

export function reportStorageError(error: unknown, task: StorageTask = 'changes'): void {
  // Which write failed is for the console; the reader hears what it means for them.
  console.warn(`Could not save (${task})`, error);
  failures.delete(task);
  failures.set(task, { quota: isQuotaError(error), detail: describe(error) });
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

/** Called now with the current message, then on every change; returns the unsubscribe. */
export function onStorageError(listener: Listener): () => void {
  listeners.add(listener);
  listener(storageErrorMessage());
  return () => listeners.delete(listener);
}
