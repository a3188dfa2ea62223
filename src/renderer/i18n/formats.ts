/**
 * Dates, relative times, numbers, sizes, lists and name order in a given interface language,
 * all through `Intl`. Formatters are made once per locale and kept: building one costs more
 * than using it, and a list formats hundreds of dates per paint.
 */

const DAY = 24 * 3600e3;
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3600e3],
  ['minute', 60e3],
  ['second', 1e3],
];

const made = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  let found = made.get(key) as T | undefined;
  if (found === undefined) {
    found = make();
    made.set(key, found);
  }
  return found;
}

/** "3 hours ago", "vor 3 Stunden", "3時間前", "قبل 3 ساعات"; "now" under a second. */
export function relativeTime(at: number, locale: string, now = Date.now()): string {
  const format = once(
    `rel|${locale}`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  );
  const delta = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return format.format(Math.round(delta / ms), unit);
  }
  return format.format(0, 'second');
}

/** A date and time in full: "6 December 2026 at 14:05", "2026年12月6日 14:05". */
export function fullDate(at: number, locale: string): string {
  return once(
    `full|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }),
  ).format(at);
}

/** A date alone, short: "Dec 6, 2026", "6 déc. 2026". */
export function shortDate(at: number, locale: string): string {
  return once(
    `date|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
  ).format(at);
}

/** A date and time, short: for moments the reader set (a mute's end, a backup). */
export function shortDateTime(at: number, locale: string): string {
  return once(
    `datetime|${locale}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(at);
}

export function formatNumber(n: number, locale: string): string {
  return once(`num|${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

export function formatPercent(fraction: number, locale: string): string {
  return once(
    `pct|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(fraction);
}

const BYTE_UNITS: [Intl.NumberFormatOptions['unit'], number][] = [
  ['gigabyte', 1024 ** 3],
  ['megabyte', 1024 ** 2],
  ['kilobyte', 1024],
];

/**
 * A size in the reader's words: "16 MB", "1,5 Go", "512 KB". `roundUp` for a size shown beside
 * a limit: a file just over 10 MB must never read as exactly "10 MB".
 */
export function formatBytes(bytes: number, locale: string, { roundUp = false } = {}): string {
  for (const [unit, size] of BYTE_UNITS) {
    if (bytes < size) continue;
    const n = (roundUp ? Math.ceil : Math.round)((bytes / size) * 10) / 10;
    return once(
      `bytes|${unit}|${locale}`,
      () =>
        new Intl.NumberFormat(locale, {
          style: 'unit',
          unit,
          unitDisplay: 'short',
          maximumFractionDigits: 1,
        }),
    ).format(n);
  }
  return once(
    `bytes|byte|${locale}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }),
  ).format(bytes);
}

/** "a, b and c", "a, b et c", "a、b、c", "a وb وc". */
export function formatList(
  items: readonly string[],
  locale: string,
  // 'unit': "2 feeds, 5 articles" — a plain enumeration, with no "and" in English.
  type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction',
): string {
  return once(`list|${type}|${locale}`, () => new Intl.ListFormat(locale, { type })).format(items);
}

/** Names in the order a reader of this language expects ("Ärzte" beside "Arzt", not after "Z"). */
export function compareNames(locale: string): (a: string, b: string) => number {
  return once(
    `collator|${locale}`,
    () => new Intl.Collator(locale, { sensitivity: 'base', numeric: true }).compare,
  );
}
