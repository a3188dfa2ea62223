import { useEffect, useId, useRef } from 'react';
import { useT, type Translator } from '../../../i18n/use-t';
import { queryNoteText } from '../../../search/query-note-text';
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

function countText(search: SearchState, updating: boolean, t: Translator): string {
  const answer = search.answer;
  if (search.error) return t('search.results.failed');
  if (!answer) return t('search.results.searching');
  if (answer.total === 0) return updating ? t('search.results.noneYet') : t('search.results.none');
  const count = answer.total;
  return answer.totalExact
    ? t('search.results.count', { count })
    : t('search.results.countAbout', { count });
}

/** The list pane while a query is in the box: ranked results, notes, order, and index state. */
export function SearchResults({ search, index, selectedId, onOpen }: Props) {
  const t = useT();
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
          {t('search.results.heading')}
        </h2>
        <div className="article-list-controls">
          <div className="search-sort" role="group" aria-label={t('search.results.sort')}>
            {(['relevance', 'date'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                className="article-list-toggle"
                aria-pressed={search.sort === mode}
                onClick={() => search.setSort(mode)}
              >
                {mode === 'relevance'
                  ? t('search.results.byRelevance')
                  : t('search.results.byDate')}
              </button>
            ))}
          </div>
          <span className="article-list-count" role="status">
            {countText(search, index.updating, t)}
          </span>
        </div>
        {answer && answer.notes.length > 0 && (
          <ul className="search-notes" aria-label={t('search.results.notes')}>
            {answer.notes.map((note) => (
              <li key={note}>{queryNoteText(note, t)}</li>
            ))}
          </ul>
        )}
        {index.updating && <IndexProgressLine index={index} />}
      </div>
      <div className="article-list-scroller" ref={scrollerRef}>
        {search.error && (
          <p className="empty form-error" role="alert">
            {t('search.results.error', { reason: search.error })}
          </p>
        )}
        {answer && answer.total === 0 && !search.error && (
          <p className="empty">
            {index.updating ? t('search.results.emptyUpdating') : t('search.results.empty')}
          </p>
        )}
        <ul className="article-list search-results" aria-label={t('search.results.list')}>
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
              {t('search.results.more')}
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
  const t = useT();
  const { article } = row;
  const source = row.feedTitle ?? (article.feedId === 'saved' ? t('search.results.saved') : '');
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
        {t.rich(
          article.bookmarkedAt === undefined
            ? 'search.results.meta'
            : 'search.results.metaBookmarked',
          {
            source,
            when: t.relative(article.publishedAt),
            // A key: the message comes back as a list of parts.
            time: (chunks) => (
              <time key="time" dateTime={new Date(article.publishedAt).toISOString()}>
                {chunks}
              </time>
            ),
          },
        )}
      </span>
      {row.snippet.length > 0 && (
        <span className="article-row-excerpt search-snippet" lang={row.lang} dir="auto">
          <Highlighted segments={row.snippet} />
        </span>
      )}
    </button>
  );
}
