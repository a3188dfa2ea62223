import { useCallback, useEffect, useState } from 'react';

export type Pane = 'sources' | 'articles' | 'reader';

/**
 * Which pane shows when only one fits: sources → articles → reader, and back. The reader shows
 * only with something in it (an article, or the welcome before the first subscription, which is
 * why it is asked for first), so no pane is ever blank. After each move the keyboard focus goes
 * to the pane that came in (its current row, or its way back).
 */
export function useNarrowPanes(narrow: boolean, readerHasContent: boolean) {
  const [wanted, setPane] = useState<Pane>('reader');
  const pane: Pane = wanted === 'reader' && !readerHasContent ? 'articles' : wanted;

  const back = useCallback((): boolean => {
    if (!narrow || pane === 'sources') return false;
    setPane(pane === 'reader' ? 'articles' : 'sources');
    return true;
  }, [narrow, pane]);

  const [moved, setMoved] = useState(0);
  const go = useCallback((next: Pane) => {
    setPane(next);
    setMoved((n) => n + 1);
  }, []);
  const goBack = useCallback((): boolean => {
    if (!back()) return false;
    setMoved((n) => n + 1);
    return true;
  }, [back]);

  useEffect(() => {
    if (!narrow || moved === 0) return;
    const root = document.querySelector<HTMLElement>(`[data-pane="${pane}"]`);
    const target =
      root?.querySelector<HTMLElement>(
        pane === 'sources' ? '[aria-current="true"]' : '.article-row[aria-current="true"]',
      ) ?? root?.querySelector<HTMLElement>('[data-pane-back]');
    target?.focus({ preventScroll: pane !== 'articles' });
  }, [narrow, pane, moved]);

  return { pane, go, back: goBack };
}
