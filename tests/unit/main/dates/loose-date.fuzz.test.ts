/**
 * Dates in imported text under fuzzing: findDate reads any text without throwing, answers only
 * instants in the years it accepts (1900–2200, relative ones included), and reads back dates
 * written from a random instant in a random zone.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { findDate, parseLooseDate } from '@main/dates/loose-date';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';

const TARGET = 'main/dates/loose-date';
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 6, 12);
// Days are read in years 1900–2200; a zone moves the instant by at most ±14 h.
const EARLIEST = Date.UTC(1900, 0, 1) - 15 * 60 * MINUTE;
const LATEST = Date.UTC(2201, 0, 1) + 15 * 60 * MINUTE;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

const dateLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ...MONTHS,
          'ago',
          'just now',
          'hours',
          'days',
          'weeks',
          'an',
          'PM',
          'a.m.',
          'GMT',
          'KST',
          '+09:00',
          '−05',
          '年',
          '月',
          '日',
          '년',
          '월',
          '일',
          '오후',
          '午前',
          '時',
          '分',
          'de',
          'of',
          'th',
          ' ',
          ':',
          '.',
          '/',
          '-',
          ',',
        ),
        fc.nat().map(String),
        fc.bigInt({ min: 0n, max: 10n ** 400n }).map(String),
        fc.integer({ min: 1890, max: 2210 }).map(String),
        fc.nat(99).map((n) => pad(n)),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(' ')),
  // "N units ago" with any N, up to numbers too large for a double.
  fc
    .tuple(
      fc.oneof(fc.nat().map(String), fc.bigInt({ min: 0n, max: 10n ** 400n }).map(String)),
      fc.constantFrom('s', 'min', 'hours', 'h', 'days', 'd', 'weeks', 'w'),
    )
    .map(([amount, unit]) => `${amount} ${unit} ago`),
);

describe('findDate under fuzzing', () => {
  it(
    'never throws; answers an integer epoch within 1900–2200 or nothing',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'never throws; result undefined or an integer epoch in years 1900-2200',
        fc.property(
          dateLike,
          fc.option(fc.integer({ min: -14 * 60, max: 14 * 60 })),
          (text, zone) => {
            const found = findDate(text, {
              now: NOW,
              ...(zone === null ? {} : { timeZoneOffsetMinutes: zone }),
            });
            if (found === undefined) return true;
            return (
              Number.isInteger(found.time) &&
              found.time >= EARLIEST &&
              found.time <= LATEST &&
              typeof found.rest === 'string'
            );
          },
        ),
      );
    },
  );

  it(
    'reads dates written from a random instant back as that instant',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'round trip: "D Month YYYY HH:MM", "Month D, YYYY h:MM PM", "YYYY-MM-DD HH:MM:SS ±HH:MM"',
        fc.property(
          fc.integer({ min: Date.UTC(1901, 0, 1) / MINUTE, max: Date.UTC(2199, 0, 1) / MINUTE }),
          fc.integer({ min: -14 * 60, max: 14 * 60 }),
          fc.constantFrom('dmy', 'mdy', 'iso'),
          (minutes, offset, form) => {
            const time = minutes * MINUTE;
            const local = new Date(time + offset * MINUTE);
            const [y, mo, d, h, mi] = [
              local.getUTCFullYear(),
              local.getUTCMonth(),
              local.getUTCDate(),
              local.getUTCHours(),
              local.getUTCMinutes(),
            ];
            const sign = offset < 0 ? '-' : '+';
            const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
            const hour12 = h % 12 === 0 ? 12 : h % 12;
            const text =
              form === 'dmy'
                ? `${d} ${MONTHS[mo]} ${y} ${pad(h)}:${pad(mi)}`
                : form === 'mdy'
                  ? `${MONTHS[mo]} ${d}, ${y} ${hour12}:${pad(mi)} ${h < 12 ? 'AM' : 'PM'}`
                  : `${y}-${pad(mo + 1)}-${pad(d)} ${pad(h)}:${pad(mi)}:00 ${zone}`;
            // The first two carry no zone: the caller's zone is the one they were written in.
            return parseLooseDate(text, { now: NOW, timeZoneOffsetMinutes: offset }) === time;
          },
        ),
      );
    },
  );
});
