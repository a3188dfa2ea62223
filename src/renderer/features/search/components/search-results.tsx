import { useEffect, useId, useRef } from 'react';
import { relativeTime } from '../../../lib/format';
import type { IndexState } from '../hooks/use-index-status';
import type { SearchResultRow, SearchState } from '../hooks/use-search';
import { Highlighted } from './highlighted';
import { IndexProgressLine } from './index-progress';
import './search.css';

interface Props {
  search: SearchState;
  index: IndexState;
  selectedId: string | undefined;
  onOpen: (id: string) => void;
}

function countText(search: SearchState, updating: boolean): string {
  const answer = search.answer;
  if (search.error) return 'Search failed';
  if (!answer) return 'Searching…';
  if (answer.total === 0) return updating ? 'No results yet' : 'No results';
  const n = answer.total.toLocaleString();
  const about = answer.totalExact ? '' : 'About ';
  return `${about}${n} ${answer.total === 1 ? 'result' : 'results'}`;
}

/** The list pane while a query is in the box: ranked results, notes, order, and index state. */
export function SearchResults({ search, index, selectedId, onOpen }: Props) {
  const id = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const { answer, rows } = search;

  // j/k move the selection through the results: keep it in view, and fetch more at the end.
  useEffect(() => {
    if (!selectedId) return;
    const row = scrollerRef.current?.querySelector<HTMLElement>(
      `[data-article-id="${CSS.escape(selectedId)}"]`,
    );
    row?.scrollIntoView({ block: 'nearest' });
    if (rows.at(-1)?.articleId === selectedId) search.loadMore();
  }, [selectedId, rows, search]);

  // A new query or order starts at the top.
  const answerKey = answer ? `${answer.query}|${answer.sort}` : '';
  useEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [answerKey]);

  return (
    <section className="list-pane search-pane" aria-labelledby={`${id}-heading`}>
      <div className="article-list-header">
        <h2 id={`${id}-heading`} className="pane-heading">
          Search results
        </h2>
        <div className="article-list-controls">
          <div className="search-sort" role="group" aria-label="Sort results">
            {(['relevance', 'date'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                className="article-list-toggle"
                aria-pressed={search.sort === mode}
                onClick={() => search.setSort(mode)}
              >
                {mode === 'relevance' ? 'Relevance' : 'Date'}
              </button>
            ))}
          </div>
          <span className="article-list-count" role="status">
            {countText(search, index.updating)}
          </span>
        </div>
        {answer && answer.notes.length > 0 && (
          <ul className="search-notes" aria-label="About this search">
            {answer.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        {index.updating && <IndexProgressLine index={index} />}
      </div>
      <div className="article-list-scroller" ref={scrollerRef}>
        {search.error && (
          <p className="empty form-error" role="alert">
            The search could not run: {search.error}
          </p>
        )}
        {answer && answer.total === 0 && !search.error && (
          <p className="empty">
            {index.updating
              ? 'The search index is still being brought up to date; results appear as it catches up.'
              : 'No articles match. Try fewer words, or check the spelling.'}
          </p>
        )}
        <ul className="article-list search-results" aria-label="Search results">
          {rows.map((row, i) => (
            <li key={row.articleId} aria-setsize={answer?.total} aria-posinset={i + 1}>
              <ResultRow row={row} selected={row.articleId === selectedId} onOpen={onOpen} />
            </li>
          ))}
        </ul>
        {search.hasMore && (
          <div className="search-more">
            <button
              type="button"
              className="button"
              disabled={search.pending}
              onClick={search.loadMore}
            >
              Show more results
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function ResultRow({
  row,
  selected,
  onOpen,
}: {
  row: SearchResultRow;
  selected: boolean;
  onOpen: (id: string) => void;
}) {
  const { article } = row;
  return (
    <button
      type="button"
      className="article-row search-row"
      aria-current={selected ? 'true' : undefined}
      data-unread={article.unread === 1 || undefined}
      data-article-id={article.id}
      onClick={() => onOpen(article.id)}
    >
      <span className="article-row-title" lang={row.lang} dir="auto">
        {row.title.length ? <Highlighted segments={row.title} /> : article.title}
      </span>
      <span className="article-row-meta">
        {row.feedTitle ?? (article.feedId === 'saved' ? 'Saved' : '')} ·{' '}
        <time dateTime={new Date(article.publishedAt).toISOString()}>
          {relativeTime(article.publishedAt)}
        </time>
        {article.bookmarkedAt !== undefined && ' · ★ Bookmarked'}
      </span>
      {row.snippet.length > 0 && (
        <span className="article-row-excerpt search-snippet" lang={row.lang} dir="auto">
          <Highlighted segments={row.snippet} />
        </span>
      )}
    </button>
  );
}
