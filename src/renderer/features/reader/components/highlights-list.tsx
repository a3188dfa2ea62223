import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Highlight } from '../../../db/entities';
import { MAX_NOTE_LENGTH } from '../../../lib/bookmarks/bookmark-record';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import {
  removeHighlight,
  saveHighlightNote,
  type ArticleHighlights,
} from '../hooks/use-highlights';

const SAVE_DELAY_MS = 600;

/**
 * The article's highlights under its text, each with its note and a Delete button. A highlight
 * whose passage is no longer in the article (a refresh rewrote it) stays listed, with its note,
 * saying so: it is never silently dropped.
 */
export function HighlightsList({ highlights }: { highlights: ArticleHighlights }) {
  const t = useT();
  if (highlights.highlights.length === 0 && !highlights.error) return null;
  return (
    <section className="reader-highlights" aria-label={t('highlights.reader.label')}>
      {highlights.error !== undefined && (
        <p className="reader-note" role="alert">
          {errorText(highlights.error, t)}
        </p>
      )}
      {highlights.highlights.length > 0 && <h2>{t('highlights.reader.heading')}</h2>}
      <ul>
        {highlights.highlights.map((highlight) => (
          <HighlightItem
            key={highlight.id}
            highlight={highlight}
            orphaned={highlights.orphaned.has(highlight.id)}
          />
        ))}
      </ul>
    </section>
  );
}

function HighlightItem({ highlight, orphaned }: { highlight: Highlight; orphaned: boolean }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(highlight.note ?? '');
  const [saved, setSaved] = useState(true);
  const latest = useRef(text);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const highlightId = highlight.id;

  const flush = useCallback(() => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    void saveHighlightNote(highlightId, latest.current).then(() => setSaved(true));
  }, [highlightId]);
  useEffect(() => flush, [flush]);

  return (
    <li className="reader-highlight" data-highlight-id={highlight.id} data-orphaned={orphaned}>
      <blockquote dir="auto">{highlight.quote}</blockquote>
      {orphaned && <p className="reader-highlight-orphaned">{t('highlights.reader.orphaned')}</p>}
      <label htmlFor={`${id}-note`}>{t('highlights.reader.noteLabel')}</label>
      <textarea
        id={`${id}-note`}
        value={text}
        rows={Math.min(6, Math.max(1, text.split('\n').length))}
        maxLength={MAX_NOTE_LENGTH}
        aria-describedby={`${id}-state`}
        onChange={(event) => {
          setText(event.target.value);
          setSaved(false);
          latest.current = event.target.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, SAVE_DELAY_MS);
        }}
        onBlur={flush}
      />
      <span id={`${id}-state`} className="note-state" aria-live="polite">
        {saved ? '' : t('highlights.reader.saving')}
      </span>
      <button
        type="button"
        className="button"
        aria-label={t('highlights.reader.deleteLabel', { quote: highlight.quote.slice(0, 40) })}
        onClick={() => void removeHighlight(highlight.id)}
      >
        {t('highlights.reader.delete')}
      </button>
    </li>
  );
}
