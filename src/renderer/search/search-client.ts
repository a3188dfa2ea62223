/**
 * The renderer's side of the search worker: a promise per request, matched by id. Searches
 * are numbered in the order they were asked; an answer to an older search than the newest one
 * comes back with `stale: true`, so the search box can ignore it however the worker ordered
 * its replies.
 */
import type {
  SearchMethod,
  SearchMethods,
  SearchOptions,
  SearchResponse,
  WorkerError,
  WorkerEvent,
  WorkerMessage,
  WorkerRequest,
} from './protocol';
import { LocalizedError } from '../i18n/localized-error';

/** What the client needs of a Worker (tests pass an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void;
  removeEventListener(
    type: 'message',
    listener: (event: MessageEvent<WorkerMessage>) => void,
  ): void;
  terminate(): void;
}

export class SearchWorkerError extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
    this.name = 'SearchWorkerError';
  }
}

export function createSearchWorker(): WorkerLike {
  // The first IndexedDB request of a launch opens the origin's store, which takes a while
  // (docs/bench/2026-11-28-search-cold-start.md). Made here, that happens while the worker's
  // script loads instead of after it.
  void globalThis.indexedDB?.databases?.().catch(() => undefined);
  return new Worker(new URL('./search.worker.ts', import.meta.url), {
    type: 'module',
    name: 'search',
  }) as WorkerLike;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

export class SearchClient {
  private nextId = 1;
  private latestSearch = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: WorkerEvent) => void>();
  private readonly onMessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);

  constructor(private readonly worker: WorkerLike = createSearchWorker()) {
    worker.addEventListener('message', this.onMessage);
  }

  private receive(message: WorkerMessage): void {
    if ('event' in message) {
      for (const listener of this.listeners) listener(message);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value as never);
    else pending.reject(new SearchWorkerError(message.error));
  }

  call<M extends SearchMethod>(
    method: M,
    params: SearchMethods[M]['params'],
  ): Promise<SearchMethods[M]['result']> {
    const id = this.nextId++;
    if (method === 'search') this.latestSearch = id;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ id, method, params } as WorkerRequest);
    });
  }

  async search(query: string, options?: SearchOptions): Promise<SearchResponse> {
    const id = this.nextId;
    const response = await this.call('search', { query, options });
    return { ...response, stale: response.stale || id < this.latestSearch };
  }

  /** Index (or refresh) articles by id; the worker reads them from the app database. */
  index(ids: string[]) {
    return this.call('index', { ids });
  }

  remove(ids: string[]) {
    return this.call('remove', { ids });
  }

  rebuild() {
    return this.call('rebuild', {});
  }

  check(options: { deep?: boolean; repair?: boolean } = {}) {
    return this.call('check', options);
  }

  status() {
    return this.call('status', {});
  }

  /**
   * How many stored articles a rule written as `query` would match, and the first `limit` of
   * them, newest first.
   */
  preview(query: string, limit = 5) {
    return this.call('preview', { query, limit });
  }

  /** Worker events (ready, progress, changed); returns the unsubscribe function. */
  on(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.worker.removeEventListener('message', this.onMessage);
    this.worker.terminate();
    for (const pending of this.pending.values())
      pending.reject(new LocalizedError('searchService.error.stopped'));
    this.pending.clear();
  }
}
