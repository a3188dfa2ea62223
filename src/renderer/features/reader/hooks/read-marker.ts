import type { ReadMode } from '../../../db/settings-repository';

/** How long an article stays open before it counts as read in the "after a few seconds" mode. */
export const READ_DELAY_MS = 3000;

/**
 * Decides, once per opening, whether and when the open article becomes read. Once decided, the
 * reader's own changes win: marking it read or unread by hand cancels a pending timer, and
 * nothing marks it read again until it is opened anew.
 */
export class ReadMarker {
  private shownId: string | undefined;
  private decided = false;
  private unreadWhenOpened = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly markRead: (id: string) => void,
    private readonly delayMs = READ_DELAY_MS,
  ) {}

  /**
   * The reader shows `id` (or nothing), `unread` as stored now; `mode` is undefined until the
   * setting has loaded, and the decision waits for it.
   */
  update(id: string | undefined, unread: boolean, mode: ReadMode | undefined): void {
    if (id !== this.shownId) {
      this.cancel();
      this.shownId = id;
      this.decided = false;
    }
    if (!id || mode === undefined) return;
    if (this.decided) {
      if (unread !== this.unreadWhenOpened) this.cancel();
      return;
    }
    this.decided = true;
    this.unreadWhenOpened = unread;
    if (!unread || mode === 'manual') return;
    if (mode === 'open') {
      this.markRead(id);
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.markRead(id);
    }, this.delayMs);
  }

  /** True while a delayed mark is waiting. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Forgets the open article, as when the reader closes: showing it again decides afresh. */
  reset(): void {
    this.cancel();
    this.shownId = undefined;
    this.decided = false;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
