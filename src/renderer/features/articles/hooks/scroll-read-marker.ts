/** A list row where the list lays it out, in the scroller's content pixels. */
export interface RowBox {
  id: string;
  top: number;
  bottom: number;
  unread: boolean;
}

/** The part of the list on screen: the scroller's scrollTop and scrollTop + clientHeight. */
export interface Viewport {
  top: number;
  bottom: number;
}

/**
 * How long a row must stay above the top edge before it is written read, and so how often a
 * batch is written: a row the reader drags back into sight within this time stays unread, and
 * a quick scroll past twenty rows costs one transaction, not twenty.
 */
export const SCROLL_READ_SETTLE_MS = 300;

/**
 * After the list moves itself (a new view, following the keyboard's selection), scroll events
 * for this long are that move's, not the reader's, unless the reader's own input comes first.
 */
export const JUMP_MS = 250;

/**
 * Decides which rows of the article list the reader scrolled past (mark as read on scroll). A
 * row counts only when it was unread and wholly on screen (or filled the screen) and then left
 * above the top edge because the list moved down; not when the list jumped by itself, not when
 * the reader drags it back into sight before it settles, not while a touch holds the list.
 * Each row is written at most once while the view stays open, so a "mark unread" sticks: a row
 * that stays above is never looked at again.
 */
export class ScrollReadMarker {
  /** Unread rows wholly seen since the view opened or the list last jumped. */
  private readonly seen = new Set<string>();
  /** Rows that left above the top edge, with when; written once they have settled. */
  private readonly pending = new Map<string, number>();
  /** Rows written (or handed to the writer) in this view: never again. */
  private readonly done = new Set<string>();
  private lastTop: number | undefined;
  private jumpUntil = 0;
  private held = false;
  private lastWrite = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly write: (ids: string[]) => void,
    private readonly settleMs = SCROLL_READ_SETTLE_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The rows on (and near) the screen after a layout or scroll; cheap, so every frame. */
  observe(rows: readonly RowBox[], view: Viewport): void {
    const now = this.now();
    const movedDown = this.lastTop !== undefined && view.top > this.lastTop;
    this.lastTop = view.top;
    const jumping = now < this.jumpUntil;
    for (const row of rows) {
      if (this.done.has(row.id)) continue;
      const whole =
        (row.top >= view.top && row.bottom <= view.bottom) ||
        (row.top <= view.top && row.bottom >= view.bottom);
      const above = row.bottom <= view.top;
      if (this.pending.has(row.id)) {
        // Dragged back into sight before it settled: not read after all.
        if (!above) {
          this.pending.delete(row.id);
          if (whole && row.unread) this.seen.add(row.id);
        }
        continue;
      }
      if (!row.unread) {
        this.seen.delete(row.id);
        continue;
      }
      if (whole) {
        this.seen.add(row.id);
        continue;
      }
      if (!above || !this.seen.has(row.id)) continue;
      this.seen.delete(row.id);
      if (movedDown && !jumping) this.pending.set(row.id, now);
    }
    this.schedule();
  }

  /** The list is about to move itself: whatever that takes out of sight was not read. */
  jumped(): void {
    this.jumpUntil = this.now() + JUMP_MS;
  }

  /** The reader's own input on the list (wheel, key, touch): scrolling from now on is theirs. */
  userInput(): void {
    this.jumpUntil = 0;
  }

  /** A touch holds the list: nothing is written until it lets go (it may drag rows back). */
  hold(held: boolean): void {
    this.held = held;
    if (!held) this.schedule();
  }

  /**
   * Writes the rows that have settled above the top edge (`all`: every pending row, as when
   * the view closes). Returns what it wrote.
   */
  flush(all = false): string[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.held && !all) return [];
    const now = this.now();
    const ready: string[] = [];
    for (const [id, at] of this.pending) {
      if (all || now - at >= this.settleMs) ready.push(id);
    }
    for (const id of ready) {
      this.pending.delete(id);
      this.done.add(id);
    }
    if (ready.length > 0) {
      this.lastWrite = now;
      this.write(ready);
    }
    this.schedule();
    return ready;
  }

  /** A new view: writes what is pending, then forgets everything. */
  reset(): void {
    this.flush(true);
    this.seen.clear();
    this.done.clear();
    this.lastTop = undefined;
    this.jumpUntil = 0;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.held || this.pending.size === 0) return;
    let oldest = Infinity;
    for (const at of this.pending.values()) oldest = Math.min(oldest, at);
    // At most one write per settle time, however the rows' departures are spread.
    const due = Math.max(oldest, this.lastWrite) + this.settleMs;
    const wait = Math.max(0, due - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }
}
