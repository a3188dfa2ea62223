import { describe, expect, it } from 'vitest';
import { parseLooseDate } from '@main/dates/loose-date';
import { parseDate } from '@main/dates/parse-date';
import { ZONES } from '@main/dates/zones';

describe('the zone table', () => {
  it.each(Object.keys(ZONES))('is read the same by both date readers: %s', (zone) => {
    const expected = Date.UTC(2025, 7, 23, 17, 21) - ZONES[zone] * 60_000;
    expect(parseDate(`Sat, 23 Aug 2025 17:21:00 ${zone.toUpperCase()}`)).toBe(expected);
    expect(
      parseLooseDate(`23 Aug 2025 17:21 ${zone.toUpperCase()}`, { timeZoneOffsetMinutes: 600 }),
    ).toBe(expected);
  });
});
