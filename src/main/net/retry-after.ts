/**
 * Retry-After (RFC 9110 §10.2.3): either delta-seconds or an HTTP-date. Returned as a delay in
 * milliseconds so callers need not share a clock with the server.
 */

/**
 * A week: the longest interval a feed may have. A misconfigured or hostile header must not
 * silence a feed for ever, and nothing a news server asks for is longer than this.
 */
const MAX_RETRY_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * @param value the header, or null when absent
 * @param referenceMs "now" for an HTTP-date. Pass the response's own Date header when it has one:
 *   both dates then come from the server's clock, so a skewed local clock cannot shorten or
 *   stretch the wait.
 */
export function parseRetryAfter(value: string | null, referenceMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // Only a date-looking value: Date.parse would otherwise read "1.5" or "-3" as years.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - referenceMs), MAX_RETRY_AFTER_MS);
}

/**
 * A response's Retry-After as a delay, measured from the response's own Date header when it has
 * one (see parseRetryAfter), else from `nowMs`.
 */
export function retryAfterOf(headers: Headers, nowMs: number): number | undefined {
  const serverNow = Date.parse(headers.get('date') ?? '');
  return parseRetryAfter(headers.get('retry-after'), Number.isNaN(serverNow) ? nowMs : serverNow);
}

/**
 * A wait as main's messages state it ("2 minutes"), rounded to the unit a reader would use: the
 * values `amount` and `unit` of their `{unit, select, second {…} minute {…} hour {…} other {…}}`.
 */
export function waitValues(ms: number): {
  amount: number;
  unit: 'second' | 'minute' | 'hour' | 'day';
} {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return { amount: seconds, unit: 'second' };
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return { amount: minutes, unit: 'minute' };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { amount: hours, unit: 'hour' };
  return { amount: Math.round(hours / 24), unit: 'day' };
}

/** "2 minutes", for logs: rounded to the unit a reader would use. */
export function formatWait(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return plural(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return plural(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
