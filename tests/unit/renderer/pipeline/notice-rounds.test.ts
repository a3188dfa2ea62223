import { describe, expect, it } from 'vitest';
import type { ArrivalNotice } from '@renderer/db/arrival-notices';
import { createNoticeRounds, NOTICE_ROUND_TIMING } from '@renderer/pipeline/notice-rounds';

const { settleMs, minGapMs, maxHoldMs } = NOTICE_ROUND_TIMING;

/** A clock and one-shot timers the test moves by hand. */
function harness() {
  let now = 1_000_000;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const delivered: string[][] = [];
  const rounds = createNoticeRounds({
    now: () => now,
    setTimer: (fn, ms) => {
      nextId += 1;
      timers.set(nextId, { at: now + ms, fn });
      return nextId;
    },
    clearTimer: (handle) => timers.delete(handle as number),
    deliver: (notices) => delivered.push(notices.map((notice) => notice.articleId)),
  });
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = end;
  };
  return { rounds, delivered, advance, pending: () => timers.size };
}

const notice = (articleId: string): ArrivalNotice => ({
  articleId,
  feedId: 'f1',
  feedTitle: 'Feed',
  title: articleId,
  publishedAt: 1,
});

describe('one notification per refresh round', () => {
  it('waits for every feed of the round, finishing at different times, then notifies once', () => {
    const { rounds, delivered, advance } = harness();
    const run = rounds.hold(); // the scheduler's run starts
    const storingA = rounds.hold();
    advance(500);
    rounds.note([notice('a1'), notice('a2')]);
    storingA();
    advance(20_000); // another feed is still being fetched
    const storingB = rounds.hold();
    rounds.note([notice('b1')]);
    storingB();
    expect(delivered).toEqual([]);
    run(); // sync.progress: no longer running
    advance(settleMs - 1);
    expect(delivered).toEqual([]);
    advance(1);
    expect(delivered).toEqual([['a1', 'a2', 'b1']]);
  });

  it('folds a round that starts within the settle time (accounts after feeds) into one', () => {
    const { rounds, delivered, advance } = harness();
    const feeds = rounds.hold();
    rounds.note([notice('a')]);
    feeds();
    advance(settleMs - 100);
    const account = rounds.hold();
    advance(10_000);
    rounds.note([notice('b')]);
    account();
    advance(settleMs);
    expect(delivered).toEqual([['a', 'b']]);
  });

  it('names each article once, however often it is noted', () => {
    const { rounds, delivered, advance } = harness();
    rounds.note([notice('a'), notice('a')]);
    rounds.note([notice('a')]);
    advance(settleMs);
    expect(delivered).toEqual([['a']]);
  });

  it('says nothing after a round with nothing to name', () => {
    const { rounds, delivered, advance, pending } = harness();
    const run = rounds.hold();
    rounds.note([]);
    run();
    advance(maxHoldMs * 2);
    expect(delivered).toEqual([]);
    expect(pending()).toBe(0);
  });

  it('never makes a burst: rounds ending within the gap go out together at its end', () => {
    const { rounds, delivered, advance } = harness();
    rounds.note([notice('a')]);
    advance(settleMs);
    expect(delivered).toEqual([['a']]);
    // Three scheduled runs, a few seconds apart (jittered due times).
    for (const id of ['b', 'c', 'd']) {
      advance(10_000);
      const run = rounds.hold();
      rounds.note([notice(id)]);
      run();
    }
    advance(settleMs);
    expect(delivered).toEqual([['a']]);
    advance(minGapMs - 30_000 - 2 * settleMs);
    expect(delivered).toEqual([['a']]);
    advance(settleMs);
    expect(delivered).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('cuts off a round that never ends (a lost event) after the longest hold', () => {
    const { rounds, delivered, advance } = harness();
    rounds.hold(); // never released
    rounds.note([notice('a')]);
    advance(maxHoldMs - 1);
    expect(delivered).toEqual([]);
    advance(1);
    expect(delivered).toEqual([['a']]);
  });

  it('ignores a second release of one hold', () => {
    const { rounds, delivered, advance } = harness();
    const first = rounds.hold();
    const second = rounds.hold();
    rounds.note([notice('a')]);
    first();
    first();
    advance(settleMs * 2);
    expect(delivered).toEqual([]);
    second();
    advance(settleMs);
    expect(delivered).toEqual([['a']]);
  });

  it('delivers nothing once disposed', () => {
    const { rounds, delivered, advance, pending } = harness();
    rounds.note([notice('a')]);
    rounds.dispose();
    advance(maxHoldMs);
    rounds.note([notice('b')]);
    advance(maxHoldMs);
    expect(delivered).toEqual([]);
    expect(pending()).toBe(0);
  });
});
