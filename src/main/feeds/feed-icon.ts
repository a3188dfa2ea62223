/**
 * A feed's icon for the sidebar, fetched once and kept by the renderer for offline use. The
 * feed's own icon comes first (RSS image, Atom icon/logo, JSON Feed icon/favicon); without one,
 * or when it fails, the site's `<link rel="icon">`, then its `/favicon.ico`. Icons are small
 * (at most 64 KB) raster images: SVG can carry scripts and is refused, as is anything that is
 * not an image.
 */
import { headWhenTooComplex } from '../html/page-shape';
import type { FeedIconResult } from '../../shared/contract';
import { downloadImages } from '../net/download-images';
import { trackerUrlReason } from '../privacy/trackers';
import { PAGE_ACCEPT } from '../net/accept';
import { httpGet } from '../net/http-get';
import type { FeedServiceDeps } from './feed-service';
import { parseWebUrl } from '../../shared/web-url';
import { loadJsdom } from '../html/load-jsdom';

export const MAX_ICON_BYTES = 64 * 1024;
/** The home page is read only for its `<head>` links. */
const MAX_PAGE_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;
/** The sidebar draws icons at 16 px (32 on dense screens): the nearest declared size wins. */
const WANTED_SIZE = 32;

export interface FeedIconRequest {
  feedUrl: string;
  iconUrl?: string;
  siteUrl?: string;
}

export async function fetchFeedIcon(
  deps: FeedServiceDeps,
  request: FeedIconRequest,
): Promise<FeedIconResult> {
  const tried = new Set<string>();
  const reasons: string[] = [];
  const attempt = async (url: string): Promise<FeedIconResult | undefined> => {
    if (tried.has(url)) return undefined;
    tried.add(url);
    const [result] = await downloadImages(deps, [url], {
      maxImageBytes: MAX_ICON_BYTES,
      maxArticleBytes: MAX_ICON_BYTES,
      timeoutMs: TIMEOUT_MS,
      concurrency: 1,
    });
    if (result?.ok) return { ok: true, url, contentType: result.contentType, bytes: result.bytes };
    reasons.push(`${url}: ${result?.reason ?? 'no answer'}`);
    return undefined;
  };

  if (request.iconUrl) {
    const own = await attempt(request.iconUrl);
    if (own) return own;
  }
  const site = siteOf(request);
  if (site) {
    for (const url of await pageIcons(deps, site)) {
      const linked = await attempt(url);
      if (linked) return linked;
    }
    const favicon = await attempt(new URL('/favicon.ico', site).href);
    if (favicon) return favicon;
  }
  return { ok: false, reason: reasons.join('; ') || 'no icon to try' };
}

/** The site's home page: the feed's link, else the feed's own origin. */
function siteOf(request: FeedIconRequest): URL | undefined {
  for (const candidate of [request.siteUrl, request.feedUrl]) {
    if (!candidate) continue;
    const url = parseWebUrl(candidate);
    // Not a web address: try the next one.
    if (url) return candidate === request.siteUrl ? url : new URL('/', url);
  }
  return undefined;
}

/** The page's `<link rel="icon">` addresses, best size first, SVG left out. */
async function pageIcons(deps: FeedServiceDeps, site: URL): Promise<string[]> {
  // Icons themselves are checked by downloadImages; the home page is asked for here.
  if (trackerUrlReason(site.href)) return [];
  let page;
  try {
    page = await httpGet(
      deps,
      { url: site.href, accept: PAGE_ACCEPT },
      { ...deps.limits, maxBytes: MAX_PAGE_BYTES, timeoutMs: TIMEOUT_MS },
    );
  } catch {
    return []; // No home page is no reason to skip /favicon.ico.
  }
  if (page.status !== 'ok' || !/html/i.test(page.contentType ?? 'text/html')) return [];
  // Loaded on first use: main needs jsdom only here and for discovery (see html/load-jsdom.ts).
  const { JSDOM } = await loadJsdom();
  // A hostile body (10,000 nested divs) would hold main's thread; the links are in the head.
  const dom = new JSDOM(headWhenTooComplex(page.body), { url: page.url, contentType: 'text/html' });
  try {
    const document = dom.window.document;
    const icons: { url: string; rank: number }[] = [];
    for (const link of document.querySelectorAll('link[rel][href]')) {
      const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
      const touch = rels.includes('apple-touch-icon');
      if (!rels.includes('icon') && !touch) continue;
      const type = (link.getAttribute('type') ?? '').toLowerCase();
      const href = link.getAttribute('href') ?? '';
      if (type.includes('svg') || /\.svgz?($|[?#])/i.test(href)) continue;
      const url = parseWebUrl(href, document.baseURI);
      if (!url) continue;
      icons.push({
        url: url.href,
        rank: sizeRank(link.getAttribute('sizes')) + (touch ? 1000 : 0),
      });
    }
    return icons.sort((a, b) => a.rank - b.rank).map((icon) => icon.url);
  } finally {
    dom.window.close();
  }
}

/** Lower is better: distance from the wanted size; undeclared sizes rank after a close match. */
function sizeRank(sizes: string | null): number {
  const sides = (sizes ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((size) => Number(/^(\d+)x\d+$/.exec(size)?.[1]))
    .filter((side) => Number.isFinite(side) && side > 0);
  if (sides.length === 0) return 24;
  return Math.min(...sides.map((side) => (side < 16 ? 100 : Math.abs(side - WANTED_SIZE))));
}
