import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '@main/sync/backoff';
import { afterFailure, dueAtMs, isDueOnResume } from '@main/sync/due-time';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 1);
const noJitter = () => 0;

describe('dueAtMs', () => {
  it('makes a feed never fetched due at once', () => {
    expect(dueAtMs({}, 30 * MIN, noJitter)).toBe(0);
  });

  it('is one interval after the last fetch, moved by the jitter of that cycle', () => {
    const cycles: number[] = [];
    const jitter = (cycle: number) => {
      cycles.push(cycle);
      return -0.1;
    };
    expect(dueAtMs({ lastFetchedAt: T0 }, 30 * MIN, jitter)).toBe(T0 + 27 * MIN);
    expect(dueAtMs({ lastFetchedAt: T0 }, 30 * MIN, () => 0.1)).toBe(T0 + 33 * MIN);
    expect(cycles).toEqual([T0]);
  });

  it('waits for a back-off or Retry-After and for a cancel, whichever is later', () => {
    const state = { lastFetchedAt: T0, nextAttemptAt: T0 + 2 * HOUR };
    expect(dueAtMs(state, 30 * MIN, noJitter)).toBe(T0 + 2 * HOUR);
    expect(dueAtMs(state, 30 * MIN, noJitter, T0 + 3 * HOUR)).toBe(T0 + 3 * HOUR);
    expect(dueAtMs({ nextAttemptAt: T0 }, 30 * MIN, noJitter)).toBe(T0);
  });

  it('never makes a gone feed due, and draws no jitter for it', () => {
    const jitter = () => {
      throw new Error('no jitter for a gone feed');
    };
    expect(dueAtMs({ lastFetchedAt: T0, gone: true }, 30 * MIN, jitter)).toBe(Infinity);
  });
});

describe('isDueOnResume', () => {
  it('fetches a feed a whole interval old even when its jitter puts it later', () => {
    const state = { lastFetchedAt: T0 };
    expect(isDueOnResume(state, 30 * MIN, () => 0.1, 0, T0 + 30 * MIN)).toBe(true);
    expect(isDueOnResume(state, 30 * MIN, () => 0.1, 0, T0 + 29 * MIN)).toBe(false);
  });

  it('fetches a feed whose jitter made it due early', () => {
    expect(isDueOnResume({ lastFetchedAt: T0 }, 30 * MIN, () => -0.1, 0, T0 + 28 * MIN)).toBe(true);
  });

  it('fetches a feed never fetched', () => {
    expect(isDueOnResume({}, 30 * MIN, noJitter, 0, T0)).toBe(true);
  });

  it('keeps back-off, Retry-After, a cancel and gone in force', () => {
    const old = T0 - 10 * HOUR;
    expect(
      isDueOnResume({ lastFetchedAt: old, nextAttemptAt: T0 + 1 }, HOUR, noJitter, 0, T0),
    ).toBe(false);
    expect(isDueOnResume({ lastFetchedAt: old }, HOUR, noJitter, T0 + 1, T0)).toBe(false);
    expect(isDueOnResume({ lastFetchedAt: old, gone: true }, HOUR, noJitter, 0, T0)).toBe(false);
    expect(isDueOnResume({ lastFetchedAt: old, nextAttemptAt: T0 }, HOUR, noJitter, 0, T0)).toBe(
      true,
    );
  });
});

describe('afterFailure', () => {
  it('backs off along the curve', () => {
    const next = afterFailure({ failureCount: 3, intervalMs: 30 * MIN, now: T0, random: () => 0 });
    expect(next).toEqual({ nextAttemptAt: T0 + backoffDelayMs(3, 30 * MIN, 0) });
    expect(next).toEqual({ nextAttemptAt: T0 + 2 * HOUR });
  });

  it('waits for a Retry-After longer than the back-off, not for a shorter one', () => {
    const failed = { failureCount: 1, intervalMs: 30 * MIN, now: T0, random: () => 0 };
    expect(afterFailure({ ...failed, status: 503, retryAfterMs: 5 * HOUR })).toEqual({
      nextAttemptAt: T0 + 5 * HOUR,
    });
    expect(afterFailure({ ...failed, status: 429, retryAfterMs: MIN })).toEqual({
      nextAttemptAt: T0 + 30 * MIN,
    });
  });

  it('stops for good at 410 Gone, without drawing a random number', () => {
    const random = () => {
      throw new Error('no jitter for a gone feed');
    };
    expect(
      afterFailure({ failureCount: 1, intervalMs: HOUR, status: 410, now: T0, random }),
    ).toEqual({ gone: true });
  });
});
