/**
 * Downloads an article's images for offline reading, within limits: a few at a time, a size cap
 * per image and per article, a timeout, redirects followed by hand (web addresses only). Never
 * throws: every URL gets a result, and failures say whether trying again later could help.
 *
 * Trackers are refused before any request, at every hop: a pixel refused for its size after
 * it arrived has already told the tracker that the article was synced.
 */
import type { ImageFetchResult } from '../../shared/contract';
import { type ImageInfo, sniffImage } from './image-size';
import { refusalIn } from './address-guard';
import { trackerUrlReason } from '../privacy/trackers';
import { errorCode } from './error-code';
import { formatBytes } from '../../shared/format-bytes';
import { discardBody, readBodyCapped } from './read-body';
import { isWebProtocol, parseWebUrl } from '../../shared/web-url';

/** What the renderer receives per image: the contract's type, so the two cannot drift. */
export type ImageResult = ImageFetchResult;

export interface ImageDownloadDeps {
  fetch: typeof globalThis.fetch;
  userAgent: string;
}

export interface ImageDownloadLimits {
  maxImageBytes?: number;
  maxArticleBytes?: number;
  /** For each image, every redirect and the body included. */
  timeoutMs?: number;
  concurrency?: number;
}

const DEFAULT_IMAGE_LIMITS: Required<ImageDownloadLimits> = {
  maxImageBytes: 5 * 1024 * 1024,
  maxArticleBytes: 25 * 1024 * 1024,
  timeoutMs: 20_000,
  concurrency: 4,
};

export const MAX_IMAGE_REDIRECTS = 5;
export const SVG_REFUSED = 'SVG images are not stored (they can carry scripts)';
export const BUDGET_REACHED = 'article image budget reached';
export const TRACKING_PIXEL = 'tracking pixel';
/** The start of the reason given for a tracker's address, which is never requested. */
export const TRACKER_REFUSED = 'not requested:';

const ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Busy or briefly broken servers: worth another try later. Anything else 4xx will say the same.
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
// Spacer GIFs and beacons are drawn 1×1 or 2×2; no picture is that small.
const TRACKING_PIXEL_MAX_SIDE = 2;

/**
 * The form of an image URL that results are keyed by: parsed, without its #fragment. Undefined
 * for anything that is not an http(s) URL. Callers map their own URLs through this to find
 * each one's result.
 */
export function normalizeImageUrl(url: string): string | undefined {
  const parsed = parseWebUrl(url.trim());
  if (!parsed) return undefined;
  parsed.hash = '';
  return parsed.href;
}

/** One result per distinct URL, in the order the URLs first appear; `url` is the normalized form. */
export async function downloadImages(
  deps: ImageDownloadDeps,
  urls: string[],
  limits?: ImageDownloadLimits,
): Promise<ImageResult[]> {
  const settings: Required<ImageDownloadLimits> = {
    maxImageBytes: limits?.maxImageBytes ?? DEFAULT_IMAGE_LIMITS.maxImageBytes,
    maxArticleBytes: limits?.maxArticleBytes ?? DEFAULT_IMAGE_LIMITS.maxArticleBytes,
    timeoutMs: limits?.timeoutMs ?? DEFAULT_IMAGE_LIMITS.timeoutMs,
    concurrency: Math.max(1, limits?.concurrency ?? DEFAULT_IMAGE_LIMITS.concurrency),
  };
  const results: ImageResult[] = [];
  const queue: { index: number; url: string }[] = [];
  const seen = new Set<string>();
  for (const raw of urls) {
    const url = normalizeImageUrl(raw);
    const key = url ?? raw;
    if (seen.has(key)) continue;
    seen.add(key);
    if (url) queue.push({ index: results.length, url });
    results.push(
      url
        ? failure(url, 'not downloaded', true)
        : failure(raw, 'only web images (http or https) are downloaded', false),
    );
  }

  const budget = { used: 0, exhausted: false };
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const job = queue[next];
      next += 1;
      if (!job) break;
      results[job.index] = budget.exhausted
        ? failure(job.url, BUDGET_REACHED, false)
        : await downloadOne(deps, job.url, settings, budget);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, queue.length) }, worker));
  return results;
}

class ImageFailure extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
  ) {
    super(reason);
  }
}

