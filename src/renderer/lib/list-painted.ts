/**
 * A page-wide signal that the article list has painted its first rows (or its empty state).
 * Work that can wait — sidebar counts, feed icons — waits for it, so on a cold start the
 * first page of articles is never queued behind it in IndexedDB or on the main thread.
 */
let resolvePainted: () => void = () => undefined;
let marked = false;
let done = false;
const painted = new Promise<void>((resolve) => (resolvePainted = resolve)).then(() => {
  done = true;
});

/** Called by the article list once it shows its first result; later calls do nothing. */
export function markListPainted(): void {
  if (marked) return;
  marked = true;
  // The frame after the commit is the one that paints it.
  requestAnimationFrame(() => setTimeout(resolvePainted, 0));
}

/** Whether the list has painted once (for hooks: see `onListPainted`). */
export function hasListPainted(): boolean {
  return done;
}

/** Calls back once after the list's first paint (at once if it has); returns an unsubscribe. */
export function onListPainted(callback: () => void): () => void {
  let live = true;
  void painted.then(() => live && callback());
  return () => {
    live = false;
  };
}

/** Settles after the list's first paint, or after `timeoutMs` if it never comes. */
export function whenListPainted(timeoutMs = 2000): Promise<void> {
  return Promise.race([painted, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
