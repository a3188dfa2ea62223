import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Article } from '../../../db/entities';
import { feedLanguages, feedNames, getArticles } from '../../../db/queries';
import type { SearchResultItem } from '../../../search/protocol';
import type { SearchClient } from '../../../search/search-client';
import { translate } from '../../../i18n/current-locale';
import { errorText } from '../../../i18n/localized-error';
import { onIndexChanged, searchClient } from '../../../pipeline/search-connection';

export type SearchSort = 'relevance' | 'date';

/** Quiet time after a keystroke before the query is sent. */
export const SEARCH_DEBOUNCE_MS = 120;
/** Results per page; "Show more" adds another. */
export const RESULTS_PAGE = 50;
/** The worker answers at most this many per request. */
const MAX_PER_REQUEST = 200;

export interface SearchResultRow extends SearchResultItem {
  article: Article;
  feedTitle: string | undefined;
  /** The article's language, else its feed's: its title and snippet are in it. */
  lang: string | undefined;
}

export interface SearchAnswer {
  /** The query and order this answer is for. */
  query: string;
  sort: SearchSort;
  total: number;
  totalExact: boolean;
  notes: string[];
  results: SearchResultItem[];
}

export interface SearchState {
  /** What is in the box, as typed; never overwritten by an answer. */
  query: string;
  setQuery: (query: string) => void;
  sort: SearchSort;
  setSort: (sort: SearchSort) => void;
  /** Whether the list pane shows results (there is a query). */
  active: boolean;
  answer: SearchAnswer | undefined;
  /** Results with their stored article (for source, date, and the keyboard shortcuts). */
  rows: SearchResultRow[];
  /** A request for the current query is under way. */
  pending: boolean;
  error: string | undefined;
  hasMore: boolean;
  loadMore: () => void;
  /** Searches now what typing would search after its pause (Enter). */
  submit: () => void;
  clear: () => void;
  /** Runs a saved search: its query and its order. */
  run: (query: string, sort: SearchSort) => void;
}

interface Request {
  query: string;
  sort: SearchSort;
  prefixLast: boolean;
}

/**
 * What the box asks for: the last word is still being typed, so it is a prefix, until a space
 * follows it. Enter asks for exactly this too. It once asked for the last word as a whole word,
 * which often finds less than its prefix ("Jap" begins "Japan" but is no word of its own): the
 * match shown while typing vanished on Enter, behind "No results".
 */
function boxRequest(query: string, sort: SearchSort): Request | undefined {
  const trimmed = query.trim();
  return trimmed ? { query: trimmed, sort, prefixLast: !/\s$/.test(query) } : undefined;
}

const sameRequest = (a: Request | undefined, b: Request): boolean =>
  a?.query === b.query && a.sort === b.sort && a.prefixLast === b.prefixLast;

/**
 * Search as you type. The box is driven by local state alone, so a slow answer can never undo a
 * keystroke; queries go out after a short pause, and an answer to anything but the newest
 * request is dropped (the client marks it stale, and a local number double-checks).
 */
