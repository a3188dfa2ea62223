import type { IndexDocument } from '../../../../src/renderer/search/core/document';
import {
  SearchEngine,
  type EngineOptions,
  type SearchRequest,
} from '../../../../src/renderer/search/core/engine';
import { MemoryStorage } from '../../../../src/renderer/search/core/memory-storage';
import type { WorkerMessage } from '../../../../src/renderer/search/protocol';
import { SearchClient, type WorkerLike } from '../../../../src/renderer/search/search-client';
import type { SearchService } from '../../../../src/renderer/search/search-service';

export const NOW = Date.UTC(2025, 0, 15);
export const DAY = 86_400_000;

export function article(
  id: string,
  fields: Partial<IndexDocument> & { body?: string } = {},
): IndexDocument {
  const { body, ...rest } = fields;
  return {
    id,
    feedId: 'feed-1',
    title: id,
    authors: [],
    publishedAt: NOW - DAY,
    contentHtml: body === undefined ? undefined : `<p>${body}</p>`,
    tags: [],
    unread: 1,
    fetchedAt: NOW - DAY,
    ...rest,
  };
}

export async function engineWith(
  articles: IndexDocument[],
  options: EngineOptions = {},
  storage = new MemoryStorage(),
) {
  const engine = await SearchEngine.open(storage, options);
  if (articles.length) await engine.upsert(articles);
  const byId = new Map(articles.map((a) => [a.id, a]));
  const search = async (query: string, extra: Partial<SearchRequest> = {}) => {
    const result = await engine.search(
      { query, now: NOW, ...extra },
      {
        feedTitles: new Map([
          ['feed-1', 'The Guardian World'],
          ['feed-2', 'Japan Times'],
        ]),
      },
    );
    return { ...result, ids: result.hits.map((hit) => hit.articleId) };
  };
  const put = async (list: IndexDocument[]) => {
    for (const a of list) byId.set(a.id, a);
    return engine.upsert(list);
  };
  return { engine, storage, search, put, byId };
}

/** The real service behind a client, in-process: only postMessage is stood in for. */
export function inProcessClient(service: SearchService): SearchClient {
  const listeners = new Set<(event: MessageEvent<WorkerMessage>) => void>();
  const worker: WorkerLike = {
    postMessage: (request) => {
      void service.handle(request).then((response) => {
        for (const listener of listeners)
          listener({ data: response } as MessageEvent<WorkerMessage>);
      });
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    terminate: () => undefined,
  };
  return new SearchClient(worker);
}
