/**
 * A site or feed URL to the feeds it offers, for Add feed. A feed URL answers itself. A web
 * page answers with the feeds its `<link rel="alternate">` tags name, unfetched: the reader
 * picks one and that one is fetched. A page naming none gets the usual feed addresses of its
 * site tried, each of which counts only if it parses as a feed.
 */
import { headWhenTooComplex } from '../html/page-shape';
import type { DiscoverResult, DiscoveredFeed } from '../../shared/contract';
import type { FeedFormat } from '../../shared/feed-model';
import { AppError } from '../../shared/result';
import { FEED_ACCEPT } from '../net/accept';
import { httpGet, type FetchedDocument } from '../net/http-get';
import type { FeedServiceDeps } from './feed-service';
import { parseFeed } from './parse/parse-feed';
import { resolveWebUrl } from '../../shared/web-url';
import { loadJsdom } from '../html/load-jsdom';

type Document = Extract<FetchedDocument, { status: 'ok' }>;

const LINK_TYPES: Readonly<Record<string, FeedFormat>> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/rdf+xml': 'rdf',
};

/** Where feeds usually live, relative to the site root, in the order they are tried. */
const GUESSED_PATHS = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/index.xml', '/feed.json'];

/** A guess is usually a quick 404; a server that stalls on one should not hold up the rest. */
const PROBE_TIMEOUT_MS = 8_000;
const PROBES_BUDGET_MS = 20_000;

/** Feed links sit in `<head>`; a page bigger than this is cut, not parsed whole. */
const MAX_HTML_BYTES = 2 * 1024 * 1024;
const MAX_LINKS = 50;
const MAX_TITLE = 1000;

export async function discoverFeeds(deps: FeedServiceDeps, url: string): Promise<DiscoverResult> {
  const page = await httpGet(deps, { url, accept: FEED_ACCEPT }, deps.limits);
  if (page.status === 'not-modified') {
    // Nothing was asked conditionally, so this is a broken server rather than a cache answer.
    throw new AppError('http', 'main.feed.notModified', { host: new URL(page.url).host });
  }
  const feed = readFeed(deps, page, true);
  if (feed) return { feeds: [feed] };

  const pageUrl = new URL(page.url);
  const html = isHtml(page);
  if (html) {
    const links = await feedLinks(page);
    if (links.length) return { feeds: links };
  }
  const tried: string[] = [];
  const probingSince = deps.now();
  for (const candidate of guesses(pageUrl)) {
    if (deps.now() - probingSince > PROBES_BUDGET_MS) break;
    tried.push(candidate);
    const found = await probe(deps, candidate);
    if (found) return { feeds: [found] };
  }
  return { feeds: [], message: notFound(pageUrl, tried, html) };
}

/**
 * The document as a discovered feed, or undefined when it is not one. For the page the user
 * gave, a feed we cannot read (too large, a format not supported) is the answer, so it throws.
 */
function readFeed(
  deps: FeedServiceDeps,
  document: Document,
  rethrow: boolean,
): DiscoveredFeed | undefined {
  try {
    const feed = parseFeed(document.body, {
      url: document.url,
      contentType: document.contentType,
      now: deps.now(),
      // Only the title and format are wanted: no item is kept, however many the feed has.
      maxItems: 0,
    });
    const title = cleanTitle(feed.title);
    return { url: document.url, ...(title ? { title } : {}), format: feed.format };
  } catch (error) {
    const notAFeed =
      error instanceof AppError && (error.code === 'not-a-feed' || error.code === 'parse');
    if (rethrow && !notAFeed) throw error;
    return undefined;
  }
}

