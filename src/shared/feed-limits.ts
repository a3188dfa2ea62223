import { isWebUrl } from './web-url';

/**
 * How long a feed address and a conditional-GET validator may be. The contract refuses longer
 * ones, and both come from servers (an ETag header, a permanent redirect's target) or from a
 * restored backup, so every place that takes them from outside bounds them with these first:
 * one oversized value must never make a whole `sync.setFeeds` unacceptable.
 */
export const MAX_URL_LENGTH = 4096;
export const MAX_VALIDATOR_LENGTH = 1024;

/**
 * An ETag or Last-Modified value, or undefined when it is too long to keep. Dropping one only
 * costs a full fetch next time (the server cannot answer 304), never an article.
 */
export function boundedValidator(value: string | undefined): string | undefined {
  return value !== undefined && value.length <= MAX_VALIDATOR_LENGTH ? value : undefined;
}

/** Whether Broadsheet can fetch this address: http(s), parseable, and not too long. */
export function isFetchableUrl(value: string): boolean {
  const url = value.trim();
  return url.length <= MAX_URL_LENGTH && isWebUrl(url);
}

/**
 * The furthest time from 1970, either way, a Date can hold (ms): past it `toISOString()` throws.
 * Every stored or exchanged time stays within it.
 */
export const MAX_DATE_MS = 8.64e15;
