/**
 * When to try a failing feed again, and how its regular schedule is spread out.
 *
 * Back-off curve, for the n-th consecutive failure of a feed polled every `interval`:
 *
 *   delay(n) = min(interval × 2^(n−1), cap) × (1 − 0.1 × random)     cap = max(24 h, interval)
 *
 * so a 30-minute feed is retried after ~30 min, 1 h, 2 h, 4 h, 8 h, 16 h, then every 24 h. The
 * first retry is never sooner than the feed's own interval: a failing server is not asked more
 * often than a healthy one. The cap is the interval itself for feeds polled less than daily.
 * The jitter only shortens, so the cap is a true maximum and feeds that failed together (an
 * outage, a lost connection) do not all come back in the same second.
 */

export const MINUTE_MS = 60_000;
export const MAX_BACKOFF_MS = 24 * 60 * MINUTE_MS;
/** Fraction of the interval a feed's regular due time may move either way. */
export const INTERVAL_JITTER = 0.1;
/** Fraction a back-off delay may be shortened by. */
export const BACKOFF_JITTER = 0.1;

/** @param random a value in [0, 1) */
export function backoffDelayMs(failureCount: number, intervalMs: number, random: number): number {
  const cap = Math.max(MAX_BACKOFF_MS, intervalMs);
  // 2^30 intervals is far past any cap; stopping there keeps the arithmetic finite.
  const exponent = Math.min(Math.max(failureCount, 1) - 1, 30);
  const delay = Math.min(intervalMs * 2 ** exponent, cap);
  return Math.round(delay * (1 - BACKOFF_JITTER * clampUnit(random)));
}

/**
 * A fraction in [−INTERVAL_JITTER, +INTERVAL_JITTER] of the interval, drawn once per feed per
 * cycle so a due time does not move each time it is recomputed.
 * @param random a value in [0, 1)
 */
export function intervalJitterFraction(random: number): number {
  return (clampUnit(random) * 2 - 1) * INTERVAL_JITTER;
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0.5;
}
