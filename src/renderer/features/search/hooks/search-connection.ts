import { SearchClient } from '../../../search/search-client';

let client: SearchClient | undefined;
const indexedListeners = new Set<() => void>();

/**
 * The page's one search worker, started on first use: the index upkeep, the search box and
 * Settings all share it. It stops when the page goes away; a page restored from the back/forward
 * cache starts a new one on its next use.
 */
export function searchClient(): SearchClient {
  if (!client) {
    const created = new SearchClient();
    client = created;
    window.addEventListener(
      'pagehide',
      () => {
        created.dispose();
        if (client === created) client = undefined;
      },
      { once: true },
    );
  }
  return client;
}

/** Tells open searches that the index took in changes, so they can ask again. */
export function announceIndexed(): void {
  for (const listener of indexedListeners) listener();
}

export function onIndexed(listener: () => void): () => void {
  indexedListeners.add(listener);
  return () => indexedListeners.delete(listener);
}
