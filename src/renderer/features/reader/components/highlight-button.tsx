import { useT } from '../../../i18n/use-t';
import type { ArticleHighlights } from '../hooks/use-highlights';

/**
 * "Highlight" in the reader's toolbar (and `h`): marks the text selected in the article. The
 * mousedown is prevented so pressing the button never takes the selection away first.
 */
export function HighlightButton({ highlights }: { highlights: ArticleHighlights }) {
  const t = useT();
  return (
    <button
      type="button"
      className="button"
      data-action="highlight"
      disabled={!highlights.canHighlight}
      title={t('highlights.button.hint')}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => void highlights.highlightSelection()}
    >
      {t('highlights.button.label')}
    </button>
  );
}
