import { getLocaleState } from '../../i18n/current-locale';
import { compareNames } from '../../i18n/formats';

/** Longest tag we keep; longer names are cut, not refused, so a paste never fails silently. */
export const MAX_TAG_LENGTH = 40;
/** Tags one article may carry. */
export const MAX_TAGS_PER_ARTICLE = 30;

/**
 * A tag as stored: trimmed, inner whitespace collapsed, capped. Commas become spaces because
 * browsers read the exported TAGS attribute as a comma-separated list.
 */
export function normalizeTag(raw: string): string {
  return raw.replace(/,/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TAG_LENGTH).trim();
}

/** Tags are the same when they differ only in case ("News" and "news"). */
export function tagKey(tag: string): string {
  return normalizeTag(tag).toLocaleLowerCase();
}

/** Keeps the first spelling of each tag, in order, dropping empties and case-duplicates. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    const tag = normalizeTag(raw);
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result.slice(0, MAX_TAGS_PER_ARTICLE);
}

/** Tags that start with what was typed, then those that contain it, case-insensitively. */
export function suggestTags(
  known: readonly string[],
  typed: string,
  exclude: readonly string[] = [],
  limit = 8,
): string[] {
  const query = tagKey(typed);
  const taken = new Set(exclude.map(tagKey));
  const open = known.filter((tag) => !taken.has(tagKey(tag)));
  if (!query) return open.slice(0, limit);
  const starts = open.filter((tag) => tagKey(tag).startsWith(query));
  const contains = open.filter((tag) => {
    const key = tagKey(tag);
    return !key.startsWith(query) && key.includes(query);
  });
  return [...starts, ...contains].slice(0, limit);
}

/** Tags in the interface language's order; the same name in two cases in a fixed order. */
export const byTagName = (a: string, b: string): number =>
  compareNames(getLocaleState().locale)(a, b) || a.localeCompare(b);
