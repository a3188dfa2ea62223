import { useMemo } from 'react';
import { fullDate } from '../../../lib/format';
import { sanitizeForDisplay } from '../../../lib/sanitize-html';
import { toggleBookmark, useArticle, useFeed, useMarkReadOnOpen } from '../hooks/use-article';

export function ReaderPane({ articleId }: { articleId?: string }) {
  const article = useArticle(articleId);
  const feed = useFeed(article?.feedId);
  useMarkReadOnOpen(article);
  const html = useMemo(
    () => sanitizeForDisplay(article?.contentHtml ?? article?.summary ?? ''),
    [article?.contentHtml, article?.summary],
  );

  if (!articleId || article === undefined) {
    return (
      <section className="reader-pane reader-empty" aria-label="Reader">
        <p>
          {articleId ? 'This article is no longer stored.' : 'Choose an article to read it here.'}
        </p>
      </section>
    );
  }
  if (article === null)
    return <section className="reader-pane" aria-label="Reader" aria-busy="true" />;

  return (
    <section className="reader-pane" aria-label="Reader">
      <article className="reader" lang={feed?.language}>
        <header className="reader-header">
          <p className="reader-source">{feed?.customTitle ?? feed?.title}</p>
          <h1>{article.title}</h1>
          <p className="reader-meta">
            {article.authors.length > 0 && <span>By {article.authors.join(', ')} · </span>}
            <time dateTime={new Date(article.publishedAt).toISOString()}>
              {fullDate(article.publishedAt)}
            </time>
          </p>
          <div className="reader-actions">
            <button
              type="button"
              className="button"
              aria-pressed={article.bookmarkedAt !== undefined}
              onClick={() => toggleBookmark(article)}
            >
              <span aria-hidden="true">{article.bookmarkedAt !== undefined ? '★' : '☆'}</span>{' '}
              Bookmark
            </button>
            {article.url && (
              <a className="button" href={article.url} target="_blank" rel="noopener noreferrer">
                Open original
              </a>
            )}
          </div>
        </header>
        <div className="reader-content" dangerouslySetInnerHTML={{ __html: html }} />
      </article>
    </section>
  );
}
