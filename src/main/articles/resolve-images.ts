/**
 * Lazy loaders keep the real image in data-* attributes, `srcset`, `<picture>` sources or a
 * `<noscript>` copy and show a placeholder until their script runs — which never happens here.
 * This puts one absolute http(s) URL in every image's `src` and removes the alternatives, so the
 * image the reader sees offline is exactly the one that was downloaded (a leftover `srcset`
 * would make the browser ask the network for a different file).
 */
import { parseSrcset, type SrcsetCandidate } from '../html/srcset';
import { resolveWebUrl } from '../../shared/web-url';

/** Wide enough for a reading column on a high-density screen, small enough to store. */
export const PREFERRED_MAX_WIDTH = 1600;

const LAZY_SRC_ATTRIBUTES = [
  'data-src',
  'data-original',
  'data-lazy-src',
  'data-lazy',
  'data-hi-res-src',
  'data-full-src',
  'data-orig-file',
  'data-url',
];
const LAZY_SRCSET_ATTRIBUTES = ['data-srcset', 'data-lazy-srcset', 'data-original-srcset'];
const OTHER_LAZY_ATTRIBUTES = ['loading', 'decoding', 'sizes', 'data-sizes'];

// File names lazy loaders use for the stand-in image: blank.gif, spacer.png, grey-16x9.png.
const PLACEHOLDER_FILE =
  /^(?:blank|spacer|transparent|pixel|empty|grey|gray|1x1|lazy[-_]?load(?:er|ing)?|loading|loader)(?:[-_]?\d+(?:x\d+)?)?\.(?:gif|png|svg|webp|jpe?g)$/i;

/** Images in `root`, resolved against the document's base URL (which honours `<base href>`). */
export function resolveLazyImages(root: ParentNode, baseUrl: string): void {
  for (const noscript of Array.from(root.querySelectorAll('noscript'))) {
    useNoscriptImage(noscript, baseUrl);
  }
  for (const picture of Array.from(root.querySelectorAll('picture'))) {
    collapsePicture(picture, baseUrl);
  }
  for (const image of Array.from(root.querySelectorAll('img'))) {
    resolveImage(image, baseUrl);
  }
}

export function isPlaceholderSrc(src: string | null): boolean {
  const value = src?.trim() ?? '';
  if (!value || value === '#' || value === 'about:blank') return true;
  if (/^data:/i.test(value) || /placeholder/i.test(value)) return true;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  return PLACEHOLDER_FILE.test(path.slice(path.lastIndexOf('/') + 1));
}

/** An absolute http(s) URL, or undefined for anything else (data:, javascript:, unparsable). */
export function absoluteImageUrl(value: string | null | undefined, baseUrl: string) {
  const trimmed = value?.trim();
  return trimmed ? resolveWebUrl(trimmed, baseUrl) : undefined;
}

/** The candidate to keep: the widest up to the preferred width, else the narrowest above it. */
export function pickCandidate(candidates: SrcsetCandidate[]): SrcsetCandidate | undefined {
  const usable = candidates.filter((candidate) => !isPlaceholderSrc(candidate.url));
  if (!usable.length) return undefined;
  const widths = usable.filter((candidate) => candidate.width !== undefined);
  if (widths.length) {
    const width = (candidate: SrcsetCandidate) => candidate.width ?? 0;
    const fitting = widths.filter((candidate) => width(candidate) <= PREFERRED_MAX_WIDTH);
    if (fitting.length) return fitting.reduce((a, b) => (width(b) > width(a) ? b : a));
    return widths.reduce((a, b) => (width(b) < width(a) ? b : a));
  }
  // Density descriptors: 2x is sharp on any screen; beyond that is mostly bytes.
  const density = (candidate: SrcsetCandidate) => candidate.density ?? 1;
  const fitting = usable.filter((candidate) => density(candidate) <= 2);
  const pool = fitting.length ? fitting : usable;
  return pool.reduce((a, b) => (density(b) > density(a) ? b : a));
}

/**
 * `<img class="lazy" src="blank.gif"><noscript><img src="real.jpg"></noscript>`: the copy in
 * noscript is the real one. jsdom without scripting parses noscript content as elements; a
 * parser with scripting on leaves it as text, which is handled too.
 */
function useNoscriptImage(noscript: Element, baseUrl: string): void {
  let image = noscript.querySelector('img');
  if (!image && /<img\b/i.test(noscript.textContent ?? '')) {
    const template = noscript.ownerDocument.createElement('template');
    template.innerHTML = noscript.textContent ?? '';
    image = template.content.querySelector('img');
  }
  if (!image || !absoluteImageUrl(bestSource(image), baseUrl)) {
    noscript.remove();
    return;
  }
  const previous = previousImage(noscript);
  // Only a lazy or placeholder image is stood in for; a real one next to a noscript tracking
  // pixel must not be swapped for the pixel.
  if (previous && isLazy(previous)) {
    for (const name of ['alt', 'width', 'height', 'title']) {
      const value = previous.getAttribute(name);
      if (value && !image.hasAttribute(name)) image.setAttribute(name, value);
    }
    previous.replaceWith(image);
    noscript.remove();
  } else if (previous) {
    noscript.remove();
  } else {
    noscript.replaceWith(image);
  }
}

