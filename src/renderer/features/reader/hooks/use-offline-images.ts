import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, type RefObject } from 'react';
import type { StoredImage } from '../../../db/entities';
import { getArticleImages } from '../../../db/offline-repository';

/** The article's stored images, by original URL. */
export function useStoredImages(articleId: string | undefined): StoredImage[] | undefined {
  return useLiveQuery(async () => (articleId ? getArticleImages(articleId) : []), [articleId]);
}

/**
 * Points each image in the rendered article at its stored copy (an object URL, revoked when
 * the article closes); images not stored yet show a placeholder with their description.
 */
export function useOfflineImages(
  container: RefObject<HTMLElement | null>,
  images: StoredImage[] | undefined,
  html: string,
): void {
  const urls = useMemo(() => {
    const map = new Map<string, string>();
    for (const image of images ?? []) {
      if (image.status === 'ok' && image.blob) map.set(image.url, URL.createObjectURL(image.blob));
    }
    return map;
  }, [images]);

  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);

  useEffect(() => {
    const root = container.current;
    if (!root) return;
    root.querySelectorAll<HTMLImageElement>('img[data-offline-src]').forEach((img) => {
      const local = urls.get(img.dataset['offlineSrc'] ?? '');
      if (local) {
        img.src = local;
        img.removeAttribute('data-missing');
      } else {
        img.removeAttribute('src');
        img.setAttribute('data-missing', '');
        if (!img.alt) img.alt = 'Image not saved for offline reading';
      }
    });
  }, [container, urls, html]);
}

/** An object URL for a stored Blob, revoked when the Blob changes or the component goes. */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : undefined), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}
