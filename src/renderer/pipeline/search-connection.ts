import type { WorkerEvent } from '../search/protocol';
import { createSearchWorker, SearchClient } from '../search/search-client';

let client: SearchClient | undefined;
const eventListeners = new Set<(event: WorkerEvent) => void>();
const indexedListeners = new Set<() => void>();

/**
 * The page's one search worker, started on first use: the index upkeep, the search box and
 * Settings all share it. It stops when the page goes away. A worker that fails (its script
 * could not load, it crashed) is dropped, so what waited on it fails instead of hanging, and
 * the next use starts a new one; listeners stay subscribed across that through
 * `onSearchEvent`.
 */
export function searchClient(): SearchClient {
  if (client) return client;
  const worker = createSearchWorker();
  const created = new SearchClient(worker);
  client = created;
  created.on((event) => {
    for (const listener of eventListeners) listener(event);
  });
  const stop = () => {
    created.dispose();
    if (client === created) client = undefined;
    window.removeEventListener('pagehide', stop);
  };
  window.addEventListener('pagehide', stop);
  if (worker instanceof Worker) worker.addEventListener('error', stop);
  return created;
}

/** Events of whichever worker is current (ready, progress, changed); returns the unsubscribe. */
export function onSearchEvent(listener: (event: WorkerEvent) => void): () => void {
  eventListeners.add(listener);
  return () => eventListeners.delete(listener);
}

/** Tells open searches that the index took in changes, so they can ask again. */
export function announceIndexed(): void {
  for (const listener of indexedListeners) listener();
}

export function onIndexed(listener: () => void): () => void {
  indexedListeners.add(listener);
  return () => indexedListeners.delete(listener);
}

/**
 * Hears every change to what the index answers — changes this page handed it, and those the
 * worker reports (a rebuild, a repair) — so an open search or preview can ask again.
 */
export function onIndexChanged(listener: () => void): () => void {
  const offIndexed = onIndexed(listener);
  const offWorker = onSearchEvent((event) => {
    if (event.event === 'changed') listener();
  });
  return () => {
    offIndexed();
    offWorker();
  };
}
