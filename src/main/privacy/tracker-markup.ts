/**
 * What happens to trackers in article markup, decided once for both cleaners: the DOM pass over
 * extracted pages and imported files (clean-article.ts) and the streaming pass every stored HTML
 * goes through, feed items included (html/sanitize-html.ts). Tracker images and frames go, pixels
 * and hidden images go, links to trackers lose their address (isTrackerLink), and every URL loses its tracking
 * parameters.
 */
import { parseSrcset } from '../../shared/srcset';
import { isTrackerUrl, stripTrackingParams, stripTrackingParamsFromSrcset } from './trackers';

/** An element's attribute by name, null or undefined when absent. */
export type AttributeReader = (name: string) => string | null | undefined;

/** Elements that make a request for what their URL attributes name. */
const FETCHING_TAGS = new Set([
  'img',
  'source',
  'iframe',
  'embed',
  'object',
  'video',
  'audio',
  'picture',
  'track',
  'input',
]);

/** Attributes holding a URL whose query may carry tracking parameters. */
export const TRACKED_URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster', 'data'];

// Spacer GIFs and beacons are drawn 1×1 or 2×2; no picture is that small.
const PIXEL_MAX_SIDE = 2;

/**
 * Whether the element is a tracker to remove whole: anything that would fetch from a tracker,
 * and images drawn as a pixel or not drawn at all, which only exist to be requested.
 */
export function isTrackerElement(
  tagName: string,
  attr: AttributeReader,
  baseUrl?: string,
): boolean {
  const tag = tagName.toLowerCase();
  if (!FETCHING_TAGS.has(tag)) return false;
  const urls = [
    attr('src'),
    attr('data'),
    attr('poster'),
    ...parseSrcset(attr('srcset') ?? '').map((candidate) => candidate.url),
  ].filter((value): value is string => Boolean(value));
  if (urls.some((url) => isTrackerUrl(url, baseUrl))) return true;
  return tag === 'img' && (isPixel(attr) || isHidden(attr));
}

/** The attribute's value without tracking parameters; other attributes are left as they are. */
export function withoutTrackingParams(name: string, value: string): string {
  const key = name.toLowerCase();
  if (key === 'srcset') return stripTrackingParamsFromSrcset(value);
  return TRACKED_URL_ATTRIBUTES.includes(key) ? stripTrackingParams(value) : value;
}

/** `width: 1px` / `height: 1px` in an inline style; built once, asked for every image. */
const STYLE_SIZE = {
  width: /(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)px/i,
  height: /(?:^|;)\s*height\s*:\s*(\d+(?:\.\d+)?)px/i,
};

/** 1×1 and 0×0 images, by attributes or inline style. */
function isPixel(attr: AttributeReader): boolean {
  const style = attr('style') ?? '';
  const size = (name: 'width' | 'height'): number | undefined => {
    const fromStyle = STYLE_SIZE[name].exec(style)?.[1];
    const value = fromStyle ?? attr(name);
    if (value === null || value === undefined || !/^\s*\d+(?:\.\d+)?\s*(?:px)?\s*$/.test(value)) {
      return undefined;
    }
    return Number.parseFloat(value);
  };
  const width = size('width');
  const height = size('height');
  return (
    (width !== undefined && width <= PIXEL_MAX_SIDE) ||
    (height !== undefined && height <= PIXEL_MAX_SIDE)
  );
}

/** An image nobody sees is still requested: `hidden`, `display: none`, `visibility: hidden`. */
function isHidden(attr: AttributeReader): boolean {
  const hidden = attr('hidden');
  if (hidden !== null && hidden !== undefined) return true;
  return /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i.test(attr('style') ?? '');
}
