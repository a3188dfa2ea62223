/**
 * Dates as people write them at the top of an article: "23 Aug 2025 05:21 PM", "August 23,
 * 2025", "2025-08-23 17:21", "23.08.2025", "2025년 8월 23일", "3 hours ago". Month names come
 * from Intl for a few dozen languages, so the list never has to be typed out.
 *
 * A date without a zone is a wall-clock time: read in the zone the caller names, else in the
 * machine's local zone, the way the reader would read the page.
 */
import { ZONES } from './zones';

export interface DateContext {
  /** Epoch ms, the reference for "3 hours ago". Defaults to Date.now(). */
  now?: number;
  /**
   * Minutes east of UTC for dates that carry no zone, as in "+09:00" (540 for Seoul, -300 for
   * New York in winter). Without it they are read in the process's local zone.
   */
  timeZoneOffsetMinutes?: number;
}

export interface FoundDate {
  /** Epoch ms. */
  time: number;
  /** The text with the date, time, zone and weekday taken out, lower-cased. */
  rest: string;
}

const MINUTE = 60_000;
// The years a date in text may name (see day()).
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const EARLIEST_DAY = Date.UTC(FIRST_YEAR, 0, 1);
// Keyed by the unit's first letter: "3 hrs ago", "3 hours ago" and "3h ago" alike.
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: MINUTE,
  h: 60 * MINUTE,
  d: 1440 * MINUTE,
  w: 7 * 1440 * MINUTE,
};

const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'sk',
  'hu',
  'ro',
  'tr',
  'ru',
  'uk',
  'el',
  'id',
  'ca',
  'hr',
];

interface NameTables {
  months: Map<string, number>;
  weekdays: Set<string>;
  monthPattern: string;
}

let tables: NameTables | undefined;

function nameTables(): NameTables {
  if (tables) return tables;
  const months = new Map<string, number>();
  const clashes = new Set<string>();
  const addMonth = (name: string, month: number) => {
    const key = normalizeName(name);
    if (key.length < 3 || !/^\p{L}+$/u.test(key) || clashes.has(key)) return;
    const known = months.get(key);
    if (known !== undefined && known !== month) {
      months.delete(key);
      clashes.add(key);
    } else months.set(key, month);
  };
  const weekdays = new Set<string>();
  for (const locale of LOCALES) {
    for (let month = 0; month < 12; month += 1) {
      const date = new Date(Date.UTC(2021, month, 15));
      for (const style of ['long', 'short'] as const) {
        addMonth(format(locale, { month: style }, date), month + 1);
        // In context some languages inflect the name: "23 августа", "23. Aug.".
        addMonth(part(locale, { day: 'numeric', month: style }, date, 'month'), month + 1);
      }
    }
    for (let day = 0; day < 7; day += 1) {
      const date = new Date(Date.UTC(2021, 0, 3 + day));
      for (const style of ['long', 'short'] as const) {
        // Two-letter abbreviations ("to", "do") are too often ordinary words.
        const name = normalizeName(format(locale, { weekday: style }, date));
        if (name.length > 2) weekdays.add(name);
      }
    }
  }
  addMonth('sept', 9);
  // "ago" is Spanish and Italian for August, and English for "before now".
  months.delete('ago');
  const names = [...months.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  tables = { months, weekdays, monthPattern: names.join('|') };
  return tables;
}

function format(locale: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

function part(
  locale: string,
  options: Intl.DateTimeFormatOptions,
  date: Date,
  type: Intl.DateTimeFormatPartTypes,
): string {
  const parts = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(
    date,
  );
  return parts.find((p) => p.type === type)?.value ?? '';
}

function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\.$/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseLooseDate(text: string, context: DateContext = {}): number | undefined {
  return findDate(text, context)?.time;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

interface Match {
  index: number;
  length: number;
}

export function findDate(text: string, context: DateContext = {}): FoundDate | undefined {
  let s = ` ${text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')} `;
  const cut = (m: Match) => {
    s = `${s.slice(0, m.index)} ${s.slice(m.index + m.length)}`;
  };

  const relative = findRelative(s, context.now ?? Date.now());
  if (relative) {
    cut(relative.match);
    return { time: relative.time, rest: leftover(s) };
  }

  const day = findDay(s);
  if (!day) return undefined;
  cut(day.match);
  const time = findTime(s);
  let zone: number | undefined;
  if (time) {
    const end = time.match.index + time.match.length;
    const found = findZone(s.slice(end));
    // The zone first: it sits after the time, so cutting it leaves the time's place unchanged.
    if (found) {
      cut({ index: end, length: found.length });
      zone = found.offset;
    }
    cut(time.match);
  }
  const epoch = compose(day.value, time?.value ?? [0, 0, 0], zone ?? context.timeZoneOffsetMinutes);
  return epoch === undefined ? undefined : { time: epoch, rest: leftover(s) };
}

function findRelative(s: string, now: number): { time: number; match: Match } | undefined {
  const ago =
    /(?<![\p{L}\d])(\d+|an?|one)\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago(?!\p{L})/u.exec(
      s,
    );
  if (ago) {
    const amount = /\d/.test(ago[1] ?? '') ? Number(ago[1]) : 1;
    const ms = UNIT_MS[(ago[2] ?? 's').charAt(0)] ?? 0;
    const time = now - amount * ms;
    // "99999999 weeks ago" is no date (before year 1, or -Infinity): the same years as a
    // written day, so nothing outside them is ever stored or sorted on.
    if (!(time >= EARLIEST_DAY)) return undefined;
    return { time, match: { index: ago.index, length: ago[0].length } };
  }
  const justNow = /(?<!\p{L})just now(?!\p{L})/u.exec(s);
  if (justNow) return { time: now, match: { index: justNow.index, length: justNow[0].length } };
  return undefined;
}

function findDay(s: string): { value: Day; match: Match } | undefined {
  // Year first: ISO, and the East Asian 2025年8月23日 / 2025년 8월 23일 / 2025. 8. 23.
  const ymd =
    /(?<!\d)(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})(?!\d)\s*[日일]?/u.exec(s);
  if (ymd) return day(ymd, Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));

  const { monthPattern, months } = nameTables();
  const month = (name: string | undefined) => months.get(normalizeName(name ?? '')) ?? 0;
  // 23 Aug 2025, 23. August 2025, 23 de agosto de 2025, 23rd of August, 2025
  const dmy = new RegExp(
    `(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s*(?:de\\s+|of\\s+)?(${monthPattern})\\.?(?!\\p{L}),?\\s*(?:de\\s+)?(\\d{4})(?!\\d)`,
    'u',
  ).exec(s);
  if (dmy) return day(dmy, Number(dmy[3]), month(dmy[2]), Number(dmy[1]));
  // August 23, 2025; Aug. 23rd 2025
  const mdy = new RegExp(
    `(?<!\\p{L})(${monthPattern})\\.?\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d),?\\s*(\\d{4})(?!\\d)`,
    'u',
  ).exec(s);
  if (mdy) return day(mdy, Number(mdy[3]), month(mdy[1]), Number(mdy[2]));

  // 23.08.2025, 23/08/25, 08/23/2025: day first unless that cannot be.
  const numeric = /(?<![\d.])(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d])/.exec(s);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[3]);
    let year = Number(numeric[4]);
    if ((numeric[4] ?? '').length === 2) year += year < 70 ? 2000 : 1900;
    const monthFirst = second > 12 && first <= 12;
    return monthFirst ? day(numeric, year, first, second) : day(numeric, year, second, first);
  }
  return undefined;
}