/** The lazy image a noscript fallback stands in for: just before it, possibly in a wrapper. */
function previousImage(noscript: Element): Element | undefined {
  let sibling = noscript.previousElementSibling;
  if (!sibling) return undefined;
  if (sibling.tagName === 'PICTURE') sibling = sibling.querySelector('img') ?? sibling;
  if (sibling.tagName === 'IMG') return sibling;
  const images = sibling.querySelectorAll('img');
  return images.length === 1 && !normalizedTextOf(sibling) ? (images[0] ?? undefined) : undefined;
}

function isLazy(image: Element): boolean {
  if (isPlaceholderSrc(image.getAttribute('src'))) return true;
  return [...LAZY_SRC_ATTRIBUTES, ...LAZY_SRCSET_ATTRIBUTES].some((name) =>
    image.hasAttribute(name),
  );
}

function normalizedTextOf(element: Element): string {
  return (element.textContent ?? '').trim();
}

/** `<picture>` becomes its `<img>`, with the best source across all `<source>` elements. */
function collapsePicture(picture: Element, baseUrl: string): void {
  const candidates: SrcsetCandidate[] = [];
  for (const source of Array.from(picture.querySelectorAll('source'))) {
    if (!isUsableSource(source)) continue;
    const srcset =
      LAZY_SRCSET_ATTRIBUTES.map((name) => source.getAttribute(name)).find(Boolean) ??
      source.getAttribute('srcset') ??
      source.getAttribute('src') ??
      '';
    candidates.push(...parseSrcset(srcset));
  }
  let image = picture.querySelector('img');
  const best = pickCandidate(candidates);
  if (!image) {
    if (!best) {
      picture.remove();
      return;
    }
    image = picture.ownerDocument.createElement('img');
  }
  // The picture's own sources only win when the img has nothing better of its own.
  const own = bestSource(image);
  if (best && (!own || ownIsNarrower(image, best))) {
    image.setAttribute('src', best.url);
    for (const name of LAZY_SRC_ATTRIBUTES) image.removeAttribute(name);
    for (const name of [...LAZY_SRCSET_ATTRIBUTES, 'srcset']) image.removeAttribute(name);
  }
  resolveImage(image, baseUrl);
  picture.replaceWith(image);
}

function ownIsNarrower(image: Element, best: SrcsetCandidate): boolean {
  const ownCandidates = srcsetCandidates(image);
  const ownBest = pickCandidate(ownCandidates);
  if (ownBest?.width !== undefined && best.width !== undefined) {
    return best.width > ownBest.width && best.width <= PREFERRED_MAX_WIDTH;
  }
  return !ownCandidates.length;
}

/** Media queries for print or narrow screens, and formats a browser may not show, are skipped. */
function isUsableSource(source: Element): boolean {
  const type = source.getAttribute('type')?.toLowerCase();
  if (type && !/^image\/(?:jpeg|jpg|png|gif|webp|avif)$/.test(type)) return false;
  const media = source.getAttribute('media')?.toLowerCase() ?? '';
  return !/\bprint\b|max-width\s*:\s*[1-6]\d{2}px/.test(media);
}

function srcsetCandidates(image: Element): SrcsetCandidate[] {
  const srcset =
    LAZY_SRCSET_ATTRIBUTES.map((name) => image.getAttribute(name)).find(Boolean) ??
    image.getAttribute('srcset') ??
    '';
  return parseSrcset(srcset);
}

/** The URL an image should show, before resolution; undefined when it only has a placeholder. */
function bestSource(image: Element): string | undefined {
  const lazy = LAZY_SRC_ATTRIBUTES.map((name) => image.getAttribute(name)).find(
    (value) => value && !isPlaceholderSrc(value) && !/^\s*[[{]/.test(value),
  );
  const fromSrcset = pickCandidate(srcsetCandidates(image));
  const src = image.getAttribute('src');
  const real = lazy ?? (isPlaceholderSrc(src) ? undefined : (src ?? undefined));
  if (!fromSrcset) return real;
  if (!real) return fromSrcset.url;
  // A src as wide as the chosen candidate (by its width attribute) is as good and often is it.
  const declared = Number(image.getAttribute('width'));
  if (fromSrcset.width !== undefined && declared >= fromSrcset.width) return real;
  return fromSrcset.url;
}

function resolveImage(image: Element, baseUrl: string): void {
  const url = absoluteImageUrl(bestSource(image), baseUrl);
  if (!url) {
    image.remove();
    return;
  }
  image.setAttribute('src', url);
  for (const name of [
    ...LAZY_SRC_ATTRIBUTES,
    ...LAZY_SRCSET_ATTRIBUTES,
    ...OTHER_LAZY_ATTRIBUTES,
    'srcset',
  ]) {
    image.removeAttribute(name);
  }
}
