/**
 * Feed dates: RFC 822/2822 (RSS) and ISO 8601/RFC 3339 (Atom, dc:date), plus the variants
 * real feeds publish. Never `Date.parse` on free text: it reads zone-less dates in the
 * machine's local zone, so the same feed would sort differently on different machines.
 */
import { ZONES } from './zones';

const MINUTE = 60_000;
const DAY = 86_400_000;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

// Month abbreviations of feeds published in other languages (pt, es, it, fr, de, nl), as
// prefixes: `set` also reads `setembro`, `juil` reads `juillet`.
const LOCAL_MONTHS: readonly (readonly string[])[] = [
  ['jan', 'jän', 'ene', 'gen'],
  ['fev', 'fév', 'feb'],
  ['mar', 'mär', 'mrz', 'mrt'],
  ['abr', 'avr', 'apr'],
  ['mai', 'mag', 'mei', 'may'],
  ['jun', 'juin', 'giu'],
  ['jul', 'juil', 'lug'],
  ['ago', 'aoû', 'aou', 'aug'],
  ['set', 'sep'],
  ['out', 'okt', 'ott', 'oct'],
  ['nov'],
  ['dez', 'déc', 'dec', 'dic'],
];

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const ISO = new RegExp(
  // date, extended (2006-01-02) or basic (20060102)
  String.raw`^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?|(\d{2})(\d{2}))` +
    // time, minutes required, seconds and fraction optional
    String.raw`(?:(?:t|\s+)(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?` +
    // zone: Z, an offset, or a name with an optional offset (GMT+1)
    String.raw`\s*(z|[+-]\d{1,2}(?::?\d{2})?|[a-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$`,
);

const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:(?:t|\s+)(.*))?$/;
// Day first, as German, Czech and Russian sites write it: `22.11.2022 12:16:00`.
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(.*))?$/;
const WORD = /^\p{L}+\.?$/u;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const OFFSET = /^[+-]\d{1,2}(?::?\d{2})?$/;
const NAMED_OFFSET = /^([a-z]{1,5})([+-]\d{1,2}(?::?\d{2})?)$/;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  offsetMinutes?: number;
}

/** Epoch ms for a feed date, or undefined when the text is not a date we can read. */
export function parseDate(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const normalized = text
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .toLowerCase();
  if (!normalized || normalized.length > 100) return undefined;
  const fields = parseIso(normalized) ?? parseNumeric(normalized) ?? parseTextual(normalized);
  return fields && toEpoch(fields);
}

/** Dates more than a day ahead are generator bugs or time zone mix-ups; they would pin an item
 * to the top of every list, so they become "now". */
export function clampFuture(ms: number | undefined, now: number): number | undefined {
  if (ms === undefined) return undefined;
  return ms > now + DAY ? now : ms;
}

function parseIso(text: string): Fields | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, year, month, day, basicMonth, basicDay, hour, minute, second, fraction, zone] = match;
  if (hour !== undefined && minute === undefined) return undefined;
  const offsetMinutes = zone === undefined ? 0 : parseZone(zone);
  if (offsetMinutes === undefined) return undefined;
  return {
    year: Number(year),
    month: Number(month ?? basicMonth),
    day: Number(day ?? basicDay ?? 1),
    hour: hour === undefined ? undefined : Number(hour),
    minute: minute === undefined ? undefined : Number(minute),
    second: second === undefined ? undefined : Number(second),
    millisecond: fraction === undefined ? undefined : Math.floor(Number(`0.${fraction}`) * 1000),
    offsetMinutes,
  };
}

function parseNumeric(text: string): Fields | undefined {
  const slashed = SLASHED.exec(text);
  const dotted = slashed ? undefined : DOTTED.exec(text);
  let fields: Fields;
  let rest: string | undefined;
  if (slashed) {
    fields = { year: Number(slashed[1]), month: Number(slashed[2]), day: Number(slashed[3]) };
    rest = slashed[4];
  } else if (dotted) {
    fields = { year: Number(dotted[3]), month: Number(dotted[2]), day: Number(dotted[1]) };
    rest = dotted[4];
  } else return undefined;
  if (rest === undefined) return fields;
  const tail = readTimeAndZone(rest.split(/\s+/));
  return tail && { ...fields, ...tail };
}

/**
 * RFC 822 and its relatives: `Mon, 02 Jan 2006 15:04:05 GMT`, `2 Jan 06 15:04 +0100`,
 * `Monday, 02-Jan-06 15:04:05 PST` (RFC 850), `Mon Jan  2 15:04:05 2006` (asctime) and
 * `Jan 2, 2006 3:04 PM`.
 */
