import { useT } from '../i18n/use-t';

const NAMES = {
  sources: { label: 'app.back.toSources.label', text: 'app.back.toSources.text' },
  articles: { label: 'app.back.toArticles.label', text: 'app.back.toArticles.text' },
} as const;

/** A symbol, not a word: the same in every language (styles.css turns it round in RTL). */
const BACK_ARROW = '‹';

/** The way back up when only one pane fits: to the article list, or to the sources. */
export function BackButton({ to, onClick }: { to: 'sources' | 'articles'; onClick: () => void }) {
  const t = useT();
  const name = NAMES[to];
  return (
    <div className="pane-nav">
      <button
        type="button"
        className="button button-small pane-back"
        aria-label={t(name.label)}
        data-pane-back
        onClick={onClick}
      >
        <span aria-hidden="true" className="pane-back-arrow">
          {BACK_ARROW}
        </span>
        {t(name.text)}
      </button>
    </div>
  );
}
