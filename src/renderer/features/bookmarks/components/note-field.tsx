import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Article } from '../../../db/entities';
import { MAX_NOTE_LENGTH } from '../../../lib/bookmarks/bookmark-record';
import { useT } from '../../../i18n/use-t';
import { setNote } from '../hooks/use-tags';

/** How long typing may pause before the note is written. */
const SAVE_DELAY_MS = 600;

/**
 * The bookmark's note, saved while typing (after a pause), on leaving the field, and when the
 * reader moves on to another article. Mount it with `key={article.id}`.
 */
export function NoteField({ article }: { article: Article }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(article.note ?? '');
  const [saved, setSaved] = useState(true);
  const latest = useRef(text);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const articleId = article.id;

  const flush = useCallback(() => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    void setNote(articleId, latest.current).then(() => setSaved(true));
  }, [articleId]);

  useEffect(() => flush, [flush]);

  return (
    <div className="note-field">
      <label htmlFor={`${id}-note`}>{t('bookmarks.note.label')}</label>
      <textarea
        id={`${id}-note`}
        value={text}
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        maxLength={MAX_NOTE_LENGTH}
        placeholder={t('bookmarks.note.placeholder')}
        aria-describedby={`${id}-note-state`}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          setSaved(false);
          latest.current = value;
          clearTimeout(timer.current);
          timer.current = setTimeout(flush, SAVE_DELAY_MS);
        }}
        onBlur={flush}
      />
      <span id={`${id}-note-state`} className="note-state" aria-live="polite">
        {saved ? (text.trim() ? t('bookmarks.note.saved') : '') : t('bookmarks.note.saving')}
      </span>
    </div>
  );
}
