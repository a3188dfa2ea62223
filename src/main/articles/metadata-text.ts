/** Tidying the title and byline strings pages give, which carry their site's branding. */

const SEPARATOR = String.raw`\s+[|\-–—:·•»/]\s+|\s*[|｜·•»]\s*|\s*[:：]\s+|\s+::\s+`;

/**
 * "Storm hits coast - The Guardian" becomes "Storm hits coast" when the site is known to be
 * The Guardian (by its name or its host). Titles are never cut down to nothing, and a
 * separator that is part of the headline ("Covid-19: what we know") is left alone.
 */
export function stripSiteName(title: string, siteNames: (string | undefined)[]): string {
  const trimmed = title.replace(/\s+/g, ' ').trim();
  const names = siteNames
    .filter((name): name is string => Boolean(name?.trim()))
    .flatMap((name) => [name.trim(), name.trim().replace(/^the\s+/i, '')]);
  for (const name of names) {
    const escaped = escapeRegExp(name);
    const suffix = new RegExp(`(?:${SEPARATOR})(?:the\\s+)?${escaped}\\s*$`, 'i');
    const prefix = new RegExp(`^\\s*(?:the\\s+)?${escaped}(?:${SEPARATOR})`, 'i');
    for (const pattern of [suffix, prefix]) {
      const stripped = trimmed.replace(pattern, '').trim();
      if (stripped && stripped !== trimmed) return stripped;
    }
  }
  return trimmed;
}

/** "By Jane Doe" and "by: Jane Doe" become "Jane Doe"; empty or link-only bylines are none. */
export function cleanByline(value: string | undefined | null): string | undefined {
  const text = value
    ?.replace(/\s+/g, ' ')
    .trim()
    // "By" in the languages whose bylines we have seen; not Italian "Di", which starts surnames.
    .replace(/^(?:(?:written\s+)?by|von|par|por|מאת|بقلم)\s*:?\s+/i, '')
    .replace(/[\s,|·•-]+$/, '')
    .trim();
  if (!text || /^https?:\/\//i.test(text) || text.length > 120) return undefined;
  return text;
}

/** Site names compare loosely: "the Guardian" and "The Guardian" are the same publication. */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const normalize = (name: string) =>
    name
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/[^\p{L}\p{N}]+/gu, '');
  return normalize(a) === normalize(b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