function day(
  match: RegExpExecArray,
  year: number,
  month: number,
  dayOfMonth: number,
): { value: Day; match: Match } | undefined {
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12) return undefined;
  return {
    value: { year, month, day: dayOfMonth },
    match: { index: match.index, length: match[0].length },
  };
}

const MERIDIEM = '(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)';
const CLOCK = new RegExp(
  `(?<![\\d.])t?(\\d{1,2})\\s*(?::|h(?=\\d))\\s*(\\d{2})(?:\\s*:\\s*(\\d{2}))?(?:[.,]\\d+)?\\s*${MERIDIEM}?(?!\\d)`,
  'u',
);
const CJK_CLOCK = /(?<!\d)(\d{1,2})\s*[時时시]\s*(?:(\d{1,2})\s*[分분])?/u;
const HOUR_ONLY = new RegExp(`(?<![\\d.:])(\\d{1,2})\\s*${MERIDIEM}(?!\\p{L})`, 'u');

function findTime(s: string): { value: [number, number, number]; match: Match } | undefined {
  let hour: number;
  let minute = 0;
  let second = 0;
  let meridiem: string;
  let match: RegExpExecArray | null = CLOCK.exec(s) ?? CJK_CLOCK.exec(s);
  if (match) {
    hour = Number(match[1]);
    minute = Number(match[2] ?? 0);
    second = Number(match[3] ?? 0);
    meridiem = match[4] ?? '';
  } else {
    match = HOUR_ONLY.exec(s);
    if (!match) return undefined;
    hour = Number(match[1]);
    meridiem = match[2] ?? '';
  }
  // Korean and Japanese put the half of the day before the time: 오후 5:21, 午後5時.
  if (!meridiem && /(?:오후|午後)/u.test(s)) meridiem = 'pm';
  if (!meridiem && /(?:오전|午前)/u.test(s)) meridiem = 'am';
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem.startsWith('p') ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { value: [hour, minute, second], match: { index: match.index, length: match[0].length } };
}

/** A zone right after the time: Z, +09:00, +0900, GMT+9, UTC, (KST). */
function findZone(after: string): { offset: number; length: number } | undefined {
  const numeric =
    /^\s*\(?\s*(?:z|utc|gmt|ut)?\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?(?!\d)/u.exec(after);
  if (numeric) {
    const sign = numeric[1] === '+' ? 1 : -1;
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return undefined;
    return { offset: sign * (hours * 60 + minutes), length: numeric[0].length };
  }
  const named = /^\s*\(?\s*([a-z]{1,5})\s*\)?(?!\p{L})/u.exec(after);
  const offset = named ? ZONES[named[1] ?? ''] : undefined;
  return named && offset !== undefined ? { offset, length: named[0].length } : undefined;
}

function compose(day: Day, time: [number, number, number], offset?: number): number | undefined {
  const [hour, minute, second] = time;
  const utc = Date.UTC(day.year, day.month - 1, day.day, hour, minute, second);
  // Date.UTC rolls 31 June over into July; a date that rolls over was never a date.
  if (new Date(utc).getUTCDate() !== day.day) return undefined;
  if (offset !== undefined) return utc - offset * MINUTE;
  return new Date(day.year, day.month - 1, day.day, hour, minute, second).getTime();
}

/** What is left once the date is out: weekday names, filler words and punctuation removed. */
function leftover(s: string): string {
  const { weekdays } = nameTables();
  return s
    .replace(/(?:오후|午後|오전|午前|입력|수정)/gu, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !weekdays.has(word) && !FILLER.has(word))
    .join(' ');
}

const FILLER = new Set(['at', 'on', 'the', 'of', 'um', 'am', 'le', 'à', 'de', 'el', 'il', 'uhr']);
