import { resolveWebUrl } from '@shared/web-url';

/** Image URLs an article shows, lead image first: what must be stored for offline reading. */
export function collectImageUrls(article: {
  contentHtml?: string;
  summary?: string;
  images: string[];
  leadImageUrl?: string;
}): string[] {
  const urls: string[] = [];
  const add = (value: string | null | undefined): void => {
    // Relative or malformed: nothing we could fetch.
    const href = value ? resolveWebUrl(value) : undefined;
    if (href && !urls.includes(href)) urls.push(href);
  };
  add(article.leadImageUrl);
  article.images.forEach(add);
  const html = article.contentHtml ?? article.summary;
  if (html) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    doc.querySelectorAll('img').forEach((img) => add(img.getAttribute('src')));
  }
  return urls;
}

/**
 * Article HTML ready for the page: web image addresses move to a data attribute so the page
 * never fetches them (nothing phones home); the reader swaps in stored copies.
 */
export function detachImageSources(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src');
    if (src && !src.startsWith('blob:')) {
      img.setAttribute('data-offline-src', src);
      img.removeAttribute('src');
    }
    img.removeAttribute('srcset');
  });
  doc.querySelectorAll('picture source').forEach((source) => source.remove());
  return doc.body.innerHTML;
}
