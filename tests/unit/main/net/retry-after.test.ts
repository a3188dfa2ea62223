import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '@main/net/retry-after';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates, and refuses the rest', () => {
    const ref = Date.parse('Mon, 15 Jan 2024 10:00:00 GMT');
    expect(parseRetryAfter('120', ref)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', ref)).toBe(0);
    expect(parseRetryAfter('Mon, 15 Jan 2024 10:05:00 GMT', ref)).toBe(5 * MIN);
    expect(parseRetryAfter('Mon, 15 Jan 2024 09:00:00 GMT', ref)).toBe(0);
    expect(parseRetryAfter('99999999', ref)).toBe(7 * 24 * HOUR);
    for (const bad of [null, '', 'soon', '-5', '1.5', '12abc']) {
      expect(parseRetryAfter(bad, ref)).toBeUndefined();
    }
  });
});
