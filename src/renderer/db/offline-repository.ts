import type { ExtractedArticle, ImageFetchResult } from '@shared/contract';
import type { Article, StoredImage } from './entities';
import { getDb } from './database';
import { listTextOf } from './list-text';
import { toStore, type MessageRef } from '../lib/message-ref';

/** Articles still waiting for their whole text or images, oldest work first. */
export function listPendingOffline(limit: number, db = getDb()): Promise<Article[]> {
  return db.articles.where('offline').equals('pending').limit(limit).toArray();
}

/** Replaces the teaser with the extracted article; the reader's state and feed title stay. */
export async function storeFullText(
  articleId: string,
  extracted: ExtractedArticle,
  db = getDb(),
): Promise<void> {
  await db.articles.update(articleId, (article) => {
    article.contentHtml = extracted.contentHtml;
    article.listText = listTextOf(article);
    article.title ||= extracted.title;
    if (!article.authors.length && extracted.byline) article.authors = [extracted.byline];
    article.byline = extracted.byline;
    article.siteName = extracted.siteName;
    article.section = extracted.section;
    article.lang = extracted.lang;
    article.dir = extracted.dir;
    article.leadImageUrl = extracted.leadImageUrl;
    article.excerpt = extracted.excerpt;
    article.wordCount = extracted.wordCount;
    article.readingMinutes = extracted.readingMinutes;
    article.images = extracted.images;
    article.fullText = 'done';
    article.fullTextError = undefined;
    article.fullTextErrorText = undefined;
  });
}

export async function markFullTextFailed(
  articleId: string,
  reason: string | MessageRef,
  db = getDb(),
): Promise<void> {
  const { message, text } = toStore(reason);
  await db.articles.update(articleId, {
    fullText: 'failed',
    fullTextError: message,
    fullTextErrorText: text,
  });
}

export async function requestFullText(articleId: string, db = getDb()): Promise<void> {
  await db.articles.update(articleId, {
    fullText: 'pending',
    fullTextError: undefined,
    fullTextErrorText: undefined,
    offline: 'pending',
  });
}

/** Which of these image URLs still need downloading (never stored, or failed but retryable). */
export async function imagesToFetch(urls: string[], db = getDb()): Promise<string[]> {
  const stored = await db.images.bulkGet(urls);
  return urls.filter((_, i) => {
    const image = stored[i];
    return !image || (image.status === 'failed' && image.retryable !== false);
  });
}

/**
 * Stores downloaded images and links every wanted image to the article, then records whether
 * the article is now fully offline. One transaction: a quota error leaves nothing half-written.
 */
export async function storeImages(
  articleId: string,
  wanted: string[],
  results: ImageFetchResult[],
  now = Date.now(),
  db = getDb(),
): Promise<'complete' | 'partial'> {
  return db.transaction('rw', db.images, db.articles, async () => {
    const byUrl = new Map(results.map((result) => [result.url, result]));
    const existing = await db.images.bulkGet(wanted);
    const rows: StoredImage[] = wanted.map((url, i) => {
      const previous = existing[i];
      const articleIds = [...new Set([...(previous?.articleIds ?? []), articleId])];
      const result = byUrl.get(url);
      if (!result)
        return previous
          ? { ...previous, articleIds }
          : failedImage(url, articleIds, 'not downloaded', true);
      if (!result.ok) {
        if (previous?.status === 'ok') return { ...previous, articleIds };
        return {
          ...failedImage(url, articleIds, result.reason, result.retryable),
          attempts: (previous?.attempts ?? 0) + 1,
        };
      }
      return {
        url,
        articleIds,
        status: 'ok',
        blob: new Blob([result.bytes as BlobPart], { type: result.contentType }),
        contentType: result.contentType,
        bytes: result.bytes.byteLength,
        width: result.width,
        height: result.height,
        attempts: (previous?.attempts ?? 0) + 1,
        fetchedAt: now,
      };
    });
    await db.images.bulkPut(rows);
    // A non-retryable failure (too large, not an image) cannot improve: it does not keep the
    // article "partial" forever.
    const missing = rows.some((row) => row.status !== 'ok' && row.retryable !== false);
    const state = missing ? 'partial' : 'complete';
    await db.articles.update(articleId, { offline: state });
    return state;
  });
}

function failedImage(
  url: string,
  articleIds: string[],
  reason: string,
  retryable: boolean,
): StoredImage {
  return { url, articleIds, status: 'failed', attempts: 1, lastError: reason, retryable };
}

export async function setOfflineState(
  articleId: string,
  state: Article['offline'],
  db = getDb(),
): Promise<void> {
  await db.articles.update(articleId, { offline: state });
}

/** After a sync, articles whose images failed for passing reasons get another try. */
export async function requeuePartialArticles(db = getDb()): Promise<number> {
  return db.articles.where('offline').equals('partial').modify({ offline: 'pending' });
}

export async function getArticleImages(articleId: string, db = getDb()): Promise<StoredImage[]> {
  return db.images.where('articleIds').equals(articleId).toArray();
}

export function countPendingOffline(db = getDb()): Promise<number> {
  return db.articles.where('offline').equals('pending').count();
}
