/**
 * When a feed is due: the scheduler's timing policy as pure functions of a feed's timing state,
 * its interval and the moment asked about. The scheduler (scheduler.ts) keeps the timers, the
 * queue and what is in flight, and the per-cycle jitter draw; this module only computes times.
 * The back-off curve itself is in backoff.ts.
 */
import { backoffDelayMs } from './backoff';

/** What the schedule knows about a feed's last fetches (FeedSyncState's timing fields). */
export interface DueTiming {
  lastFetchedAt?: number | undefined;
  nextAttemptAt?: number | undefined;
  gone?: boolean | undefined;
}

/**
 * The fraction of the interval the due time of the cycle that began at `cycle` (the last fetch)
 * moves by (backoff.ts's intervalJitterFraction). Asked only when needed, so the caller can draw
 * it lazily, once per cycle.
 */
export type JitterFraction = (cycle: number) => number;

/**
 * Epoch ms from which the schedule may fetch the feed; Infinity when it never does (gone).
 * A feed never fetched is due at once; otherwise one interval (moved by its jitter) after its
 * last fetch, but never before a back-off or Retry-After (`nextAttemptAt`) or a cancel
 * (`snoozedUntil`) allows.
 */
export function dueAtMs(
  state: DueTiming,
  intervalMs: number,
  jitterFraction: JitterFraction,
  snoozedUntil = 0,
): number {
  if (state.gone) return Infinity;
  let due = 0;
  if (state.lastFetchedAt !== undefined) {
    const jitterMs = Math.round(jitterFraction(state.lastFetchedAt) * intervalMs);
    due = state.lastFetchedAt + intervalMs + jitterMs;
  }
  return Math.max(due, state.nextAttemptAt ?? 0, snoozedUntil);
}

/**
 * Whether waking up (resume) should fetch the feed now: back-off, Retry-After and a cancel
 * still hold, since waking up says nothing about the server; otherwise a feed is fetched when
 * a whole interval has passed since its last fetch (jitter aside) or it is due anyway.
 */
export function isDueOnResume(
  state: DueTiming,
  intervalMs: number,
  jitterFraction: JitterFraction,
  snoozedUntil: number,
  now: number,
): boolean {
  if (state.gone) return false;
  if (Math.max(state.nextAttemptAt ?? 0, snoozedUntil) > now) return false;
  const overdue = state.lastFetchedAt === undefined || now - state.lastFetchedAt >= intervalMs;
  return overdue || dueAtMs(state, intervalMs, jitterFraction, snoozedUntil) <= now;
}

export interface FailedFetch {
  /** Consecutive failures including this one. */
  failureCount: number;
  intervalMs: number;
  /** HTTP status of the failure, when there was a response. */
  status?: number | undefined;
  /** The server's Retry-After, in ms from `now`. */
  retryAfterMs?: number | undefined;
  now: number;
  /** Draws a value in [0, 1) for the back-off jitter; not called for a feed that is gone. */
  random: () => number;
}

/**
 * What a failed fetch means for the next attempt: 410 Gone stops the schedule for good;
 * otherwise the back-off delay, or the server's Retry-After when that is later.
 */
export function afterFailure(failed: FailedFetch): { gone: true } | { nextAttemptAt: number } {
  if (failed.status === 410) return { gone: true };
  let next = failed.now + backoffDelayMs(failed.failureCount, failed.intervalMs, failed.random());
  if (failed.retryAfterMs !== undefined) next = Math.max(next, failed.now + failed.retryAfterMs);
  return { nextAttemptAt: next };
}
