import { describe, expect, it } from 'vitest';
import { WARM_UP_DOCS, WARM_UP_QUERIES, warmUp } from '@search-engine/core/warm-up';

describe('warm-up on a made-up index', () => {
  it('answers every query kind with matches, so each one runs its part of the query path', async () => {
    const totals = await warmUp({ now: Date.UTC(2026, 0, 1) });
    expect(totals).toHaveLength(WARM_UP_QUERIES.length);
    // A query that matched nothing would warm nothing: the lists must be long ones.
    for (const total of totals) expect(total).toBeGreaterThanOrEqual(WARM_UP_DOCS / 8);
    // One word in every made-up document; its exclusion leaves the ones without "music".
    expect(totals[0]).toBe(WARM_UP_DOCS);
    expect(totals[5]).toBe(WARM_UP_DOCS - Math.ceil(WARM_UP_DOCS / 10));
  });

  it('gives way between queries once told to stop, and before building when told at once', async () => {
    let asked = 0;
    // Asked before building, then before each query: the third answer stops it after one query.
    const totals = await warmUp({ stop: () => ++asked > 2 });
    expect(totals).toHaveLength(1);
    expect(await warmUp({ stop: () => true })).toEqual([]);
  });
});
