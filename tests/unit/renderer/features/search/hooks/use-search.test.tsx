import { act, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import {
  SEARCH_DEBOUNCE_MS,
  useSearch,
  type SearchState,
} from '@renderer/features/search/hooks/use-search';
import { createSearchDb } from '@search-engine/idb/index-db';
import type { SearchDb } from '@search-engine/idb/search-db-versions';
import { SearchService } from '@renderer/search/search-service';
import { inProcessClient } from '../../../search/helpers';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

const NOW = Date.UTC(2025, 0, 15);

function stored(id: string, title: string, text: string): Article {
  return {
    id: `f1|${id}`,
    feedId: 'f1',
    guid: id,
    title,
    authors: [],
    publishedAt: NOW,
    fetchedAt: NOW,
    contentHtml: `<p>${text}</p>`,
    images: [],
    categories: [],
    unread: 1,
    tags: [],
    offline: 'complete',
  };
}

let app: BroadsheetDb;
let index: SearchDb;
let service: SearchService;
let container: HTMLDivElement;
let root: Root;
let search: SearchState;

function Probe({
  client,
  onState,
}: {
  client: Parameters<typeof useSearch>[0];
  onState: (state: SearchState) => void;
}) {
  const state = useSearch(client);
  useEffect(() => onState(state));
  return null;
}

beforeEach(async () => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const suffix = Math.random().toString(36).slice(2);
  app = createDb(`use-search-app-${suffix}`);
  index = createSearchDb(`use-search-index-${suffix}`);
  await app.feeds.put({
    id: 'f1',
    url: 'https://news.example/feed',
    title: 'News',
    createdAt: NOW,
  });
  await app.articles.bulkPut([
    stored('a', 'Japan votes', 'Voters in Japan went to the polls on Sunday.'),
    stored('b', 'Harbour budget', 'The council approved the harbour budget.'),
  ]);
  service = await SearchService.open({ appDb: app, searchDb: index, checkDelayMs: 0 });
  await service.ready;
  const client = inProcessClient(service);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root.render(
      <Probe
        client={() => client}
        onState={(state) => {
          search = state;
        }}
      />,
    ),
  );
});

afterEach(async () => {
  act(() => root.unmount());
  container.remove();
  service.close();
  app.close();
  index.close();
  await app.delete();
  await index.delete();
});

/** Until the hook holds an answer for `query` and nothing is on its way. */
async function answered(query: string): Promise<string[]> {
  for (let tries = 0; tries < 200; tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    if (search.answer?.query === query && !search.pending) {
      return search.answer.results.map((result) => result.articleId);
    }
  }
  throw new Error(`no answer for ${query}`);
}

describe('useSearch', () => {
  it('shows on Enter at least what typing showed: "Jap" still finds Japan', async () => {
    act(() => search.setQuery('Jap'));
    await act(() => new Promise((resolve) => setTimeout(resolve, SEARCH_DEBOUNCE_MS + 20)));
    expect(await answered('Jap')).toEqual(['f1|a']);
    act(() => search.submit());
    expect(await answered('Jap')).toEqual(['f1|a']);
    expect(search.answer?.total).toBe(1);
  });

  it('Enter before the pause is over asks at once, the same as typing would', async () => {
    act(() => search.setQuery('harb'));
    act(() => search.submit());
    expect(await answered('harb')).toEqual(['f1|b']);
  });
});
