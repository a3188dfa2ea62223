/**
 * The canonical form of an article's address, for "the same page reached through different
 * links": a feed's link with `?utm_source=…`, the `www.` and bare hosts, `http:` and `https:`, a
 * trailing slash, a `#comments` fragment, the AMP edition. Used to decide that two articles are
 * one (story grouping), never to fetch: the result is a key, not a link to follow.
 *
 * Only rewrites that cannot make two different pages equal: the host's case and `www.`, the
 * scheme and default port, the fragment (never sent to the server), tracking parameters (the
 * one list in tracking-params.ts), the order of the other parameters, an AMP marker (`/amp`
 * path suffix, `amp=1`, `outputType=amp`, a Google AMP cache address). Mobile hosts (`m.`) stay:
 * on some sites they serve a different page. The path keeps its case (servers differ on it).
 */
import { isTrackingParam } from './tracking-params';
import { parseWebUrl } from './web-url';

/** The canonical key of a web address, or undefined when `value` is not one. */
export function canonicalUrl(value: string | null | undefined): string | undefined {
  let url = parseWebUrl(value?.trim());
  if (!url) return undefined;
  url = unwrapAmpCache(url) ?? url;
  const host = url.hostname.replace(/\.$/, '').replace(/^www\./, '');
  const port = url.port && !['80', '443'].includes(url.port) ? `:${url.port}` : '';
  let path = url.pathname.replace(/\/amp\/?$/i, '').replace(/\/+$/, '');
  if (path === '') path = '/';
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair && !isTrackingParam(safeDecode(pair.split('=', 1)[0]!)))
    .filter((pair) => !isAmpMarker(pair))
    .sort();
  return `https://${host}${port}${path}${query.length ? `?${query.join('&')}` : ''}`;
}

function isAmpMarker(pair: string): boolean {
  const [name = '', value = ''] = pair.toLowerCase().split('=', 2);
  return (
    (name === 'amp' && ['', '1', 'true'].includes(value)) ||
    (name === 'outputtype' && value === 'amp')
  );
}

/** `https://example-com.cdn.ampproject.org/c/s/example.com/a/b` → `https://example.com/a/b`. */
function unwrapAmpCache(url: { hostname: string; pathname: string; search: string }) {
  if (!/(?:^|\.)cdn\.ampproject\.org$/i.test(url.hostname)) return undefined;
  const match = /^\/[a-z]\/(s\/)?(.+)$/i.exec(url.pathname);
  if (!match) return undefined;
  return parseWebUrl(`${match[1] ? 'https' : 'http'}://${match[2]}${url.search}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