async function downloadOne(
  deps: ImageDownloadDeps,
  url: string,
  limits: Required<ImageDownloadLimits>,
  budget: { used: number; exhausted: boolean },
): Promise<ImageResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = new URL(url);
  try {
    for (let redirects = 0; ; redirects += 1) {
      const tracker = trackerUrlReason(current.href);
      if (tracker) throw new ImageFailure(`${TRACKER_REFUSED} ${tracker}`, false);
      const response = await deps.fetch(current.href, {
        redirect: 'manual',
        signal,
        headers: { 'User-Agent': deps.userAgent, Accept: ACCEPT },
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location !== null) {
        await discardBody(response);
        if (redirects >= MAX_IMAGE_REDIRECTS) {
          throw new ImageFailure(`more than ${MAX_IMAGE_REDIRECTS} redirects`, false);
        }
        current = redirectTarget(current, location);
        continue;
      }
      return await receive(response, url, limits, budget);
    }
  } catch (error) {
    if (error instanceof ImageFailure) return failure(url, error.reason, error.retryable);
    // Refused by the address guard: asking again later would be refused again.
    const refused = refusalIn(error);
    if (refused) return failure(url, refused.message, false);
    if (signal.aborted) {
      return failure(url, `no answer within ${seconds(limits.timeoutMs)} seconds`, true);
    }
    return failure(url, networkReason(error, current), true);
  }
}

async function receive(
  response: Response,
  url: string,
  limits: Required<ImageDownloadLimits>,
  budget: { used: number; exhausted: boolean },
): Promise<ImageResult> {
  if (!response.ok) {
    await discardBody(response);
    const text = response.statusText ? ` ${response.statusText}` : '';
    throw new ImageFailure(
      `the server answered ${response.status}${text}`,
      RETRYABLE_STATUS.has(response.status),
    );
  }
  const declaredType = mediaType(response.headers.get('content-type'));
  if (declaredType === 'image/svg+xml') {
    await discardBody(response);
    throw new ImageFailure(SVG_REFUSED, false);
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxImageBytes) {
    await discardBody(response);
    throw tooLarge(limits.maxImageBytes);
  }
  if (Number.isFinite(declared) && budget.used + declared > limits.maxArticleBytes) {
    await discardBody(response);
    budget.exhausted = true;
    throw new ImageFailure(BUDGET_REACHED, false);
  }
  const bytes = await readBody(response, limits, budget);
  const info = identify(bytes, declaredType);
  if (
    info.width !== undefined &&
    info.height !== undefined &&
    info.width <= TRACKING_PIXEL_MAX_SIDE &&
    info.height <= TRACKING_PIXEL_MAX_SIDE
  ) {
    throw new ImageFailure(TRACKING_PIXEL, false);
  }
  // Counted on arrival: downloads running side by side can never jointly pass the budget.
  if (budget.used + bytes.byteLength > limits.maxArticleBytes) {
    budget.exhausted = true;
    throw new ImageFailure(BUDGET_REACHED, false);
  }
  budget.used += bytes.byteLength;
  const result: ImageResult = { url, ok: true, contentType: info.contentType, bytes };
  if (info.width !== undefined) result.width = info.width;
  if (info.height !== undefined) result.height = info.height;
  return result;
}

/** What the bytes are; the Content-Type header only counts for formats we cannot sniff. */
function identify(
  bytes: Uint8Array,
  declaredType: string | undefined,
): Pick<ImageInfo, 'contentType' | 'width' | 'height'> {
  const sniffed = sniffImage(bytes);
  if (sniffed?.format === 'svg') throw new ImageFailure(SVG_REFUSED, false);
  if (sniffed) return sniffed;
  const markup = /^\s*</.test(new TextDecoder().decode(bytes.subarray(0, 64)));
  // BMP, ICO, TIFF and friends: the renderer may still draw them, and they run no code.
  if (declaredType?.startsWith('image/') && !markup) return { contentType: declaredType };
  throw new ImageFailure(`not an image (${declaredType ?? 'no content type'})`, false);
}

async function readBody(
  response: Response,
  limits: Required<ImageDownloadLimits>,
  budget: { used: number; exhausted: boolean },
): Promise<Uint8Array> {
  return readBodyCapped(response, (total) => {
    if (total > limits.maxImageBytes) throw tooLarge(limits.maxImageBytes);
    if (budget.used + total > limits.maxArticleBytes) {
      budget.exhausted = true;
      throw new ImageFailure(BUDGET_REACHED, false);
    }
  });
}

function redirectTarget(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new ImageFailure('redirected to an invalid address', false);
  }
  if (!isWebProtocol(next.protocol)) {
    throw new ImageFailure(`redirected to a non-web address (${next.protocol})`, false);
  }
  return next;
}

function mediaType(header: string | null): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type || undefined;
}

function tooLarge(maxBytes: number): ImageFailure {
  return new ImageFailure(
    `larger than ${formatBytes(maxBytes)}, the most stored for one image`,
    false,
  );
}

function failure(url: string, reason: string, retryable: boolean): ImageResult {
  return { url, ok: false, reason, retryable };
}

function networkReason(error: unknown, url: URL): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the server ${url.host} could not be found`;
    case 'ECONNREFUSED':
      return `${url.host} refused the connection`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `the connection to ${url.host} was cut off`;
  }
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return `could not reach ${url.host} (${detail})`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? String(s) : s.toFixed(1);
}
