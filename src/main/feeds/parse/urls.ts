/** Absolute http(s) URL for a value found in a feed, or undefined when it is not one. */
export function resolveUrl(
  value: string | undefined,
  base: string | undefined,
): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    // Anything else (javascript:, data:, file:) has no business in a reader's links.
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function looksLikeWebUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(value.trim());
}
