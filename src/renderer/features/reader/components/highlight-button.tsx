import type { ArticleHighlights } from '../hooks/use-highlights';

/**
 * "Highlight" in the reader's toolbar (and `h`): marks the text selected in the article. The
 * mousedown is prevented so pressing the button never takes the selection away first.
 */
export function HighlightButton({ highlights }: { highlights: ArticleHighlights }) {
  return (
    <button
      type="button"
      className="button"
      data-action="highlight"
      disabled={!highlights.canHighlight}
      title="Select text in the article, then press Highlight (h)"
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => void highlights.highlightSelection()}
    >
      Highlight
    </button>
  );
}
