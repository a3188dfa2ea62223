import type { ExtractedArticle, ImageFetchResult } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { PAGE_ACCEPT } from '../net/accept';
import { httpGet, type HttpClientDeps } from '../net/http-get';
import { downloadImages, normalizeImageUrl } from '../net/download-images';
import type { Extractor } from './extract-job';
import { MAX_PAGE_BYTES } from './max-page-bytes';
import { trackerUrlText } from '../privacy/trackers';

export interface ArticleServiceDeps extends HttpClientDeps {
  /**
   * Runs the extraction: the app and the browser host pass a worker pool (extract-pool.ts), so
   * a hostile page never holds main's event loop; by default it runs on the calling thread.
   */
  extract?: Extractor;
}

/**
 * Extraction on this thread, for callers without a pool (tests, tools). Loaded only then: it
 * brings jsdom and Readability, some 90 MB that main itself never needs when the app and the
 * host hand extraction to worker threads (docs/bench/2026-12-06-memory.md).
 */
const inProcess = async (): Promise<Extractor> => (await import('./extract-job')).extractInProcess;

/** A web page, fetched and reduced to its article: "Fetch full article" and "Save URL". */
export async function fetchFullArticle(
  deps: ArticleServiceDeps,
  url: string,
): Promise<ExtractedArticle> {
  // Refused before any request: fetching it would report the reading to the tracker.
  const tracker = trackerUrlText(url);
  if (tracker) throw new AppError('forbidden', 'main.article.tracker', tracker.values);
  const page = await httpGet(
    deps,
    { url, accept: PAGE_ACCEPT },
    { ...deps.limits, maxBytes: MAX_PAGE_BYTES },
  );
  if (page.status !== 'ok') throw new AppError('http', 'main.article.noPage');
  const extract = deps.extract ?? (await inProcess());
  return extract({ kind: 'page', bytes: page.body, url: page.url, contentType: page.contentType });
}

/** A file the reader chose: text, Markdown or a saved HTML page. */
export async function importFile(
  input: { name: string; bytes: Uint8Array; baseUrl?: string },
  now: number,
  extract?: Extractor,
): Promise<ExtractedArticle> {
  return (extract ?? (await inProcess()))({
    kind: 'file',
    name: input.name,
    bytes: input.bytes,
    baseUrl: input.baseUrl,
    now,
  });
}

/** Downloads for offline reading, answered in the order and spelling the caller asked for. */
export async function fetchImages(
  deps: HttpClientDeps,
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
