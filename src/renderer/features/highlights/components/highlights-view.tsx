import './highlights-view.css';
import { fullDate } from '../../../lib/format';
import { requestHighlightFocus } from '../../../lib/highlights/focus-request';
import {
  useAllHighlights,
  useHasHighlights as useHighlightsExist,
} from '../hooks/use-all-highlights';

/**
 * The "Highlights" view in the list pane: every highlight across articles, newest first, with
 * its note and article. Opening one opens its article scrolled to the passage.
 */
export function HighlightsView({
  selectedId,
  onOpen,
}: {
  selectedId?: string;
  onOpen: (articleId: string) => void;
}) {
  const entries = useAllHighlights();
  return (
    <section className="list-pane highlights-pane" aria-labelledby="highlights-heading">
      <div className="article-list-header">
        <div className="article-list-title">
          <h2 id="highlights-heading" className="pane-heading">
            Highlights
          </h2>
          <span className="article-list-count" role="status">
            {entries
              ? `${entries.length} ${entries.length === 1 ? 'highlight' : 'highlights'}`
              : ''}
          </span>
        </div>
      </div>
      <div className="article-list-scroller">
        {entries?.length === 0 && (
          <p className="empty">Select text in an article and press Highlight (or h) to keep it.</p>
        )}
        <ul className="article-list highlights-list" aria-label="All highlights">
          {entries?.map(({ highlight, article }) => (
            <li key={highlight.id}>
              <button
                type="button"
                className="article-row highlight-row"
                aria-current={article && article.id === selectedId ? 'true' : undefined}
                disabled={!article}
                onClick={() => {
                  requestHighlightFocus(highlight.articleId, highlight.id);
                  onOpen(highlight.articleId);
                }}
              >
                <span className="article-row-title highlight-row-quote" dir="auto">
                  “{highlight.quote}”
                </span>
                {highlight.note && <span className="highlight-row-note">{highlight.note}</span>}
                <span className="article-row-meta">
                  {article ? article.title : 'This article is no longer stored.'} ·{' '}
                  {fullDate(highlight.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/** The sidebar's "Highlights" entry, shown once a highlight exists. */
export function HighlightsNavButton({
  current,
  onSelect,
}: {
  current: boolean;
  onSelect: () => void;
}) {
  const any = useHighlightsExist();
  if (!any && !current) return null;
  return (
    <ul className="source-list" aria-label="Highlights">
      <li>
        <button
          type="button"
          className="source"
          aria-current={current ? 'true' : undefined}
          onClick={onSelect}
        >
          <span className="source-title">Highlights</span>
        </button>
      </li>
    </ul>
  );
}
