import { describe, expect, it } from 'vitest';
import { clampFuture, parseDate } from '@main/dates/parse-date';

const utc = (...args: [number, number, number, number?, number?, number?, number?]) =>
  Date.UTC(args[0], args[1] - 1, args[2], args[3] ?? 0, args[4] ?? 0, args[5] ?? 0, args[6] ?? 0);

describe('parseDate: RFC 822 and relatives (RSS)', () => {
  it.each([
    ['Mon, 02 Jan 2006 15:04:05 GMT', utc(2006, 1, 2, 15, 4, 5)],
    ['Mon, 02 Jan 2006 15:04:05 +0000', utc(2006, 1, 2, 15, 4, 5)],
    ['Mon, 02 Jan 2006 15:04:05 -0000', utc(2006, 1, 2, 15, 4, 5)],
    ['Mon, 2 Jan 2006 15:04:05 -0700', utc(2006, 1, 2, 22, 4, 5)],
    ['Wed, 02 Oct 2002 13:00:00 +0530', utc(2002, 10, 2, 7, 30)],
    ['Wed, 02 Oct 2002 13:00:00 +05:30', utc(2002, 10, 2, 7, 30)],
    ['02 Jan 2006 15:04:05 GMT', utc(2006, 1, 2, 15, 4, 5)],
    ['Mon, 02 Jan 06 15:04:05 GMT', utc(2006, 1, 2, 15, 4, 5)],
    ['Sun, 19 May 02 15:21:36 GMT', utc(2002, 5, 19, 15, 21, 36)],
    ['Fri, 01 Jan 99 00:00:00 GMT', utc(1999, 1, 1)],
    ['Mon, 02 Jan 2006 15:04 EST', utc(2006, 1, 2, 20, 4)],
    ['Tue, 10 Jun 2003 04:00:00 EDT', utc(2003, 6, 10, 8)],
    ['Tue, 10 Jun 2003 04:00:00 PDT', utc(2003, 6, 10, 11)],
    ['Tue, 10 Jun 2003 04:00:00 PST', utc(2003, 6, 10, 12)],
    ['Tue, 10 Jun 2003 04:00:00 CST', utc(2003, 6, 10, 10)],
    ['Tue, 10 Jun 2003 04:00:00 MDT', utc(2003, 6, 10, 10)],
    ['Tue, 10 Jun 2003 04:00:00 UT', utc(2003, 6, 10, 4)],
    ['Tue, 10 Jun 2003 04:00:00 UTC', utc(2003, 6, 10, 4)],
    ['Tue, 10 Jun 2003 04:00:00 Z', utc(2003, 6, 10, 4)],
    ['Tue, 10 Jun 2003 04:00:00 CEST', utc(2003, 6, 10, 2)],
    // RFC 2822: military zones carry no information.
    ['Tue, 10 Jun 2003 04:00:00 A', utc(2003, 6, 10, 4)],
    ['Tue, 10 Jun 2003 04:00:00 GMT+0200', utc(2003, 6, 10, 2)],
    ['Tue, 10 Jun 2003 04:00:00 GMT-5', utc(2003, 6, 10, 9)],
    ['Tue, 10 Jun 2003 04:00:00 GMT -0500', utc(2003, 6, 10, 9)],
    ['Tue, 10 Jun 2003 04:00:00 +0000 (UTC)', utc(2003, 6, 10, 4)],
    ['Mon, 02 Jan 2006 15:04:05', utc(2006, 1, 2, 15, 4, 5)],
    ['Mon, 02 Jan 2006', utc(2006, 1, 2)],
    ['Monday, 02 January 2006 15:04:05 GMT', utc(2006, 1, 2, 15, 4, 5)],
    ['Thu, 14 Sept 2017 08:00:00 GMT', utc(2017, 9, 14, 8)],
    ['Thu, 14 Sep. 2017 08:00:00 GMT', utc(2017, 9, 14, 8)],
    ['mon, 02 jan 2006 15:04:05 gmt', utc(2006, 1, 2, 15, 4, 5)],
    ['MON, 02 JAN 2006 15:04:05 GMT', utc(2006, 1, 2, 15, 4, 5)],
    ['  Mon, 02 Jan 2006 15:04:05 GMT \n', utc(2006, 1, 2, 15, 4, 5)],
    ['Mon,02 Jan 2006 15:04:05 GMT', utc(2006, 1, 2, 15, 4, 5)],
    ['Thu, 31 Dec 2016 23:59:60 GMT', utc(2016, 12, 31, 23, 59, 59)],
    // RFC 850
    ['Monday, 02-Jan-06 15:04:05 PST', utc(2006, 1, 2, 23, 4, 5)],
    // asctime and JavaScript's Date#toString
    ['Mon Jan  2 15:04:05 2006', utc(2006, 1, 2, 15, 4, 5)],
    [
      'Mon Jan 02 2006 15:04:05 GMT+0100 (Central European Standard Time)',
      utc(2006, 1, 2, 14, 4, 5),
    ],
    // US-style, seen from hand-rolled generators
    ['Jan 2, 2006 3:04 PM', utc(2006, 1, 2, 15, 4)],
    ['January 2, 2006 12:30 AM', utc(2006, 1, 2, 0, 30)],
    ['Jan 2, 2006', utc(2006, 1, 2)],
    // Day and month names in the feed's own language (Portuguese, Italian, German, French)
    ['Seg, 24 Set 2018 19:42:40 -0300', utc(2018, 9, 24, 22, 42, 40)],
    ['mer, 16 nov 2022 00:38:15 +0100', utc(2022, 11, 15, 23, 38, 15)],
    ['Di, 15 Mär 2022 10:00:00 +0100', utc(2022, 3, 15, 9)],
    ['jeu., 03 févr. 2022 10:00:00 +0100', utc(2022, 2, 3, 9)],
    ['Sáb, 01 Dez 2018 10:00:00 GMT', utc(2018, 12, 1, 10)],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('parseDate: ISO 8601 / RFC 3339 (Atom, dc:date)', () => {
  it.each([
    ['2006-01-02T15:04:05Z', utc(2006, 1, 2, 15, 4, 5)],
    ['2006-01-02T15:04:05+01:00', utc(2006, 1, 2, 14, 4, 5)],
    ['2006-01-02T15:04:05-07:00', utc(2006, 1, 2, 22, 4, 5)],
    ['2006-01-02T15:04:05+0100', utc(2006, 1, 2, 14, 4, 5)],
    ['2006-01-02T15:04:05+01', utc(2006, 1, 2, 14, 4, 5)],
    ['2006-01-02T15:04:05.123Z', utc(2006, 1, 2, 15, 4, 5, 123)],
    ['2006-01-02T15:04:05.1234567-05:00', utc(2006, 1, 2, 20, 4, 5, 123)],
    ['2006-01-02T15:04:05,5Z', utc(2006, 1, 2, 15, 4, 5, 500)],
    // Without a zone: UTC, never the machine's local time.
    ['2006-01-02T15:04:05', utc(2006, 1, 2, 15, 4, 5)],
    ['2006-01-02 15:04:05', utc(2006, 1, 2, 15, 4, 5)],
    ['2006-01-02 15:04:05 +01:00', utc(2006, 1, 2, 14, 4, 5)],
    ['2006-01-02 15:04:05 UTC', utc(2006, 1, 2, 15, 4, 5)],
    ['2006-01-02T15:04Z', utc(2006, 1, 2, 15, 4)],
    ['2006-01-02', utc(2006, 1, 2)],
    ['2006-01', utc(2006, 1, 1)],
    ['2006-1-2', utc(2006, 1, 2)],
    ['20060102T150405Z', utc(2006, 1, 2, 15, 4, 5)],
    ['20060102', utc(2006, 1, 2)],
    ['2006-01-02t15:04:05z', utc(2006, 1, 2, 15, 4, 5)],
    ['2006-01-02T24:00:00Z', utc(2006, 1, 3)],
    ['2016-12-31T23:59:60Z', utc(2016, 12, 31, 23, 59, 59)],
    ['2004-02-29T00:00:00Z', utc(2004, 2, 29)],
    ['2006/01/02 15:04:05', utc(2006, 1, 2, 15, 4, 5)],
    ['2006/01/02', utc(2006, 1, 2)],
    ['22.11.2022 12:16:00', utc(2022, 11, 22, 12, 16)],
    ['22.11.2022', utc(2022, 11, 22)],
  ])('%s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
});

describe('parseDate: not dates', () => {
  it.each([
    [''],
    ['   '],
    ['not a date'],
    ['yesterday'],
    ['12345'],
    ['2006-13-01'],
    ['2006-02-30'],
    ['2005-02-29T00:00:00Z'],
    ['2006-01-02T25:00:00Z'],
    ['2006-01-02T15:61:00Z'],
    ['2006-01-02T24:30:00Z'],
    ['2006-01-02T15:04:05+25:00'],
    ['2006-01-02T15Z'],
    ['Mon, 32 Jan 2006 15:04:05 GMT'],
    ['Mon, 02 Foo 2006 15:04:05 GMT'],
    ['Mon, 02 Jan 2006 15:04:05 GMT garbage'],
    ['Mon, 02 Jan 2006 13:04 PM'],
    // Month-first or day-first? Guessing would misdate every item.
    ['01/02/2006'],
    ['0000-01-01T00:00:00Z'],
    ['x'.repeat(10_000)],
  ])('%j', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });

  it('accepts undefined', () => {
    expect(parseDate(undefined)).toBeUndefined();
  });
});

describe('clampFuture', () => {
  const now = utc(2024, 5, 1, 12);
  const hour = 3_600_000;

  it('keeps past dates and dates up to a day ahead', () => {
    expect(clampFuture(now - 1000 * hour, now)).toBe(now - 1000 * hour);
    expect(clampFuture(now + 23 * hour, now)).toBe(now + 23 * hour);
  });

  it('turns dates further ahead into now', () => {
    expect(clampFuture(now + 25 * hour, now)).toBe(now);
    expect(clampFuture(utc(2099, 1, 1), now)).toBe(now);
  });

  it('passes undefined through', () => {
    expect(clampFuture(undefined, now)).toBeUndefined();
  });
});
