/**
 * Images and media files from the extensions both RSS and Atom feeds carry: Media RSS
 * (`media:content`, `media:thumbnail`, `media:group`) and iTunes (`itunes:image`).
 */
import type { Enclosure } from '../../../shared/feed-model';
import { NS } from './namespaces';
import { resolveUrl } from './urls';
import { childElements, getAttribute, inNamespace, textContent, type XmlElement } from './xml-tree';

export interface MediaParts {
  images: string[];
  enclosures: Enclosure[];
  /** `media:description`, plain text: YouTube's only summary. */
  description?: string;
  /** `media:title`, plain text. */
  title?: string;
  categories: string[];
}

const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

export function readMedia(item: XmlElement): MediaParts {
  const parts: MediaParts = { images: [], enclosures: [], categories: [] };
  collect(item, parts, 0);
  for (const element of childElements(item)) {
    const url = inNamespace(element, NS.itunes) ? itunesImage(element) : undefined;
    if (url) parts.images.push(url);
  }
  return parts;
}

/** `<itunes:image href>` (or `url`, or text), and the older `<itunes:link rel="image">`. */
export function itunesImage(element: XmlElement): string | undefined {
  const name = element.local.toLowerCase();
  if (name === 'link' && getAttribute(element, 'rel')?.trim().toLowerCase() === 'image') {
    return resolveUrl(getAttribute(element, 'href'), element.base);
  }
  if (name !== 'image') return undefined;
  const value =
    getAttribute(element, 'href') ?? getAttribute(element, 'url') ?? textContent(element);
  return resolveUrl(value, element.base);
}

function collect(parent: XmlElement, parts: MediaParts, depth: number): void {
  for (const element of childElements(parent)) {
    if (!inNamespace(element, NS.media)) continue;
    switch (element.local.toLowerCase()) {
      case 'group':
        if (depth < 2) collect(element, parts, depth + 1);
        break;
      case 'content':
        readContent(element, parts);
        collect(element, parts, depth + 1);
        break;
      case 'thumbnail': {
        const url = resolveUrl(getAttribute(element, 'url'), element.base);
        if (url) parts.images.push(url);
        break;
      }
      case 'description':
        parts.description ??= textContent(element).trim() || undefined;
        break;
      case 'title':
        parts.title ??= textContent(element).trim() || undefined;
        break;
      case 'category':
        parts.categories.push(getAttribute(element, 'label') || textContent(element));
        break;
    }
  }
}

function readContent(element: XmlElement, parts: MediaParts): void {
  const url = resolveUrl(getAttribute(element, 'url'), element.base);
  if (!url) return;
  const type = getAttribute(element, 'type')?.trim().toLowerCase() || undefined;
  const medium = getAttribute(element, 'medium')?.trim().toLowerCase();
  if (
    medium === 'image' ||
    type?.startsWith('image/') ||
    (!type && !medium && IMAGE_PATH.test(url))
  ) {
    parts.images.push(url);
  } else if (
    medium === 'audio' ||
    medium === 'video' ||
    type?.startsWith('audio/') ||
    type?.startsWith('video/')
  ) {
    parts.enclosures.push(makeEnclosure(url, type, getAttribute(element, 'fileSize')));
  }
}

export function makeEnclosure(url: string, type?: string, length?: string): Enclosure {
  const enclosure: Enclosure = { url };
  const cleanType = type?.trim().toLowerCase();
  if (cleanType) enclosure.type = cleanType;
  const bytes = parseLength(length);
  if (bytes !== undefined) enclosure.length = bytes;
  return enclosure;
}

function parseLength(value: string | undefined): number | undefined {
  const digits = value?.trim();
  if (!digits || !/^\d+$/.test(digits)) return undefined;
  const length = Number(digits);
  return length > 0 && Number.isSafeInteger(length) ? length : undefined;
}

export function isImageType(type: string | undefined): boolean {
  return !!type && type.trim().toLowerCase().startsWith('image/');
}
