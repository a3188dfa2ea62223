/**
 * What a read-it-later service's export says about one saved item, whichever service wrote it
 * (Pocket, Instapaper, Omnivore, Readwise Reader): the parsers make these, the rescue import
 * stores them as Saved articles. Database-free.
 */
import { MAX_DATE_MS, MAX_URL_LENGTH } from '@shared/feed-limits';
import { parseWebUrl } from '@shared/web-url';
import { translate } from '../../i18n/current-locale';

export type RescueFormat = 'pocket-html' | 'pocket-csv' | 'instapaper' | 'omnivore' | 'readwise';

export interface RescueHighlight {
  quote: string;
  note?: string;
  createdAt?: number;
}

export interface RescueItem {
  /** Where it sits in the file ("row 12", "link 3", "metadata_0_to_20.json item 4"). */
  where: string;
  url: string;
  /** Empty when the file gave none. */
  title: string;
  /** When the reader saved it (epoch ms); absent when the file's date was missing or unreadable. */
  savedAt?: number;
  publishedAt?: number;
  tags: string[];
  /** Archived in the service: read here. */
  read: boolean;
  /** Favourite, starred or shortlisted: bookmarked here. */
  favourite: boolean;
  author?: string;
  /** A description or the text the reader selected when saving. */
  summary?: string;
  highlights: RescueHighlight[];
  /** Omnivore: the path of the saved page inside the archive. */
  contentPath?: string;
}

/**
 * An item left out: where it sat ("row 4") and why ("has a ftp: URL"), in the language in use
 * when the file was read (the report shows them at once and keeps them nowhere).
 */
export interface RescueProblem {
  where: string;
  reason: string;
}

export interface RescueParse {
  format: RescueFormat;
  items: RescueItem[];
  problems: RescueProblem[];
}

/**
 * The item's address, or the reason it cannot be one: only http(s) addresses within the
 * contract's bound become articles (a `javascript:` link must never reach a fetch or a link).
 */
export function checkUrl(raw: string | undefined): { url: string } | { reason: string } {
  const value = raw?.trim() ?? '';
  if (!value) return { reason: translate('rescue.problem.noUrl') };
  if (value.length > MAX_URL_LENGTH)
    return { reason: translate('rescue.problem.urlTooLong', { max: MAX_URL_LENGTH }) };
  const url = parseWebUrl(value);
  if (!url) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
    return {
      reason: scheme
        ? translate('rescue.problem.scheme', { scheme: scheme.toLowerCase() })
        : translate('rescue.problem.invalidUrl'),
    };
  }
  return { url: url.href };
}

/** Seconds since the epoch as exports write them ("1500000000"), or undefined. */
export function fromUnixSeconds(raw: string | undefined): number | undefined {
  const value = raw?.trim() ?? '';
  if (!/^\d{1,12}(\.\d+)?$/.test(value)) return undefined;
  return validDate(Math.round(Number(value) * 1000));
}

/**
 * A written date: ISO 8601 (Omnivore), "2024-03-10 18:26:21+00:00" (Readwise Reader), or plain
 * seconds since the epoch. A date without a zone is read as UTC, as these services write UTC.
 */
export function fromDateText(raw: string | undefined): number | undefined {
  const value = raw?.trim() ?? '';
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return fromUnixSeconds(value);
  let text = value.replace(/^(\d{4}-\d\d-\d\d)[ T]/, '$1T');
  if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) text += 'Z';
  // Date.parse reads "+0000" only with a colon.
  text = text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  if (!/^\d{4}-\d\d-\d\d/.test(text)) return undefined;
  return validDate(Date.parse(text));
}

function validDate(ms: number): number | undefined {
  // Before 1990 no read-it-later service existed: such a date is a unit mistake, not a date.
  return Number.isFinite(ms) && ms >= Date.UTC(1990, 0, 1) && ms <= MAX_DATE_MS ? ms : undefined;
}

/**
 * Tags as exports write them: `a|b` (Pocket CSV), `a,b` (Pocket HTML), `["a","b"]` (Instapaper),
 * `['a', 'b']` (Readwise Reader).
 */
export function splitTags(raw: string | undefined, separator: RegExp = /[|,]/): string[] {
  const value = raw?.trim() ?? '';
  if (!value) return [];
  if (value.startsWith('[') && value.endsWith(']')) {
    const inner = value.slice(1, -1);
    const quoted = [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) =>
      (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'),
    );
    if (quoted.length > 0 || inner.trim() === '') return quoted.filter((tag) => tag.trim());
    return inner
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
  }
  return value
    .split(separator)
    .map((tag) => tag.trim())
    .filter(Boolean);
}
