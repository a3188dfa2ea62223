import type { IndexDocument } from '../../search-engine/core/document';
import type { Article, Feed, Highlight } from './entities';

/**
 * An article as the search engine reads it: its feed's title (searched with the metadata, and
 * what `feed:` names) and its language, the feed's when the article has none. One conversion for
 * the search index (search/article-source.ts) and the rules (rules-repository.ts), so a rule and
 * a search see the same document. Its highlights' passages and notes are searched with the
 * article's own note: the reader's words about it (highlights-repository.ts rewrites the
 * article row whenever they change, so the index re-reads it).
 */
export function toIndexDocument(
  article: Article,
  feed: Feed | undefined,
  highlights: readonly Highlight[] = [],
): IndexDocument {
  const notes = [article.note ?? '', ...highlights.flatMap((h) => [h.quote, h.note ?? ''])].filter(
    Boolean,
  );
  return {
    ...article,
    feedTitle: feed ? feedTitle(feed) : undefined,
    lang: article.lang ?? feed?.language,
    note: notes.length > 0 ? notes.join(' \n ') : undefined,
  };
}

/** The title a feed is shown and searched by. */
export function feedTitle(feed: Feed): string {
  return feed.customTitle ?? feed.title;
}
