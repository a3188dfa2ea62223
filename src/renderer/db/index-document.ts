import type { IndexDocument } from '../../search-engine/core/document';
import type { Article, Feed } from './entities';

/**
 * An article as the search engine reads it: its feed's title (searched with the metadata, and
 * what `feed:` names) and its language, the feed's when the article has none. One conversion for
 * the search index (search/article-source.ts) and the rules (rules-repository.ts), so a rule and
 * a search see the same document.
 */
export function toIndexDocument(article: Article, feed: Feed | undefined): IndexDocument {
  return {
    ...article,
    feedTitle: feed ? feedTitle(feed) : undefined,
    lang: article.lang ?? feed?.language,
  };
}

/** The title a feed is shown and searched by. */
export function feedTitle(feed: Feed): string {
  return feed.customTitle ?? feed.title;
}
