import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useSyncExternalStore } from 'react';
import { SAVED_FEED_ID, type Article, type Feed } from '../../../db/entities';
import {
  DEFAULT_LIST_OPTIONS,
  countArticles,
  listArticles,
  listFeeds,
  type ArticleSource,
  type ListOptions,
} from '../../../db/queries';
import { getSetting, patchSetting } from '../../../db/settings-repository';
import { useT } from '../../../i18n/use-t';
import { hasListPainted, onListPainted } from '../../../lib/list-painted';

/**
 * Rows read for a view's first paint: a tall window shows about twenty, so a hundred fills it
 * with room for j/k, and keeps the first query short on a cold start.
 */
export const FIRST_PAGE = 100;
/** Rows added per step as the list scrolls toward the end of what is loaded. */
export const LIST_PAGE = 300;

export function sourceKey(source: ArticleSource): string {
  if (source.kind === 'feed') return `feed:${source.feedId}`;
  return source.kind === 'tag' ? `tag:${source.tag}` : source.kind;
}

/**
 * How many rows of which view are loaded. It lives outside React so the shell's `useArticles`
 * (which the keyboard shortcuts share) and the list, which asks for more while scrolling, agree
 * without the shell passing a callback down; a view switch starts again at one page.
 */
let paging = { key: '', limit: FIRST_PAGE };
const pagingListeners = new Set<() => void>();

function subscribePaging(listener: () => void): () => void {
  pagingListeners.add(listener);
  return () => pagingListeners.delete(listener);
}

function limitFor(key: string): number {
  return paging.key === key ? paging.limit : FIRST_PAGE;
}

/** Asks for the next page of a view once `loaded` rows are on hand. */
export function loadMoreArticles(source: ArticleSource, loaded: number): void {
  const key = sourceKey(source);
  const limit = limitFor(key);
  if (loaded < limit) return;
  paging = { key, limit: limit + LIST_PAGE };
  for (const listener of pagingListeners) listener();
}

export function useArticles(source: ArticleSource): Article[] | undefined {
  const key = sourceKey(source);
  const limit = useSyncExternalStore(subscribePaging, () => limitFor(key));
  return useLiveQuery(async () => {
    const options = await getSetting('articleList');
    return listArticles(source, { order: options.order, unreadOnly: options.unreadOnly, limit });
  }, [key, limit]);
}

/**
 * The whole view's size, for `aria-setsize` and the virtual scroll height. On a cold start it
 * is counted only after the first rows have painted: counting a large view walks its whole
 * index range, and the first page should not wait behind it.
 */
export function useArticleCount(source: ArticleSource): number | undefined {
  const key = sourceKey(source);
  const painted = useSyncExternalStore(onListPainted, hasListPainted);
  return useLiveQuery(async () => {
    if (!painted) return undefined;
    const options = await getSetting('articleList');
    return countArticles(source, options);
  }, [key, painted]);
}

/** The list's order and filter, and a change applied to what is stored, never to a stale copy. */
export function useListOptions(): [
  ListOptions,
  (change: (current: ListOptions) => Partial<ListOptions>) => void,
] {
  const options = useLiveQuery(() => getSetting('articleList'), []) ?? DEFAULT_LIST_OPTIONS;
  return [options, (change) => void patchSetting('articleList', change)];
}

export function useFeedTitles(): Map<string, string> {
  const t = useT();
  const feeds = useLiveQuery(() => listFeeds(), []);
  // Stable between feed changes (and languages), so memoized list rows do not repaint on every
  // list update.
  return useMemo(
    () =>
      new Map([
        [SAVED_FEED_ID, t('articles.source.saved')],
        ...(feeds ?? []).map((feed: Feed): [string, string] => [
          feed.id,
          feed.customTitle ?? feed.title,
        ]),
      ]),
    [feeds, t],
  );
}

/** Each feed's declared language, for the rows of articles that do not say their own. */
export function useFeedLanguages(): Map<string, string> {
  const feeds = useLiveQuery(() => listFeeds(), []);
  return useMemo(
    () =>
      new Map(
        (feeds ?? []).flatMap((feed: Feed): [string, string][] =>
          feed.language ? [[feed.id, feed.language]] : [],
        ),
      ),
    [feeds],
  );
}
