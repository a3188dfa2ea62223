import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { findMatches, firstMatchOfAny } from '../../../lib/find/find-matches';
import { markMatches, type MatchMarks } from '../../../lib/find/match-marks';
import { rangeOf, textMap } from '../../../lib/find/text-ranges';

/** More matches than this are counted but not all marked: "a" in a long article. */
const MARK_LIMIT = 2000;

export interface FindState {
  query: string;
  setQuery: (query: string) => void;
  count: number;
  /** The current match, 0-based; -1 when there is none. */
  current: number;
  next: () => void;
  previous: () => void;
}

/** Puts a passage in the reader's view, a third down from the top, where eyes land. */
export function scrollToRange(scroller: HTMLElement | null, range: Range): void {
  if (!scroller) return;
  if (typeof range.getBoundingClientRect !== 'function') {
    range.startContainer.parentElement?.scrollIntoView?.({ block: 'center' });
    return;
  }
  const rect = range.getBoundingClientRect();
  const box = scroller.getBoundingClientRect();
  if (rect.top >= box.top + 40 && rect.bottom <= box.bottom - 80) return;
  scroller.scrollTop += rect.top - box.top - scroller.clientHeight / 3;
}

/**
 * The find bar's state: the matches of `query` in the article content, marked while `open`,
 * the current one scrolled into view. `html` is the content's identity: new content is searched
 * again.
 */
export function useFindInArticle(
  contentRef: RefObject<HTMLElement | null>,
  scrollerRef: RefObject<HTMLElement | null>,
  html: string,
  open: boolean,
): FindState {
  const [query, setQuery] = useState('');
  const [count, setCount] = useState(0);
  const [current, setCurrent] = useState(-1);
  const ranges = useRef<Range[]>([]);
  const marks = useRef<MatchMarks | undefined>(undefined);

  useEffect(() => {
    const content = contentRef.current;
    if (!open || !content || !query.trim()) {
      ranges.current = [];
      setCount(0);
      setCurrent(-1);
      return;
    }
    const map = textMap(content);
    const found = findMatches(map.text, query);
    ranges.current = found.slice(0, MARK_LIMIT).map((match) => rangeOf(map, match));
    const marked = markMatches(ranges.current);
    marks.current = marked;
    // Marked here as well: a new query with as many matches leaves `current` at 0, unchanged.
    marked.setCurrent(found.length > 0 ? 0 : -1);
    if (ranges.current[0]) scrollToRange(scrollerRef.current, ranges.current[0]);
    setCount(found.length);
    setCurrent(found.length > 0 ? 0 : -1);
    return () => {
      marked.clear();
      if (marks.current === marked) marks.current = undefined;
    };
  }, [contentRef, scrollerRef, query, html, open]);

  useEffect(() => {
    marks.current?.setCurrent(current);
    const range = ranges.current[current];
    if (range) scrollToRange(scrollerRef.current, range);
  }, [current, scrollerRef]);

  const step = useCallback(
    (by: number) => {
      const total = Math.min(count, ranges.current.length);
      if (total === 0) return;
      setCurrent((at) => (at + by + total) % total);
    },
    [count],
  );
  const next = useCallback(() => step(1), [step]);
  const previous = useCallback(() => step(-1), [step]);
  return { query, setQuery, count, current, next, previous };
}

/**
 * An article opened from a search result: the first place the searched words occur is marked
 * and scrolled to, until the reader finds something else or opens another article.
 */
export function useMarkSearchMatch(
  contentRef: RefObject<HTMLElement | null>,
  scrollerRef: RefObject<HTMLElement | null>,
  html: string,
  terms: readonly string[] | undefined,
  suspended: boolean,
): void {
  useEffect(() => {
    const content = contentRef.current;
    if (suspended || !content || !terms?.length) return;
    const map = textMap(content);
    const match = firstMatchOfAny(map.text, terms);
    if (!match) return;
    const range = rangeOf(map, match);
    const marked = markMatches([range]);
    marked.setCurrent(0);
    scrollToRange(scrollerRef.current, range);
    return () => marked.clear();
  }, [contentRef, scrollerRef, html, terms, suspended]);
}
