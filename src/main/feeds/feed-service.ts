import type { FetchFeedResult } from '../../shared/contract';
import type { ParsedFeed, ParsedItem } from '../../shared/feed-model';
import { MAX_ITEMS_PER_FETCH } from '../../shared/sync-model';
import { needsFullText } from '../text/needs-full-text';
import { sanitizeHtml } from '../html/sanitize-html';
import { isTrackerUrl, stripTrackingParams } from '../privacy/trackers';
import { FEED_ACCEPT } from '../net/accept';
import { httpGet, type HttpClientDeps, type HttpRequest } from '../net/http-get';
import { parseFeed } from './parse/parse-feed';

export type FeedServiceDeps = HttpClientDeps;

/** A feed's conditional GET; the Accept header is the feed one. */
export type FeedRequest = Omit<HttpRequest, 'accept'>;

/**
 * Fetch, parse and sanitize one feed: what the renderer receives is already safe to store.
 * Only the newest `maxItems` items are kept (MAX_ITEMS_PER_FETCH when not given), so neither
 * the parse, the sanitizing nor the message to the renderer grows with a hostile feed's length.
 */
export async function fetchAndParseFeed(
  deps: FeedServiceDeps,
  request: FeedRequest & { maxItems?: number },
): Promise<FetchFeedResult> {
  const { maxItems = MAX_ITEMS_PER_FETCH, ...feedRequest } = request;
  const document = await httpGet(deps, { ...feedRequest, accept: FEED_ACCEPT }, deps.limits);
  if (document.status === 'not-modified') return document;
  const feed = parseFeed(document.body, {
    url: document.url,
    contentType: document.contentType,
    now: deps.now(),
    maxItems,
  });
  return {
    status: 'ok',
    url: document.url,
    movedTo: document.movedTo,
    etag: document.etag,
    lastModified: document.lastModified,
    feed: markSummaryOnly(sanitizeFeed(feed)),
  };
}

/** Tells the renderer which items are teasers whose whole article must be fetched. */
function markSummaryOnly(feed: ParsedFeed): ParsedFeed {
  return {
    ...feed,
    items: feed.items.map((item) => ({ ...item, summaryOnly: needsFullText(item) })),
  };
}

/**
 * Every item's HTML through the shared allowlist, trackers taken out (sanitizeHtml does both),
 * and the item's link and pictures without tracking parameters or tracker images: what the app
 * stores, the CLI also prints.
 */
export function sanitizeFeed(feed: ParsedFeed): ParsedFeed {
  return { ...feed, items: feed.items.map(sanitizeItem) };
}

function sanitizeItem(item: ParsedItem): ParsedItem {
  return {
    ...item,
    summary: item.summary === undefined ? undefined : sanitizeHtml(item.summary),
    contentHtml: item.contentHtml === undefined ? undefined : sanitizeHtml(item.contentHtml),
    url: item.url === undefined ? undefined : stripTrackingParams(item.url),
    images: item.images.filter((url) => !isTrackerUrl(url)).map(stripTrackingParams),
  };
}