export function useSearch(client: () => SearchClient = searchClient): SearchState {
  const [query, setQueryState] = useState('');
  const [sort, setSortState] = useState<SearchSort>('relevance');
  const [answer, setAnswer] = useState<SearchAnswer>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const latest = useRef(0);
  const answerRef = useRef<SearchAnswer>(undefined);
  const requestRef = useRef<Request>(undefined);
  useEffect(() => {
    answerRef.current = answer;
  });

  const send = useCallback(
    async (next: Request, mode: 'replace' | 'append' | 'refresh'): Promise<void> => {
      const current = answerRef.current;
      const loaded = current?.results.length ?? 0;
      const offset = mode === 'append' ? loaded : 0;
      const limit =
        mode === 'refresh'
          ? Math.min(Math.max(loaded, RESULTS_PAGE), MAX_PER_REQUEST)
          : RESULTS_PAGE;
      const id = ++latest.current;
      setPending(true);
      try {
        const response = await client().search(next.query, {
          sort: next.sort,
          prefixLast: next.prefixLast,
          limit,
          offset,
        });
        if (response.stale || id !== latest.current) return;
        const results =
          mode === 'append' && current
            ? [...current.results, ...response.results]
            : response.results;
        setAnswer({
          query: next.query,
          sort: next.sort,
          total: response.total,
          totalExact: response.totalExact,
          notes: response.notes,
          results,
        });
        setError(undefined);
      } catch (failure) {
        if (id !== latest.current) return;
        setError(errorText(failure, translate));
      } finally {
        if (id === latest.current) setPending(false);
      }
    },
    [client],
  );

  const ask = useCallback(
    (next: Request) => {
      requestRef.current = next;
      void send(next, 'replace');
    },
    [send],
  );

  // Typing: wait for a pause, then ask.
  useEffect(() => {
    const next = boxRequest(query, sort);
    if (!next) return;
    const timer = setTimeout(() => {
      const previous = requestRef.current;
      // Already asked (Enter), or asked as whole words (a saved search): not again.
      if (sameRequest(previous, next)) return;
      if (previous?.query === next.query && previous.sort === sort && !previous.prefixLast) return;
      ask(next);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, sort, ask]);

  // The index changed (an article arrived, was read or bookmarked, a repair finished): ask again
  // so the results say what is stored now.
  useEffect(() => {
    const again = () => {
      const current = requestRef.current;
      if (current) void send(current, 'refresh');
    };
    return onIndexChanged(again);
  }, [send]);

  const ids = useMemo(() => answer?.results.map((item) => item.articleId) ?? [], [answer]);
  const stored = useLiveQuery(async () => {
    const [articles, names, languages] = await Promise.all([
      getArticles(ids),
      feedNames(),
      feedLanguages(),
    ]);
    return {
      articles: new Map(articles.map((article) => [article.id, article])),
      names,
      languages,
    };
  }, [ids]);
  const rows = useMemo(() => {
    if (!answer || !stored) return [];
    const out: SearchResultRow[] = [];
    for (const item of answer.results) {
      const article = stored.articles.get(item.articleId);
      // Deleted since the search ran; the next answer will not have it either.
      if (!article) continue;
      out.push({
        ...item,
        article,
        feedTitle: stored.names.get(article.feedId),
        lang: article.lang ?? stored.languages.get(article.feedId),
      });
    }
    return out;
  }, [answer, stored]);

  const setQuery = useCallback((next: string) => {
    setQueryState(next);
    if (next.trim()) return;
    // An empty box shows the list again; whatever is still on its way is dropped.
    latest.current += 1;
    requestRef.current = undefined;
    setAnswer(undefined);
    setPending(false);
    setError(undefined);
  }, []);
  const setSort = useCallback((next: SearchSort) => setSortState(next), []);
  const clear = useCallback(() => setQuery(''), [setQuery]);
  const submit = useCallback(() => {
    const next = boxRequest(query, sort);
    // What typing already asked for stays on screen: asking again would only reshuffle it.
    if (next && !sameRequest(requestRef.current, next)) ask(next);
  }, [query, sort, ask]);
  const run = useCallback(
    (nextQuery: string, nextSort: SearchSort) => {
      setQueryState(nextQuery);
      setSortState(nextSort);
      if (nextQuery.trim()) ask({ query: nextQuery.trim(), sort: nextSort, prefixLast: false });
    },
    [ask],
  );
  const hasMore = answer !== undefined && answer.results.length < answer.total;
  const loadMore = useCallback(() => {
    const current = requestRef.current;
    if (current && hasMore && !pending) void send(current, 'append');
  }, [hasMore, pending, send]);

  return {
    query,
    setQuery,
    sort,
    setSort,
    active: query.trim() !== '',
    answer,
    rows,
    pending,
    error,
    hasMore,
    loadMore,
    submit,
    clear,
    run,
  };
}