async function probe(deps: FeedServiceDeps, url: string): Promise<DiscoveredFeed | undefined> {
  try {
    const timeoutMs = Math.min(PROBE_TIMEOUT_MS, deps.limits?.timeoutMs ?? PROBE_TIMEOUT_MS);
    const document = await httpGet(
      deps,
      { url, accept: FEED_ACCEPT },
      { ...deps.limits, timeoutMs },
    );
    return document.status === 'ok' ? readFeed(deps, document, false) : undefined;
  } catch {
    return undefined; // A guess that is missing or broken is the usual outcome, not an error.
  }
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const UNLABELLED_TYPES = new Set(['', 'text/plain', 'application/octet-stream']);

function isHtml(document: Document): boolean {
  const type = mimeType(document.contentType);
  if (HTML_TYPES.has(type)) return true;
  if (!UNLABELLED_TYPES.has(type)) return false;
  // Content sniffing, as browsers do for unlabelled responses: the first bytes only.
  const start = Buffer.from(document.body.subarray(0, 1024)).toString('latin1').toLowerCase();
  return ['<!doctype html', '<html', '<head', '<body'].some((marker) => start.includes(marker));
}

/** `<link rel="alternate">` feeds of an HTML page, resolved, deduplicated, in page order. */
async function feedLinks(document: Document): Promise<DiscoveredFeed[]> {
  // Loaded on first use: main needs jsdom only here and for feed icons (see html/load-jsdom.ts).
  const { JSDOM } = await loadJsdom();
  // A hostile body (10,000 nested divs) would hold main's thread; the links are in the head.
  const dom = new JSDOM(headWhenTooComplex(document.body.subarray(0, MAX_HTML_BYTES)), {
    url: document.url,
    // Parsed as HTML whatever the label (XHTML included): the HTML parser never gives up.
    contentType: `text/html${charsetParameter(document.contentType)}`,
  });
  try {
    const page = dom.window.document;
    const feeds: DiscoveredFeed[] = [];
    const seen = new Set<string>();
    for (const link of page.querySelectorAll('link[rel][href]')) {
      const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
      if (!rels.includes('alternate')) continue;
      const title = cleanTitle(link.getAttribute('title') ?? '');
      const format = linkFormat(mimeType(link.getAttribute('type') ?? ''), title);
      if (!format) continue;
      const href = resolveWebUrl((link.getAttribute('href') ?? '').trim(), page.baseURI);
      if (!href || seen.has(href)) continue;
      seen.add(href);
      feeds.push({ url: href, ...(title ? { title } : {}), format });
      if (feeds.length >= MAX_LINKS) break;
    }
    return feeds;
  } finally {
    dom.window.close();
  }
}

function linkFormat(type: string, title: string): FeedFormat | undefined {
  const format = LINK_TYPES[type];
  if (format) return format;
  // Plain JSON alternates are mostly APIs (WordPress links its REST API this way); only a
  // title that says "feed" makes one a JSON Feed.
  if (type === 'application/json' && /\bfeed\b/i.test(title)) return 'json';
  return undefined;
}

/** The site root's usual feed paths, then `feed/` next to the page when it is not the root. */
function guesses(pageUrl: URL): string[] {
  const urls = GUESSED_PATHS.map((path) => new URL(path, pageUrl).href);
  const nearby = new URL('feed/', pageUrl);
  nearby.search = '';
  if (nearby.pathname !== '/feed/') urls.push(nearby.href);
  return urls;
}

function notFound(pageUrl: URL, tried: string[], html: boolean): string {
  const places = tried.map((url) => new URL(url).pathname);
  if (html) places.unshift('the page’s feed links');
  return `No feed found at ${pageUrl.host}. Tried ${list(places)}.`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function mimeType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function charsetParameter(contentType: string | undefined): string {
  const charset = (contentType ?? '')
    .split(';')
    .slice(1)
    .map((parameter) => parameter.trim())
    .find((parameter) => /^charset="?[\w.:-]+"?$/i.test(parameter));
  // Only a well-formed label is passed on: jsdom refuses a malformed content type outright.
  return charset ? `; ${charset}` : '';
}

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE);
}