function parseTextual(text: string): Fields | undefined {
  // RFC 822's day name ends with a comma; in feeds of other languages it is any word (`Seg,`).
  const tokens = text
    .replace(/^\p{L}+\.?,/u, '')
    .split(/[\s,]+/)
    .flatMap((token) => (/^\d{1,2}-\p{L}+\.?-\d{2,4}$/u.test(token) ? token.split('-') : [token]))
    .filter(Boolean);
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  const rest: string[] = [];
  for (const token of tokens) {
    if (year !== undefined && day !== undefined && month !== undefined) {
      rest.push(token);
      continue;
    }
    const monthIndex = monthOf(token);
    if (WORD.test(token)) {
      if (monthIndex !== undefined && month === undefined) month = monthIndex;
      else if (!isDayName(token) || day !== undefined || month !== undefined) return undefined;
    } else if (/^\d{1,4}$/.test(token)) {
      const value = Number(token);
      if (token.length <= 2 && day === undefined && value >= 1) day = value;
      else if (year === undefined && (token.length === 4 || token.length === 2)) {
        year = token.length === 2 ? expandYear(value) : value;
      } else return undefined;
    } else if (TIME.test(token) && year === undefined && day !== undefined) {
      // asctime puts the time before the year: `Mon Jan  2 15:04:05 2006`.
      rest.push(token);
    } else return undefined;
  }
  if (day === undefined || month === undefined || year === undefined) return undefined;
  const tail = readTimeAndZone(rest);
  return tail && { year, month: month + 1, day, ...tail };
}

function readTimeAndZone(tokens: string[]): Partial<Fields> | undefined {
  const fields: Partial<Fields> = {};
  for (const token of tokens) {
    const time = TIME.exec(token);
    if (time && fields.hour === undefined) {
      fields.hour = Number(time[1]);
      fields.minute = Number(time[2]);
      fields.second = time[3] === undefined ? 0 : Number(time[3]);
    } else if ((token === 'am' || token === 'pm') && fields.hour !== undefined) {
      if (fields.hour < 1 || fields.hour > 12) return undefined;
      fields.hour = (fields.hour % 12) + (token === 'pm' ? 12 : 0);
    } else if (
      /^[a-z+-]/.test(token) &&
      // `GMT -0500`: the offset refines the zone name.
      (fields.offsetMinutes === undefined || (fields.offsetMinutes === 0 && OFFSET.test(token)))
    ) {
      const offset = parseZone(token);
      if (offset === undefined) return undefined;
      fields.offsetMinutes = offset;
    } else return undefined;
  }
  return fields;
}

function parseZone(zone: string): number | undefined {
  if (OFFSET.test(zone)) return parseOffset(zone);
  const named = NAMED_OFFSET.exec(zone);
  if (named) {
    const base = ZONES[named[1]];
    const offset = parseOffset(named[2]);
    // `GMT+0100` and `UTC-5` mean an offset from UTC, not from a local zone.
    return base === 0 && offset !== undefined ? offset : undefined;
  }
  if (!/^[a-z]{1,5}$/.test(zone)) return undefined;
  // RFC 2822 says unknown and military zones mean "no zone information": read them as UTC.
  return Object.hasOwn(ZONES, zone) ? ZONES[zone] : 0;
}

function parseOffset(offset: string): number | undefined {
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  let hours: number;
  let minutes = 0;
  if (digits.length <= 2) hours = Number(digits);
  else {
    hours = Number(digits.slice(0, -2));
    minutes = Number(digits.slice(-2));
  }
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function monthOf(token: string): number | undefined {
  const word = token.replace(/\.$/, '');
  if (word.length < 3) return undefined;
  // English names and their prefixes (`jan`, `sept`), then other languages' abbreviations.
  const index = MONTHS.findIndex((month) => month.startsWith(word));
  if (index >= 0) return index;
  const local = LOCAL_MONTHS.findIndex((names) => names.some((name) => word.startsWith(name)));
  return local >= 0 ? local : undefined;
}

function isDayName(token: string): boolean {
  const word = token.replace(/\.$/, '');
  return word.length >= 2 && DAY_NAMES.some((name) => name.startsWith(word));
}

function expandYear(twoDigits: number): number {
  // RFC 2822 §4.3: 00–49 are 2000–2049, 50–99 are 1950–1999.
  return twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits;
}

function toEpoch(fields: Fields): number | undefined {
  const { year, month, day } = fields;
  const hour = fields.hour ?? 0;
  const minute = fields.minute ?? 0;
  // A leap second is a real timestamp; JavaScript time has no room for it.
  const second = Math.min(fields.second ?? 0, 59);
  const millisecond = fields.millisecond ?? 0;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
    return undefined;
  }
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute || second))) {
    return undefined;
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return undefined;
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime() - (fields.offsetMinutes ?? 0) * MINUTE;
}
