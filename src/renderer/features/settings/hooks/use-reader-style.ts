import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect } from 'react';
import {
  DEFAULT_READER_STYLE,
  getSetting,
  patchSetting,
  type ReaderStyle,
} from '../../../db/settings-repository';

export { DEFAULT_READER_STYLE, type ReaderStyle } from '../../../db/settings-repository';

/** The reader's look, live: every window and dialog sees a change at once. */
export function useReaderStyle(): [ReaderStyle, (next: Partial<ReaderStyle>) => void] {
  const style = useLiveQuery(() => getSetting('readerStyle'), []) ?? DEFAULT_READER_STYLE;
  // Merged in one transaction: five quick changes in a row (theme, font, size…) each keep theirs.
  const update = useCallback(
    (next: Partial<ReaderStyle>) => void patchSetting('readerStyle', next),
    [],
  );
  return [style, update];
}

const SIZES: Record<ReaderStyle['size'], string> = {
  1: '0.9375rem',
  2: '1.03125rem',
  3: '1.125rem',
  4: '1.3125rem',
  5: '1.5rem',
};
const WIDTHS: Record<ReaderStyle['width'], string> = {
  narrow: '56ch',
  medium: '70ch',
  wide: '90ch',
};
const LINE_HEIGHTS: Record<ReaderStyle['lineHeight'], string> = {
  compact: '1.45',
  normal: '1.65',
  relaxed: '1.9',
};

/**
 * Puts the reader's look on the root element: `data-theme` picks a palette in styles.css (none
 * means follow the system), `data-reader-font` the serif or sans (reader.css), custom
 * properties size the text. Nothing else needs to re-render.
 */
export function useApplyReaderStyle(): void {
  const style = useLiveQuery(() => getSetting('readerStyle'), []);
  useEffect(() => {
    if (!style) return;
    const root = document.documentElement;
    if (style.theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = style.theme;
    // A keyword, not var(--sans): a variable would be resolved once, on the root, in the
    // interface's script, and an article in another language needs its own (reader.css).
    root.dataset['readerFont'] = style.font;
    root.style.setProperty('--reader-size', SIZES[style.size] ?? SIZES[3]);
    root.style.setProperty('--reader-width', WIDTHS[style.width] ?? WIDTHS.medium);
    root.style.setProperty('--reader-line-height', LINE_HEIGHTS[style.lineHeight] ?? '1.65');
  }, [style]);
}
