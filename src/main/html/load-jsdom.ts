/**
 * jsdom, loaded when first needed. Loading it costs a process some 90 MB (its DOM interfaces
 * and CSS engine: docs/bench/2026-12-06-memory.md), and main needs it only to read the links in
 * a page's head when discovering feeds and icons; article extraction has its own copy on the
 * worker threads.
 */
import type * as Jsdom from 'jsdom';

export const loadJsdom = (): Promise<typeof Jsdom> => import('jsdom');
