import type { ArrivalNotice } from '../db/arrival-notices';

/*
 * When a refresh's notification goes out. A "round" is the time something is refreshing:
 * the scheduler's run (sync.progress running … not running), each sync result until it is
 * stored, and each account's sync. Feeds finish at different times and accounts sync beside
 * them, so the round is over only once all of them are idle and stay idle for `settleMs` (a
 * Refresh starts the feeds and the accounts a moment apart; the scheduler's own rounds, with
 * their jittered due times, often follow each other within a second). Then what the round
 * stored that may be named makes one notification — and never sooner than `minGapMs` after the
 * previous one: rounds ending meanwhile wait and go out together at the end of the gap, so
 * many small rounds never make a burst. A round that never says it ended (a lost event) is
 * cut off after `maxHoldMs` rather than keeping its news forever.
 */

export interface NoticeRoundTiming {
  settleMs: number;
  minGapMs: number;
  maxHoldMs: number;
}

export const NOTICE_ROUND_TIMING: NoticeRoundTiming = {
  settleMs: 3_000,
  minGapMs: 2 * 60_000,
  maxHoldMs: 10 * 60_000,
};

export interface NoticeRoundDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** One notification's worth of arrivals, each article once. */
  deliver(notices: ArrivalNotice[]): void;
  timing?: NoticeRoundTiming;
}

export interface NoticeRounds {
  /** Something is refreshing; call the returned function (once) when it is done. */
  hold(): () => void;
  /** Arrivals stored (committed) that a notification may name. */
  note(notices: readonly ArrivalNotice[]): void;
  dispose(): void;
}

export function createNoticeRounds(deps: NoticeRoundDeps): NoticeRounds {
  const timing = deps.timing ?? NOTICE_ROUND_TIMING;
  let holds = 0;
  /** When the last hold was released (the round may end settleMs later). */
  let idleSince = deps.now();
  /** When the oldest waiting notice was noted. */
  let waitingSince: number | undefined;
  let lastShownAt = -Infinity;
  const waiting = new Map<string, ArrivalNotice>();
  let timer: unknown;
  let timerArmed = false;
  let disposed = false;

  function disarm(): void {
    if (!timerArmed) return;
    deps.clearTimer(timer);
    timerArmed = false;
  }

  /** Delivers when it is time, else sets the one timer for when it may be. */
  function check(): void {
    disarm();
    if (disposed || waiting.size === 0 || waitingSince === undefined) return;
    const now = deps.now();
    const gapEnds = lastShownAt + timing.minGapMs;
    const cutOff = waitingSince + timing.maxHoldMs;
    const settled = holds === 0 ? idleSince + timing.settleMs : cutOff;
    const at = Math.max(gapEnds, Math.min(settled, cutOff));
    if (at > now) {
      timer = deps.setTimer(check, at - now);
      timerArmed = true;
      return;
    }
    const notices = [...waiting.values()];
    waiting.clear();
    waitingSince = undefined;
    lastShownAt = now;
    deps.deliver(notices);
  }

  return {
    hold() {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        if (holds === 0) idleSince = deps.now();
        check();
      };
    },
    note(notices) {
      if (disposed || notices.length === 0) return;
      for (const notice of notices) waiting.set(notice.articleId, notice);
      waitingSince ??= deps.now();
      // Noted while idle (nothing held it): the settle time starts now.
      if (holds === 0) idleSince = deps.now();
      check();
    },
    dispose() {
      disposed = true;
      disarm();
      waiting.clear();
    },
  };
}
