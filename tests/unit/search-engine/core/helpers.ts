import type { IndexDocument } from '@search-engine/core/document';
import { SearchEngine, type EngineOptions, type SearchRequest } from '@search-engine/core/engine';
import { MemoryStorage } from '@search-engine/core/memory-storage';

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
