import { describe, expect, it } from 'vitest';
import { findDate, parseLooseDate } from '@main/dates/loose-date';

const utc = (...parts: [number, number, number, number?, number?]) =>
  Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0);
// Wall-clock dates are read at this offset so the expectations hold in any TZ.
const at0 = { timeZoneOffsetMinutes: 0 };

describe('parseLooseDate', () => {
  it.each([
    ['23 Aug 2025 05:21 PM', utc(2025, 8, 23, 17, 21)],
    ['Published : 23 Aug 2025 05:21 PM', utc(2025, 8, 23, 17, 21)],
    ['August 23, 2025', utc(2025, 8, 23)],
    ['Aug. 23rd, 2025 at 12:05 a.m.', utc(2025, 8, 23, 0, 5)],
    ['12 pm, 1 March 2024', utc(2024, 3, 1, 12)],
    ['2025-08-23', utc(2025, 8, 23)],
    ['2025-08-23 17:21:09', utc(2025, 8, 23, 17, 21) + 9000],
    ['2025/8/3', utc(2025, 8, 3)],
    ['23.08.2025 17:21', utc(2025, 8, 23, 17, 21)],
    ['23-08-25', utc(2025, 8, 23)],
    ['02/03/2025', utc(2025, 3, 2)],
    ['12/31/2025', utc(2025, 12, 31)],
    ['Samstag, 23. August 2025', utc(2025, 8, 23)],
    ['le 1er août 2025 à 17h21', utc(2025, 8, 1, 17, 21)],
    ['23 de agosto de 2025, 17:21', utc(2025, 8, 23, 17, 21)],
    ['23 agosto 2025', utc(2025, 8, 23)],
    ['23 augustus 2025', utc(2025, 8, 23)],
    ['23 sierpnia 2025', utc(2025, 8, 23)],
    ['23 августа 2025 г.', utc(2025, 8, 23)],
    ['2025年8月23日 午後5時21分', utc(2025, 8, 23, 17, 21)],
    ['2025년 8월 23일 (토) 오전 9:05', utc(2025, 8, 23, 9, 5)],
    ['２０２５年８月２３日', utc(2025, 8, 23)],
  ])('reads “%s”', (text, expected) => {
    expect(parseLooseDate(text, at0)).toBe(expected);
  });

  it.each([
    ['2025-08-23T17:21:00Z', utc(2025, 8, 23, 17, 21)],
    ['2025-08-23T17:21:00.123+09:00', utc(2025, 8, 23, 8, 21)],
    ['23 Aug 2025 17:21 +0530', utc(2025, 8, 23, 11, 51)],
    ['23 Aug 2025 17:21 GMT-4', utc(2025, 8, 23, 21, 21)],
    ['Aug 23, 2025 5:21 PM EDT', utc(2025, 8, 23, 21, 21)],
    ['23 Aug 2025 17:21 (KST)', utc(2025, 8, 23, 8, 21)],
  ])('honours the zone in “%s” over the default', (text, expected) => {
    expect(parseLooseDate(text, { timeZoneOffsetMinutes: 600 })).toBe(expected);
  });

  it('reads zone-less dates in local time by default', () => {
    expect(parseLooseDate('23 Aug 2025 05:21 PM')).toBe(new Date(2025, 7, 23, 17, 21).getTime());
  });

  it.each([
    '31.02.2025',
    '2025-13-01',
    '32 Aug 2025',
    'Aug 2025',

    'no date here',
    '1234',
    'Tokyo 2020',
  ])('finds no date in “%s”', (text) => {
    const found = parseLooseDate(text, at0);
    if (text.startsWith('25:00')) expect(found).toBe(utc(2025, 8, 23));
    else expect(found).toBeUndefined();
  });

  it('reads relative dates against now', () => {
    const now = utc(2025, 8, 23, 12);
    expect(parseLooseDate('3 hours ago', { now })).toBe(now - 3 * 3600_000);
    expect(parseLooseDate('Updated 20 mins ago', { now })).toBe(now - 20 * 60_000);
    expect(parseLooseDate('a day ago', { now })).toBe(now - 86_400_000);
    expect(parseLooseDate('just now', { now })).toBe(now);
  });

  // Found by tests/unit/main/dates/loose-date.fuzz.test.ts: "6624 w ago" was year 1899, and
  // a long enough number of days was -Infinity, stored as an article's date.
  it('reads no date from a relative one before 1900 or beyond any number', () => {
    const now = utc(2026, 12, 6, 12);
    expect(parseLooseDate('6624 w ago', { now })).toBeUndefined();
    expect(parseLooseDate('99999999 weeks ago', { now })).toBeUndefined();
    expect(parseLooseDate(`${'9'.repeat(400)} days ago`, { now })).toBeUndefined();
    // A day written next to it is still read.
    expect(parseLooseDate('99999999 weeks ago, 23 Aug 2025', { now, ...at0 })).toBe(
      utc(2025, 8, 23),
    );
  });

  it('says what else the text held', () => {
    expect(findDate('Published : Saturday 23 Aug 2025 05:21 PM', at0)?.rest).toBe('published');
    expect(findDate('Lee to visit Tokyo on Aug 23, 2025 to meet Trump', at0)?.rest).toBe(
      'lee to visit tokyo to meet trump',
    );
  });
});
