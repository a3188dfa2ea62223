import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PANE_WIDTHS,
  PANE_LIMITS,
  READER_MIN,
  fitPanes,
} from '@renderer/features/layout/hooks/use-pane-widths';

describe('fitPanes', () => {
  it('keeps stored widths that fit', () => {
    expect(fitPanes({ sidebar: 300, list: 500 }, 1600)).toEqual({
      sidebar: 300,
      list: 500,
      sidebarMax: PANE_LIMITS.sidebar.max,
      listMax: PANE_LIMITS.list.max,
    });
  });

  it('holds each pane within its limits whatever was stored', () => {
    const fit = fitPanes({ sidebar: 10, list: 5000 }, 1600);
    expect(fit.sidebar).toBe(PANE_LIMITS.sidebar.min);
    expect(fit.list).toBe(PANE_LIMITS.list.max);
  });

  it('shrinks the list, then the sources, so the reader keeps its room', () => {
    const fit = fitPanes({ sidebar: 240, list: 640 }, 900);
    expect(fit.list).toBe(900 - 240 - READER_MIN);
    expect(fit.listMax).toBe(fit.list);
    expect(fit.sidebar + fit.list + READER_MIN).toBe(900);
    const tighter = fitPanes({ sidebar: 400, list: 640 }, 820);
    expect(tighter.sidebar).toBe(820 - READER_MIN - PANE_LIMITS.list.min);
    expect(tighter.list).toBe(PANE_LIMITS.list.min);
  });

  it('never goes below the minimums, even when the window is too small for all three', () => {
    const fit = fitPanes(DEFAULT_PANE_WIDTHS, 500);
    expect(fit.sidebar).toBe(PANE_LIMITS.sidebar.min);
    expect(fit.list).toBe(PANE_LIMITS.list.min);
    expect(fit.sidebarMax).toBe(PANE_LIMITS.sidebar.min);
  });
});
