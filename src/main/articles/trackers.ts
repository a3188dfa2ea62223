/**
 * Lookups over trackers.json: which URLs belong to analytics and ad services, which query
 * parameters only exist to follow the reader around, and which lone words are tracker badges.
 * The list is data so it can grow without touching the cleaner.
 */
import { parseSrcset, serializeSrcset } from './srcset';
import trackers from './trackers.json';

const HOSTS = new Set(trackers.hosts.map((host) => host.toLowerCase()));
const HOST_PATHS = trackers.hostPaths.map(({ host, path }) => ({
  host: host.toLowerCase(),
  path: path.toLowerCase(),
}));
const PATHS = trackers.paths.map((path) => path.toLowerCase());
const PARAMS = new Set(trackers.params.map((param) => param.toLowerCase()));
const PARAM_PREFIXES = trackers.paramPrefixes.map((prefix) => prefix.toLowerCase());
const NAMES = new Set(trackers.names.map(normalizeName));

/** The host itself or any parent domain on the list: `ssl.google-analytics.com` counts. */
function hostListed(host: string, listed: (candidate: string) => boolean): boolean {
  let candidate = host.toLowerCase().replace(/\.$/, '');
  for (;;) {
    if (listed(candidate)) return true;
    const dot = candidate.indexOf('.');
    if (dot < 0) return false;
    candidate = candidate.slice(dot + 1);
  }
}

export function isTrackerUrl(value: string, base?: string): boolean {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (hostListed(url.hostname, (host) => HOSTS.has(host))) return true;
  const path = url.pathname.toLowerCase();
  if (PATHS.some((listed) => path.endsWith(listed))) return true;
  return HOST_PATHS.some(
    (entry) =>
      path.startsWith(entry.path) && hostListed(url.hostname, (host) => host === entry.host),
  );
}

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return PARAMS.has(key) || PARAM_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * The URL without tracking parameters, everything else left byte for byte as it was (no
 * re-encoding through URLSearchParams, which would rewrite `%20` and friends).
 */
export function stripTrackingParams(value: string): string {
  const hashAt = value.indexOf('#');
  const beforeHash = hashAt < 0 ? value : value.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : value.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return value;
  const pairs = beforeHash.slice(queryAt + 1).split('&');
  const tracking = (pair: string) => isTrackingParam(safeDecode(pair.split('=', 1)[0] ?? ''));
  if (!pairs.some(tracking)) return value;
  const kept = pairs.filter((pair) => pair && !tracking(pair));
  const query = kept.length ? `?${kept.join('&')}` : '';
  return `${beforeHash.slice(0, queryAt)}${query}${hash}`;
}

/** `srcset` holds several URLs, each followed by a width or density descriptor. */
export function stripTrackingParamsFromSrcset(srcset: string): string {
  const candidates = parseSrcset(srcset);
  return serializeSrcset(
    candidates.map((candidate) => ({ ...candidate, url: stripTrackingParams(candidate.url) })),
  );
}

/** A block whose whole text is a tracker's name or badge, like the stray "Clicky" line. */
export function isTrackerName(text: string): boolean {
  return NAMES.has(normalizeName(text));
}

function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s|·•:-]+|[\s|·•:.-]+$/g, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
