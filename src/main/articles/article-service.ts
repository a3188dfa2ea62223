import type { ExtractedArticle, ImageFetchResult } from '../../shared/contract';
import { AppError } from '../../shared/result';
import type { FeedServiceDeps } from '../feeds/feed-service';
import { fetchFeed } from '../feeds/fetch-feed';
import { downloadImages, normalizeImageUrl } from './download-images';
import { extractArticle, MAX_PAGE_BYTES } from './extract-article';
import { importArticleFile } from './import-file';
import { importHtmlFile } from './import-html';
import { trackerUrlReason } from './trackers';

const extract = (html: string, options: { url: string }): ExtractedArticle =>
  extractArticle(html, options);

/** A web page, fetched and reduced to its article: "Fetch full article" and "Save URL". */
export async function fetchFullArticle(
  deps: FeedServiceDeps,
  url: string,
): Promise<ExtractedArticle> {
  // Refused before any request: fetching it would report the reading to the tracker.
  const tracker = trackerUrlReason(url);
  if (tracker) throw new AppError('forbidden', `Broadsheet does not fetch this page: ${tracker}.`);
  const page = await fetchFeed(deps, { url }, { ...deps.limits, maxBytes: MAX_PAGE_BYTES });
  if (page.status !== 'ok') throw new AppError('http', 'The server sent no page.');
  return importHtmlFile(page.body, { baseUrl: page.url, contentType: page.contentType, extract });
}

/** A file the reader chose: text, Markdown or a saved HTML page. */
export function importFile(
  input: { name: string; bytes: Uint8Array; baseUrl?: string },
  now: number,
): ExtractedArticle {
  return importArticleFile(
    { name: input.name, bytes: input.bytes },
    { baseUrl: input.baseUrl, extract, now },
  );
}

/** Downloads for offline reading, answered in the order and spelling the caller asked for. */
export async function fetchImages(
  deps: FeedServiceDeps,
  urls: string[],
): Promise<ImageFetchResult[]> {
  const results = await downloadImages(deps, urls);
  const byUrl = new Map(results.map((result) => [result.url, result]));
  return urls.map((url) => {
    const result = byUrl.get(normalizeImageUrl(url) ?? url);
    if (!result) return { url, ok: false, reason: 'not an image address', retryable: false };
    return { ...result, url };
  });
}
