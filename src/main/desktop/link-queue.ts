import type { DeepLink } from '../../shared/desktop-model';

export interface LinkQueue {
  /** Keeps a link until the renderer takes it, and tells the renderer one is waiting. */
  push(link: DeepLink): void;
  /** Every waiting link, oldest first; each is handed over once. */
  take(): DeepLink[];
}

/**
 * Links can arrive before the page has loaded (a first launch from a feed: link) or while it
 * runs. The renderer pulls them when it is ready and whenever it is told one waits, so none is
 * lost to an event sent before anyone listened. A burst is capped so a misbehaving launcher
 * cannot grow the queue without bound.
 */
export function createLinkQueue(nudge: () => void, max = 20): LinkQueue {
  let waiting: DeepLink[] = [];
  return {
    push(link) {
      waiting.push(link);
      if (waiting.length > max) waiting = waiting.slice(-max);
      nudge();
    },
    take() {
      const taken = waiting;
      waiting = [];
      return taken;
    },
  };
}
