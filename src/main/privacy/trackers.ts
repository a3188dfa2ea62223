/**
 * Lookups over trackers.json and Ghostery's tracker database (tracker-db.ts): which URLs belong
 * to analytics and ad services, which query parameters only exist to follow the reader around
 * (that list is src/shared/tracking-params.ts, which canonical URLs use too), and which lone
 * words are tracker badges. The lists are data so they can grow without touching
 * the cleaner.
 *
 * trackers.json is our own list: hosts and paths the database misses (cpx.golem.de,
 * stats.wordpress.com, FeedBurner's click and flare paths), badge names, and
 * `allowHosts`, the hosts the database flags that serve articles' own pictures (measured on the
 * real-feeds corpus, docs/bench/trackers.md).
 */
import { englishText } from '../../shared/main-text';
import type { MainText } from '../../shared/result';
import { parseSrcset, serializeSrcset } from '../../shared/srcset';
import { trackerDbRules } from './tracker-db';
import trackers from './trackers.json';
import { isTrackingParam } from '../../shared/tracking-params';
import { parseWebUrl } from '../../shared/web-url';

const HOSTS = new Set(trackers.hosts.map((host) => host.toLowerCase()));
const HOST_PATHS = trackers.hostPaths.map(({ host, path }) => ({
  host: host.toLowerCase(),
  path: path.toLowerCase(),
}));
const PATHS = trackers.paths.map((path) => path.toLowerCase());
const NAMES = new Set(trackers.names.map(normalizeName));
const ALLOWED_HOSTS = new Set(trackers.allowHosts.map((host) => host.toLowerCase()));

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

/**
 * Why a request to this host would report to a tracker, or undefined: the host or a parent
 * domain is on our list, or is a tracking host in the tracker database. Decides on the name
 * alone, so it can refuse a connection before one is made (it fits the address guard's
 * `refuseHost` hook); a tracking path on an ordinary host (facebook.com/tr) needs the whole
 * URL: see trackerUrlReason.
 */
export function trackerHostReason(hostname: string): string | undefined {
  return inEnglish(trackerHostText(hostname));
}

/** trackerHostReason as one of main's messages, for the reader in their language. */
export function trackerHostText(hostname: string): TrackerText | undefined {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!host) return undefined;
  if (hostListed(host, (candidate) => HOSTS.has(candidate))) {
    return trackerText(host, '');
  }
  if (hostListed(host, (candidate) => ALLOWED_HOSTS.has(candidate))) return undefined;
  const rules = trackerDbRules();
  let name: string | undefined;
  hostListed(host, (candidate) => (name = rules.hosts.get(candidate)) !== undefined);
  return name === undefined ? undefined : trackerText(host, name);
}

/**
 * Why fetching this URL would report to a tracker, or undefined: a tracker host, or a tracking
 * path (a pixel endpoint on an ordinary host, self-hosted analytics). Every request for an
 * image, a page or an icon is checked against this before it is made.
 */
export function trackerUrlReason(value: string, base?: string): string | undefined {
  return inEnglish(trackerUrlText(value, base));
}

/** trackerUrlReason as one of main's messages, for the reader in their language. */
export function trackerUrlText(value: string, base?: string): TrackerText | undefined {
  const url = parseWebUrl(value, base);
  if (!url) return undefined;
  const where = `${url.host}${url.pathname}`;
  if (onOurList(url)) return trackerText(where, '');
  if (hostListed(url.hostname, (host) => ALLOWED_HOSTS.has(host))) return undefined;
  const byHost = trackerHostText(url.hostname);
  if (byHost) return byHost;
  const rules = trackerDbRules();
  const path = url.pathname.toLowerCase();
  let name: string | undefined;
  hostListed(url.hostname, (host) => {
    name = rules.paths.get(host)?.find((entry) => path.startsWith(entry.path))?.name;
    return name !== undefined;
  });
  return name === undefined ? undefined : trackerText(where, name);
}

/**
 * The values every tracker sentence takes: `where` (a host, or host and path), and `list`,
 * `ours` for our own list, else `database` with the tracker's `name`.
 */
function trackerText(where: string, name: string): TrackerText {
  return {
    id: 'main.tracker.reason',
    values: { where, list: name ? 'database' : 'ours', name },
  };
}

/** A tracker reason: its values fit any `main.*` sentence built on `main.tracker.reason`. */
export interface TrackerText extends MainText {
  values: { where: string; list: 'ours' | 'database'; name: string };
}

function inEnglish(text: MainText | undefined): string | undefined {
  return text && englishText(text.id, text.values);
}

/** Whether fetching this URL (an image, a frame, a page) would report to a tracker. */
export function isTrackerUrl(value: string, base?: string): boolean {
  return trackerUrlReason(value, base) !== undefined;
}

/**
 * Whether a link leads to a tracker on our own list (a badge's "Web Analytics" link). Our list
 * only: a link is no request until the reader follows it, and the database also names makers'
 * home pages (loggly.com, gigya.com) that articles link to on purpose.
 */
export function isTrackerLink(value: string, base?: string): boolean {
  const url = parseWebUrl(value, base);
  return url !== undefined && onOurList(url);
}

function onOurList(url: URL): boolean {
  if (hostListed(url.hostname, (host) => HOSTS.has(host))) return true;
  const path = url.pathname.toLowerCase();
  if (PATHS.some((listed) => path.endsWith(listed))) return true;
  return HOST_PATHS.some(
    (entry) =>
      path.startsWith(entry.path) && hostListed(url.hostname, (host) => host === entry.host),
  );
}

// The list lives in src/shared, where canonical-url.ts reads it too.
export { isTrackingParam };

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
