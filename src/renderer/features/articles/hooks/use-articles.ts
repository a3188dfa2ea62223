import { useLiveQuery } from 'dexie-react-hooks';
import { SAVED_FEED_ID, type Article, type Feed } from '../../../db/entities';
import { listArticles, listFeeds, type ArticleSource } from '../../../db/queries';

export function useArticles(source: ArticleSource): Article[] | undefined {
  const key = source.kind === 'feed' ? source.feedId : source.kind;
  return useLiveQuery(() => listArticles(source), [source.kind, key]);
}

export function useFeedTitles(): Map<string, string> {
  const feeds = useLiveQuery(() => listFeeds(), []);
  return new Map([
    [SAVED_FEED_ID, 'Saved'],
    ...(feeds ?? []).map((feed: Feed): [string, string] => [
      feed.id,
      feed.customTitle ?? feed.title,
    ]),
  ]);
}
