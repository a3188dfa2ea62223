/**
 * Feed dates under fuzzing: parseDate reads whatever a feed prints without throwing, answers
 * only real instants in the years it accepts, and reads back every RFC 822 and ISO 8601 form
 * it supports (each zone form) as the instant it was written from.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { clampFuture, parseDate } from '@main/dates/parse-date';
import { ZONES } from '@main/dates/zones';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';

const TARGET = 'main/dates/parse-date';
const MINUTE = 60_000;
// parseDate accepts years 1000–9999 as written; a zone moves the instant by at most ±14 h.
const EARLIEST = Date.UTC(1000, 0, 1) - 15 * 60 * MINUTE;
const LATEST = Date.UTC(10_000, 0, 1) + 15 * 60 * MINUTE;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Text that looks like a date often enough to reach every branch of the reader. */
const dateLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ...MONTHS,
          ...DAY_NAMES,
          ...Object.keys(ZONES),
          'GMT+1',
          'UTC-05:30',
          'am',
          'pm',
          'T',
          'Z',
          ',',
          '-',
          ':',
          '.',
          '/',
          ' ',
          '(',
          ')',
          '+',
          'setembro',
          'juil.',
          'März',
        ),
        fc.integer({ min: 0, max: 99_999 }).map(String),
        fc.nat(99).map((n) => pad(n)),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
  fc
    .array(fc.oneof(fc.integer({ min: 0, max: 9999 }).map(String), fc.constantFrom(...MONTHS)), {
      maxLength: 8,
    })
    .map((parts) => parts.join(' ')),
);

/** A whole-second instant whose calendar year stays within 1001–9998 in every zone. */
const instant = fc
  .integer({ min: Date.UTC(1001, 0, 2) / 1000, max: Date.UTC(9998, 11, 30) / 1000 })
  .map((seconds) => seconds * 1000);

/** The wall clock at `time` in a zone `offset` minutes east of UTC. */
function wallClock(time: number, offset: number) {
  const local = new Date(time + offset * MINUTE);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
  };
}

/** A zone as RFC 822 and its relatives print it: a numeric offset or a name from ZONES. */
const rfcZone = fc.oneof(
  fc
    .record({ negative: fc.boolean(), hours: fc.integer({ min: 0, max: 14 }), minutes: fc.nat(59) })
    .map(({ negative, hours, minutes }) => ({
      text: `${negative ? '-' : '+'}${pad(hours)}${pad(minutes)}`,
      offset: (negative ? -1 : 1) * (hours * 60 + minutes),
    })),
  fc.constantFrom(...Object.entries(ZONES)).map(([name, offset]) => ({
    text: name.toUpperCase(),
    offset,
  })),
);

describe('parseDate under fuzzing', () => {
  it(
    'never throws; answers a whole instant within 1000–9999 or nothing',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'never throws; result undefined or an integer epoch in years 1000-9999',
        fc.property(dateLike, (text) => {
          const time = parseDate(text);
          if (time === undefined) return true;
          return Number.isInteger(time) && time >= EARLIEST && time <= LATEST;
        }),
      );
    },
  );

  it(
    'reads an RFC 822 date back as the instant it was written from, in every zone form',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'RFC 822 round trip (numeric and named zones, with and without day name)',
        fc.property(
          instant,
          rfcZone,
          fc.boolean(),
          fc.boolean(),
          (time, zone, dayName, twoDigitYear) => {
            const c = wallClock(time, zone.offset);
            // Two-digit years only name 1950–2049 (RFC 2822 §4.3).
            const shortYear = twoDigitYear && c.year >= 1950 && c.year <= 2049;
            const year = shortYear ? pad(c.year % 100) : String(c.year);
            const text =
              `${dayName ? `${DAY_NAMES[c.weekday]}, ` : ''}${pad(c.day)} ${MONTHS[c.month]} ${year} ` +
              `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} ${zone.text}`;
            return parseDate(text) === time;
          },
        ),
      );
    },
  );

  it(
    'reads an ISO 8601 date back as the instant it was written from, in every zone form',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'ISO 8601 round trip (Z, ±HH:MM, ±HHMM, ±HH, extended and basic, fractions)',
        fc.property(
          instant,
          fc.nat(999),
          fc.integer({ min: -14 * 60, max: 14 * 60 }),
          fc.constantFrom('z', 'colon', 'compact', 'hours'),
          fc.boolean(),
          fc.constantFrom('', 'ms', 'long'),
          (seconds, ms, rawOffset, zoneForm, basic, fraction) => {
            const offset =
              zoneForm === 'z'
                ? 0
                : zoneForm === 'hours'
                  ? Math.trunc(rawOffset / 60) * 60
                  : rawOffset;
            const time = seconds + (fraction ? ms : 0);
            const c = wallClock(time, offset);
            const sign = offset < 0 ? '-' : '+';
            const hh = pad(Math.floor(Math.abs(offset) / 60));
            const mm = pad(Math.abs(offset) % 60);
            const zone =
              zoneForm === 'z'
                ? 'Z'
                : zoneForm === 'colon'
                  ? `${sign}${hh}:${mm}`
                  : zoneForm === 'compact'
                    ? `${sign}${hh}${mm}`
                    : `${sign}${hh}`;
            const frac =
              fraction === 'ms'
                ? `.${pad(c.ms, 3)}`
                : fraction === 'long'
                  ? `.${pad(c.ms, 3)}999`
                  : '';
            const date = basic
              ? `${c.year}${pad(c.month + 1)}${pad(c.day)}T${pad(c.hour)}${pad(c.minute)}${pad(c.second)}`
              : `${c.year}-${pad(c.month + 1)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
            return parseDate(`${date}${frac}${zone}`) === time;
          },
        ),
      );
    },
  );

  it(
    'reads RFC 850 and asctime dates back as the instant they were written from',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'RFC 850 (GMT) and asctime (UTC) round trip',
        fc.property(
          fc.integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2049, 11, 31) / 1000 }),
          fc.boolean(),
          (seconds, asctime) => {
            const time = seconds * 1000;
            const c = wallClock(time, 0);
            const clock = `${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
            const text = asctime
              ? `${DAY_NAMES[c.weekday]} ${MONTHS[c.month]} ${String(c.day).padStart(2, ' ')} ${clock} ${c.year}`
              : `${DAY_NAMES[c.weekday]}day, ${pad(c.day)}-${MONTHS[c.month]}-${pad(c.year % 100)} ${clock} GMT`;
            return parseDate(text) === time;
          },
        ),
      );
    },
  );

  it(
    'clampFuture never moves a date later than now plus a day',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'clampFuture keeps past dates and clamps far-future ones to now',
        fc.property(fc.option(fc.integer()), fc.integer({ min: 0, max: 2 ** 45 }), (time, now) => {
          const clamped = clampFuture(time ?? undefined, now);
          if (time === null) return clamped === undefined;
          return clamped === (time > now + 86_400_000 ? now : time);
        }),
      );
    },
  );
});
