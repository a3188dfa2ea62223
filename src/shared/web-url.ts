/**
 * "A web address": a value that parses as a URL (relative to `base` when one is given) whose
 * scheme is http or https. Everything Broadsheet fetches, links to or keeps as an article's or
 * feed's address passes this one test; `javascript:`, `data:`, `file:` and junk never do.
 *
 * The value is taken as a browser takes an HREF: not trimmed beyond what the URL parser strips
 * (spaces and control characters at either end), and an empty value resolves to `base` itself.
 * Callers for whom blank means "absent" say so before asking. Other schemes with a meaning of
 * their own (mailto: in an export, file: in the shell) are checked where they mean it.
 */

/** Whether a URL's `protocol` is http: or https:. */
export function isWebProtocol(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:';
}

/** The parsed URL when `value` is a web address, else undefined. */
export function parseWebUrl(
  value: string | null | undefined,
  base?: string | URL,
): URL | undefined {
  if (value === null || value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  return isWebProtocol(url.protocol) ? url : undefined;
}

/** The absolute href when `value` is a web address, else undefined. */
export function resolveWebUrl(
  value: string | null | undefined,
  base?: string | URL,
): string | undefined {
  return parseWebUrl(value, base)?.href;
}

/** Whether `value` is a web address. */
export function isWebUrl(value: string | null | undefined, base?: string | URL): boolean {
  return parseWebUrl(value, base) !== undefined;
}
