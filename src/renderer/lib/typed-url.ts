import { resolveWebUrl } from '@shared/web-url';

/**
 * An address the reader typed, as a web address: people paste "example.com/feed", so https is
 * assumed when no scheme is given. Undefined when it is blank or no web address at all. Shared by
 * every box that takes a typed address (Add feed, Add account).
 */
export function normalizeUrl(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return resolveWebUrl(withScheme);
}
