import { useLayoutEffect, type RefObject } from 'react';
import { getPosition, savePosition } from '../../../db/positions-repository';

/** Scroll events settle this long before the position is written. */
const SAVE_AFTER_MS = 300;
/** Late images and fonts may grow the article this long after it opens; the position follows. */
const FOLLOW_LAYOUT_MS = 2000;

/**
 * Opens each article where the reader left it (as a share of its height, so another window or
 * font size lands on about the same paragraph), or at the top when it is new or was finished,
 * and remembers the place as the reader scrolls.
 */
export function useReadingPosition(
  scrollerRef: RefObject<HTMLElement | null>,
  articleId: string | undefined,
  ready: boolean,
  /** Opened at a search match: the match is the place, not where the reader left off. */
  atMatch = false,
): void {
  // A layout effect: the new article starts at its place before it is painted, and the old one
  // stops listening before the browser reports the scroll that swapping the content causes.
  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller || !articleId || !ready) return;
    let cancelled = false;
    let restored = false;
    let target: number | undefined;
    let pending: number | undefined;
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    const range = (): number => scroller.scrollHeight - scroller.clientHeight;
    const apply = (): void => {
      if (target !== undefined && range() > 0) scroller.scrollTop = target * range();
    };
    const userTookOver = (): void => {
      target = undefined;
    };
    const flush = (): void => {
      clearTimeout(saveTimer);
      if (pending !== undefined) void savePosition(articleId, pending);
      pending = undefined;
    };
    const onScroll = (): void => {
      // Until the stored place is applied, scrolling is ours (back to the top), not the reader's;
      // and a scroll that comes with other content (the next article) is not about this one.
      if (!restored) return;
      if (scroller.querySelector('article')?.dataset['articleId'] !== articleId) return;
      const max = range();
      pending = max > 0 ? scroller.scrollTop / max : 0;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(flush, SAVE_AFTER_MS);
    };

    scroller.scrollTop = 0;
    void getPosition(articleId).then((position) => {
      if (cancelled) return;
      target = atMatch ? undefined : position?.fraction;
      apply();
      restored = true;
    });
    const observer = new ResizeObserver(apply);
    observer.observe(scroller.querySelector('article') ?? scroller);
    const stopFollowing = setTimeout(userTookOver, FOLLOW_LAYOUT_MS);
    const userEvents = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
    for (const type of userEvents) scroller.addEventListener(type, userTookOver, { passive: true });
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelled = true;
      flush();
      clearTimeout(stopFollowing);
      observer.disconnect();
      for (const type of userEvents) scroller.removeEventListener(type, userTookOver);
      scroller.removeEventListener('scroll', onScroll);
    };
  }, [scrollerRef, articleId, ready, atMatch]);
}
