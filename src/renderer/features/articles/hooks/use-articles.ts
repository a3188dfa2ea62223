import { useLiveQuery } from 'dexie-react-hooks';
import type { Article, Feed } from '../../../db/entities';
import { listArticles, listFeeds, type ArticleSource } from '../../../db/queries';

export function useArticles(source: ArticleSource): Article[] | undefined {
  const key = source.kind === 'feed' ? source.feedId : '';
  return useLiveQuery(() => listArticles(source), [source.kind, key]);
}

export function useFeedTitles(): Map<string, string> {
  const feeds = useLiveQuery(() => listFeeds(), []);
  return new Map((feeds ?? []).map((feed: Feed) => [feed.id, feed.customTitle ?? feed.title]));
}
