import './highlights-view.css';
import { useT } from '../../../i18n/use-t';
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
  const t = useT();
  const entries = useAllHighlights();
  return (
    <section className="list-pane highlights-pane" aria-labelledby="highlights-heading">
      <div className="article-list-header">
        <div className="article-list-title">
          <h2 id="highlights-heading" className="pane-heading">
            {t('highlights.view.heading')}
          </h2>
          <span className="article-list-count" role="status">
            {entries ? t('highlights.view.count', { count: entries.length }) : ''}
          </span>
        </div>
      </div>
      <div className="article-list-scroller">
        {entries?.length === 0 && <p className="empty">{t('highlights.view.empty')}</p>}
        <ul className="article-list highlights-list" aria-label={t('highlights.view.listLabel')}>
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
                  {t('highlights.view.quote', { quote: highlight.quote })}
                </span>
                {highlight.note && <span className="highlight-row-note">{highlight.note}</span>}
                <span className="article-row-meta">
                  {t('highlights.view.meta', {
                    article: article ? article.title : t('highlights.view.articleGone'),
                    when: t.fullDate(highlight.createdAt),
                  })}
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
  const t = useT();
  const any = useHighlightsExist();
  if (!any && !current) return null;
  return (
    <ul className="source-list" aria-label={t('highlights.nav.label')}>
      <li>
        <button
          type="button"
          className="source"
          aria-current={current ? 'true' : undefined}
          onClick={onSelect}
        >
          <span className="source-title">{t('highlights.nav.button')}</span>
        </button>
      </li>
    </ul>
  );
}
