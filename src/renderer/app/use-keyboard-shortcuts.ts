import { useEffect, useRef } from 'react';
import type { Article } from '../db/entities';
import type { ArticleSource } from '../db/queries';
import {
  toggleBookmarked,
  toggleRead,
  markViewRead,
} from '../features/articles/hooks/use-article-actions';
import { getLocaleState } from '../i18n/current-locale';
import { refreshFeeds } from '../pipeline/sync-client';
import { isControl, isTypingTarget } from './shortcuts';

interface ShortcutContext {
  source: ArticleSource;
  articles: Article[] | undefined;
  selectedId: string | undefined;
  open: (id: string) => void;
  selectSource: (source: ArticleSource) => void;
  /** One pane back when only one fits; false when there is nowhere to go back to. */
  back: () => boolean;
  showHelp: () => void;
  focusSearch: () => void;
  readerScroller: () => HTMLElement | null;
  /** A reader toolbar button a key presses (`data-shortcut`): listen, find. */
  readerButton: (name: 'listen' | 'find') => HTMLButtonElement | null;
}

/** Alt+← goes back, as in a browser; in a right-to-left interface "back" points right. */
const isBackArrow = (event: KeyboardEvent): boolean =>
  event.altKey &&
  !event.shiftKey &&
  event.key === (getLocaleState().dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft');

const isFindKey = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) &&
  !event.altKey &&
  !event.shiftKey &&
  event.key.toLowerCase() === 'f';

/** Newsboat-fast reading from the keyboard; the context is read fresh on every key press. */
export function useKeyboardShortcuts(context: ShortcutContext): void {
  const ref = useRef(context);
  useEffect(() => {
    ref.current = context;
  });

  useEffect(() => {
    let pendingG = false;
    let gTimer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      // Ctrl/Cmd+F finds in the open article, from anywhere but a dialog; without an article
      // it is left to the browser.
      if (isFindKey(event) && !(event.target as Element | null)?.closest?.('dialog[open]')) {
        const find = ref.current.readerButton('find');
        if (find && !find.disabled) {
          event.preventDefault();
          find.click();
        }
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      const ctx = ref.current;
      if ((event.key === 'Escape' && !event.altKey) || isBackArrow(event)) {
        if (ctx.back()) event.preventDefault();
        return;
      }
      if (event.altKey) return;
      if (isControl(event.target, event.key)) return;
      const list = ctx.articles ?? [];
      const index = list.findIndex((a) => a.id === ctx.selectedId);
      const current = index >= 0 ? list[index] : undefined;
      const go = (id: string | undefined): void => {
        if (!id) return;
        // The virtualized list scrolls the selected row into view itself: the row may not be
        // in the DOM yet, so there is nothing here to scroll to.
        ctx.open(id);
      };
      if (pendingG) {
        pendingG = false;
        clearTimeout(gTimer);
        const views: Record<string, ArticleSource> = {
          a: { kind: 'all' },
          u: { kind: 'unread' },
          b: { kind: 'bookmarks' },
          s: { kind: 'saved' },
        };
        const view = views[event.key];
        if (view) {
          event.preventDefault();
          ctx.selectSource(view);
        }
        return;
      }
      let handled = true;
      switch (event.key) {
        case 'j':
          go(list[index + 1]?.id ?? (index < 0 ? list[0]?.id : undefined));
          break;
        case 'k':
          go(index > 0 ? list[index - 1]?.id : undefined);
          break;
        case 'o':
        case 'Enter':
          go(current?.id ?? list[0]?.id);
          break;
        case ' ': {
          const scroller = ctx.readerScroller();
          const atEnd =
            !scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 4;
          if (!atEnd) scroller.scrollBy({ top: scroller.clientHeight * 0.9 });
          else go(list.slice(index + 1).find((a) => a.unread === 1)?.id);
          break;
        }
        case 'v':
          if (current?.url) window.open(current.url, '_blank', 'noopener,noreferrer');
          break;
        case 's':
        case 'b':
          if (current) void toggleBookmarked(current);
          break;
        case 'm':
          if (current) void toggleRead(current);
          break;
        case 'h':
          // The reader's Highlight button knows the selection and the article.
          document.querySelector<HTMLButtonElement>('button[data-action="highlight"]')?.click();
          break;
        case 'A':
          void markViewRead(ctx.source);
          break;
        case 'l': {
          // No button where the system has no voice: the key is then not ours.
          const listen = ctx.readerButton('listen');
          if (listen) listen.click();
          else handled = false;
          break;
        }
        case 'r':
          void refreshFeeds();
          break;
        case '/':
          ctx.focusSearch();
          break;
        case '?':
          ctx.showHelp();
          break;
        case 'g':
          pendingG = true;
          gTimer = setTimeout(() => (pendingG = false), 1500);
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      clearTimeout(gTimer);
    };
  }, []);
}
