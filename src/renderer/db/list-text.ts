import { textExcerpt } from '../lib/format';
import type { Article } from './entities';

/** What the article list shows under a title; see `Article.listText`. */
export function listTextOf(article: Pick<Article, 'summary' | 'contentHtml'>): string {
  return textExcerpt(article.summary ?? article.contentHtml);
}

/** The stored excerpt, made again only when the HTML it comes from changed. */
export function keepOrMakeListText(
  next: Pick<Article, 'summary' | 'contentHtml'>,
  previous: Pick<Article, 'summary' | 'contentHtml' | 'listText'> | undefined,
): string {
  const same =
    previous?.listText !== undefined &&
    previous.summary === next.summary &&
    previous.contentHtml === next.contentHtml;
  return same ? previous.listText! : listTextOf(next);
}
