import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../../i18n/use-t';
import { useFindInArticle, useMarkSearchMatch } from '../hooks/use-find-in-article';
import './find-in-article.css';

/** A glyph, not a word: the button is named for screen readers. */
const CLOSE_GLYPH = '×';

interface Props {
  contentRef: RefObject<HTMLElement | null>;
  scrollerRef: RefObject<HTMLElement | null>;
  /** The content on show: new content is searched again. */
  html: string;
  /** The words of the search this article was opened from: their first match is marked. */
  searchTerms?: readonly string[];
}

/**
 * "Find" in the reader's toolbar (and Ctrl/Cmd+F, which presses it): a find bar kept at the
 * bottom of the reader pane as the article scrolls, with the count, Next and Previous.
 */
export function FindInArticle({ contentRef, scrollerRef, html, searchTerms }: Props) {
  const t = useT();
  const [host, setHost] = useState<HTMLElement | null>(null);
  const open = host !== null;
  const find = useFindInArticle(contentRef, scrollerRef, html, open);
  useMarkSearchMatch(contentRef, scrollerRef, html, searchTerms, open);
  const inputRef = useRef<HTMLInputElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (!open) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [open, focusTick]);

  const close = (): void => {
    setHost(null);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.shiftKey) find.previous();
      else find.next();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  };
  const status = !find.query.trim()
    ? ''
    : find.count === 0
      ? t('find.noMatches')
      : t('find.position', { current: find.current + 1, count: find.count });

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        data-shortcut="find"
        aria-expanded={open}
        aria-keyshortcuts="Control+F Meta+F"
        onClick={() => {
          setHost(scrollerRef.current);
          setFocusTick((tick) => tick + 1);
        }}
      >
        {t('find.button')}
      </button>
      {host &&
        createPortal(
          <div className="find-bar" role="search" aria-label={t('find.bar')}>
            <input
              ref={inputRef}
              type="search"
              aria-label={t('find.input')}
              placeholder={t('find.input')}
              value={find.query}
              onChange={(event) => find.setQuery(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <span className="find-count" role="status">
              {status}
            </span>
            <button
              type="button"
              className="button"
              disabled={find.count === 0}
              onClick={find.previous}
            >
              {t('find.previous')}
            </button>
            <button
              type="button"
              className="button"
              disabled={find.count === 0}
              onClick={find.next}
            >
              {t('find.next')}
            </button>
            <button type="button" className="button" aria-label={t('find.close')} onClick={close}>
              <span aria-hidden="true">{CLOSE_GLYPH}</span>
            </button>
          </div>,
          host,
        )}
    </>
  );
}
