import { afterEach, describe, expect, it } from 'vitest';
import { recordSpan, spanStart } from '../../../../src/renderer/lib/user-timing';

afterEach(() => performance.clearMeasures());

describe('recordSpan', () => {
  it('puts a named span with its detail on the page timeline', () => {
    const start = spanStart();
    recordSpan('store-fetch-result', start, { feedId: 'f1', added: 3 });
    const [entry] = performance.getEntriesByName('broadsheet:store-fetch-result', 'measure');
    expect(entry).toBeDefined();
    expect(entry!.startTime).toBe(start);
    expect(entry!.duration).toBeGreaterThanOrEqual(0);
    expect((entry as PerformanceMeasure).detail).toEqual({ feedId: 'f1', added: 3 });
  });

  it('keeps at most a thousand spans of a name, so a long session does not collect them', () => {
    for (let n = 0; n < 1_500; n++) recordSpan('place-arrivals', spanStart(), { n });
    const kept = performance.getEntriesByName('broadsheet:place-arrivals', 'measure');
    expect(kept.length).toBeLessThanOrEqual(1_000);
    expect((kept.at(-1) as PerformanceMeasure).detail).toEqual({ n: 1_499 });
  });
});
