import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, type RefObject } from 'react';
import type { StoredImage } from '../../../db/entities';
import { getArticleImages } from '../../../db/offline-repository';
import { useT } from '../../../i18n/use-t';

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
  const t = useT();
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
        if (img.hasAttribute('data-placeholder-alt')) {
          img.alt = '';
          img.removeAttribute('data-placeholder-alt');
        }
      } else {
        img.removeAttribute('src');
        img.setAttribute('data-missing', '');
        // Ours is marked, so a switch of language rewrites it (and never the article's own).
        if (!img.alt || img.hasAttribute('data-placeholder-alt')) {
          img.alt = t('reader.image.notSaved');
          img.setAttribute('data-placeholder-alt', '');
        }
      }
    });
  }, [container, urls, html, t]);
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
