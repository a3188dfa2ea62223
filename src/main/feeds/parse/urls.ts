import { resolveWebUrl } from '../../../shared/web-url';

/** Absolute http(s) URL for a value found in a feed, or undefined when it is not one. */
export function resolveUrl(
  value: string | undefined,
  base: string | undefined,
): string | undefined {
  const trimmed = value?.trim();
  // Blank is absent here, not "the base itself".
  return trimmed ? resolveWebUrl(trimmed, base) : undefined;
}

export function looksLikeWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(value.trim());
}
