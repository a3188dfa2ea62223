import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import type { Highlight } from '../../../db/entities';
import {
  createHighlight,
  deleteHighlight,
  listArticleHighlights,
  setHighlightNote,
} from '../../../db/highlights-repository';
import { clearMarks, markSelector, selectorFromRange } from '../../../lib/highlights/anchor';
import { takeHighlightFocus } from '../../../lib/highlights/focus-request';

export interface ArticleHighlights {
  highlights: Highlight[];
  /** Ids of highlights whose passage is no longer in the article. */
  orphaned: ReadonlySet<string>;
  /** Whether the reader has text of the article selected. */
  canHighlight: boolean;
  highlightSelection: () => Promise<void>;
  /** Why the last highlight was refused, shown with i18n/localized-error.ts#errorText. */
  error?: unknown;
}

/** The current selection's range when it lies in `root` and selects something. */
function selectedRange(root: HTMLElement | null): Range | undefined {
  const selection = root?.ownerDocument.getSelection();
  if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) ? range : undefined;
}

/**
 * The open article's highlights: marks them in the rendered content (never in the stored HTML:
 * the content is sanitised, rendered, then marked), again whenever the HTML or the highlights
 * change, and tells which are orphaned. Highlighting takes the current selection.
 */
export function useHighlights(
  articleId: string | undefined,
  contentRef: RefObject<HTMLElement | null>,
  html: string,
): ArticleHighlights {
  const highlights = useLiveQuery(
    async () => (articleId ? listArticleHighlights(articleId) : []),
    [articleId],
    [],
  );
  const [orphaned, setOrphaned] = useState<ReadonlySet<string>>(new Set());
  const [canHighlight, setCanHighlight] = useState(false);
  // Kept with its article, so moving on leaves it behind.
  const [failure, setFailure] = useState<{ articleId: string; error: unknown }>();

  useLayoutEffect(() => {
    const root = contentRef.current;
    if (!root || !articleId) return;
    clearMarks(root);
    const gone = new Set<string>();
    for (const highlight of highlights) {
      const marks = markSelector(root, highlight, highlight.id);
      if (marks.length === 0) gone.add(highlight.id);
      else if (highlight.note) marks.forEach((mark) => (mark.title = highlight.note!));
    }
    setOrphaned(gone);
    const focus = highlights.length > 0 ? takeHighlightFocus(articleId) : undefined;
    if (focus) {
      root
        .querySelector<HTMLElement>(`mark[data-highlight-id="${CSS.escape(focus)}"]`)
        ?.scrollIntoView({ block: 'center' });
    }
  }, [articleId, contentRef, html, highlights]);

  useEffect(() => {
    const update = () => setCanHighlight(selectedRange(contentRef.current) !== undefined);
    update();
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [articleId, contentRef]);

  const highlightSelection = useCallback(async () => {
    const root = contentRef.current;
    const range = selectedRange(root);
    const selector = root && range ? selectorFromRange(root, range) : undefined;
    if (!articleId || !selector) return;
    try {
      await createHighlight(articleId, selector);
      setFailure(undefined);
      root?.ownerDocument.getSelection()?.removeAllRanges();
    } catch (caught) {
      setFailure({ articleId, error: caught });
    }
  }, [articleId, contentRef]);

  const error = failure?.articleId === articleId ? failure?.error : undefined;
  return { highlights, orphaned, canHighlight, highlightSelection, error };
}

export const saveHighlightNote = (id: string, note: string) => setHighlightNote(id, note);
export const removeHighlight = (id: string) => deleteHighlight(id);
