import type { Virtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { markManyRead } from '../../../db/articles-repository';
import type { Article } from '../../../db/entities';
import { getSetting } from '../../../db/settings-repository';
import { reportStorageError } from '../../../lib/storage-errors';
import { ScrollReadMarker, type RowBox } from './scroll-read-marker';

/**
 * Mark as read on scroll (`readState.onScroll`): the article list reports its rows after every
 * layout and scroll frame to a ScrollReadMarker, which writes the rows the reader scrolled past
 * in batches, through the same path as a mark by hand (story copies, account changes queued).
 * Returns `jumped` (stable), which the list calls before it moves itself (a new view, the keyboard's
 * selection followed), so what such a move hides is not taken as read.
 */
export function useScrollRead(
  scrollerRef: RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  rows: readonly Article[],
  viewKey: string,
): () => void {
  const enabled = useLiveQuery(() => getSetting('readState'), [])?.onScroll === true;
  const [marker] = useState(
    () =>
      new ScrollReadMarker((ids) => {
        markManyRead(ids).catch((error: unknown) => reportStorageError(error));
      }),
  );
  /** The first row on screen and where it started in the list, as last laid out. */
  const anchor = useRef<{ id: string; start: number } | undefined>(undefined);

  // The reader's own input ends a jump's window; a touch holds the list while it may drag back.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!enabled || !scroller) return;
    const input = () => marker.userInput();
    const touched = () => {
      marker.userInput();
      marker.hold(true);
    };
    const released = () => marker.hold(false);
    const options = { passive: true };
    scroller.addEventListener('wheel', input, options);
    scroller.addEventListener('keydown', input);
    scroller.addEventListener('pointerdown', input, options);
    scroller.addEventListener('touchstart', touched, options);
    scroller.addEventListener('touchend', released, options);
    scroller.addEventListener('touchcancel', released, options);
    return () => {
      scroller.removeEventListener('wheel', input);
      scroller.removeEventListener('keydown', input);
      scroller.removeEventListener('pointerdown', input);
      scroller.removeEventListener('touchstart', touched);
      scroller.removeEventListener('touchend', released);
      scroller.removeEventListener('touchcancel', released);
      // Leaving the view (or the option): what was scrolled past is written now.
      marker.reset();
      anchor.current = undefined;
    };
  }, [enabled, viewKey, marker, scrollerRef]);

  // Rows read here leave an unread view from above: the rows on screen stay where they were
  // (as though the list were anchored), or they would slide up past the top and read too. Only
  // the anchor's own move counts, from where the list is now: rows that changed without leaving
  // (the offline pass storing them) must not pull a list just scrolled back to an older place.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    const last = anchor.current;
    if (!enabled || !scroller || !last) return;
    const index = rows.findIndex((article) => article.id === last.id);
    const start = index < 0 ? undefined : virtualizer.measurementsCache[index]?.start;
    if (start === undefined) return;
    const moved = last.start - start;
    if (moved > 0.5) {
      scroller.scrollTop = Math.max(0, scroller.scrollTop - moved);
      anchor.current = { id: last.id, start };
    }
  }, [enabled, rows, virtualizer, scrollerRef]);

  // Every layout and scroll frame re-renders the list: each reports what is on screen.
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!enabled || !scroller) return;
    const top = scroller.scrollTop;
    const boxes: RowBox[] = [];
    let first: { id: string; start: number } | undefined;
    for (const item of virtualizer.getVirtualItems()) {
      const article = rows[item.index];
      if (!article) continue;
      boxes.push({
        id: article.id,
        top: item.start,
        bottom: item.end,
        unread: article.unread === 1,
      });
      if (!first && item.end > top) first = { id: article.id, start: item.start };
    }
    anchor.current = first;
    marker.observe(boxes, { top, bottom: top + scroller.clientHeight });
  });

  return useCallback(() => marker.jumped(), [marker]);
}
