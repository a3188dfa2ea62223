import { SMART_VIEWS, type ArticleSource } from '../../../db/queries';
import { relativeTime, textExcerpt } from '../../../lib/format';
import type { Article } from '../../../db/entities';
import { useFeedTitles } from '../hooks/use-articles';

interface Props {
  source: ArticleSource;
  articles: Article[] | undefined;
  selectedId?: string;
  onOpen: (id: string) => void;
}

export function ArticleList({ source, articles, selectedId, onOpen }: Props) {
  const feedTitles = useFeedTitles();
  return (
    <section className="list-pane" aria-labelledby="article-list-heading">
      <h2 id="article-list-heading" className="pane-heading">
        {source.kind === 'feed'
          ? (feedTitles.get(source.feedId) ?? 'Feed')
          : SMART_VIEWS.find((view) => view.kind === source.kind)?.label}
      </h2>
      {articles && articles.length === 0 && (
        <p className="empty">
          {source.kind === 'saved'
            ? 'Nothing saved yet. Use “Save URL” for any web page, or “Import” a text, Markdown or HTML file.'
            : 'No articles here yet. Subscribe to a feed to fill this list.'}
        </p>
      )}
      <ul className="article-list" aria-label="Articles">
        {articles?.map((article) => (
          <li key={article.id}>
            <button
              type="button"
              className="article-row"
              aria-current={article.id === selectedId ? 'true' : undefined}
              data-unread={article.unread === 1 || undefined}
              data-article-id={article.id}
              onClick={() => onOpen(article.id)}
            >
              <span className="article-row-title">{article.title}</span>
              <span className="article-row-meta">
                {feedTitles.get(article.feedId)} · {relativeTime(article.publishedAt)}
                {article.bookmarkedAt !== undefined && ' · ★ Bookmarked'}
                {article.offline === 'complete' && ' · Offline'}
              </span>
              <span className="article-row-excerpt">
                {textExcerpt(article.summary ?? article.contentHtml)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
