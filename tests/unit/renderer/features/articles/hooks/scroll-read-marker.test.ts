import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  JUMP_MS,
  SCROLL_READ_SETTLE_MS,
  ScrollReadMarker,
  type RowBox,
} from '@renderer/features/articles/hooks/scroll-read-marker';

const ROW = 100;
const SCREEN = 300;

/** Twenty rows of 100 px, r0 at the top; `read` lists the ones already read. */
function rows(read: readonly string[] = []): RowBox[] {
  return Array.from({ length: 20 }, (_, n) => ({
    id: `r${n}`,
    top: n * ROW,
    bottom: (n + 1) * ROW,
    unread: !read.includes(`r${n}`),
  }));
}

const at = (top: number) => ({ top, bottom: top + SCREEN });

function list() {
  const written: string[][] = [];
  const marker = new ScrollReadMarker((ids) => written.push(ids));
  return { marker, written, all: () => written.flat() };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('mark as read on scroll: which rows', () => {
  it('a row wholly seen, then scrolled above the top, is written once it settles', () => {
    const { marker, written } = list();
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(250));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS - 1);
    expect(written).toEqual([]);
    vi.advanceTimersByTime(1);
    // r2 (200–300) is only partly above: still unread.
    expect(written).toEqual([['r0', 'r1']]);
  });

  it('rows never wholly on screen are not read: a fling past them marks only what was seen', () => {
    const { marker, all } = list();
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(1500));
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual(['r0', 'r1', 'r2']);
  });

  it('a row only partly seen before it left is not read', () => {
    const { marker, all } = list();
    marker.observe(rows(), at(50)); // r0 half above, r3 half below
    marker.observe(rows(), at(450));
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual(['r1', 'r2']);
  });

  it('a row taller than the screen counts as seen when it fills it', () => {
    const { marker, all } = list();
    const tall: RowBox[] = [
      { id: 'tall', top: 0, bottom: 800, unread: true },
      { id: 'next', top: 800, bottom: 900, unread: true },
    ];
    marker.observe(tall, at(0));
    marker.observe(tall, at(300));
    marker.observe(tall, at(850));
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual(['tall']);
  });

  it('rows already read are never written', () => {
    const { marker, all } = list();
    marker.observe(rows(['r0']), at(0));
    marker.observe(rows(['r0']), at(300));
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual(['r1', 'r2']);
  });

  it('moving up never marks anything, and a row dragged back before it settles stays unread', () => {
    const { marker, all } = list();
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(150)); // r0 leaves
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS - 100);
    marker.observe(rows(), at(50)); // dragged back: r0 is on screen again
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual([]);
    // Scrolled past for good this time.
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(120));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r0']);
  });

  it('a jump the list makes by itself reads nothing it moves out of sight', () => {
    const { marker, all } = list();
    marker.observe(rows(), at(0));
    marker.jumped(); // a view switch, the keyboard's selection followed
    marker.observe(rows(), at(1000));
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual([]);
    // What the jump brought on screen was seen: the reader's scroll past it reads it.
    vi.advanceTimersByTime(JUMP_MS);
    marker.observe(rows(), at(1300));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r10', 'r11', 'r12']);
  });

  it("the reader's own input ends a jump's window at once", () => {
    const { marker, all } = list();
    marker.observe(rows(), at(0));
    marker.jumped();
    marker.userInput(); // a wheel turn right after
    marker.observe(rows(), at(200));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r0', 'r1']);
  });
});

describe('mark as read on scroll: writes', () => {
  it('a row marked unread again is not re-marked while it stays above, nor later in this view', () => {
    const { marker, all } = list();
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(100));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r0']);
    // The reader marks r0 unread; the list keeps scrolling with r0 above.
    marker.observe(rows(), at(150));
    marker.observe(rows(), at(400));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r0', 'r1', 'r2', 'r3']);
    // Back to the top and past it again: the reader's "unread" still stands.
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(150));
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual(['r0', 'r1', 'r2', 'r3']);
    // A new view starts afresh.
    marker.reset();
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(150));
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r0', 'r1', 'r2', 'r3', 'r0']);
  });

  it('one write per settle time however many rows leave, none lost', () => {
    const { marker, written, all } = list();
    marker.observe(rows(), at(0));
    // A steady scroll: 10 px a frame for 1.6 s, a row leaving every 10 frames.
    for (let top = 10; top <= 1600; top += 10) {
      vi.advanceTimersByTime(10);
      marker.observe(rows(), at(top));
    }
    vi.advanceTimersByTime(1000);
    expect(all()).toEqual(Array.from({ length: 16 }, (_, n) => `r${n}`));
    // 1.6 s of scrolling and the settle time after it: at most one write per 300 ms.
    expect(written.length).toBeLessThanOrEqual(Math.ceil(2600 / SCROLL_READ_SETTLE_MS));
    expect(written.length).toBeGreaterThan(1);
  });

  it('a touch holding the list writes nothing until it lets go', () => {
    const { marker, all } = list();
    marker.hold(true);
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(200));
    vi.advanceTimersByTime(2000);
    expect(all()).toEqual([]);
    marker.hold(false);
    vi.advanceTimersByTime(SCROLL_READ_SETTLE_MS);
    expect(all()).toEqual(['r0', 'r1']);
  });

  it('leaving the view writes what was pending at once', () => {
    const { marker, all } = list();
    marker.observe(rows(), at(0));
    marker.observe(rows(), at(100));
    marker.reset();
    expect(all()).toEqual(['r0']);
  });
});
