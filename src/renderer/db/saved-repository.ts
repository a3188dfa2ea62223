import { articleId } from './article-id';
import type { ExtractedArticle } from '@shared/contract';
import { SAVED_FEED_ID, type Article } from './entities';
import { getDb } from './database';
import { listTextOf } from './list-text';
import { translate } from '../i18n/current-locale';

/**
 * Keeps an article the reader saved (an imported file or "Save URL") under the Saved source.
 * Saving the same page again updates it in place and keeps its read and bookmark state.
 */
export async function saveArticle(
  extracted: ExtractedArticle,
  options: { url?: string; fileName?: string; now?: number } = {},
  db = getDb(),
): Promise<Article> {
  const now = options.now ?? Date.now();
  const url = extracted.url ?? options.url;
  const key = url ?? `file:${options.fileName ?? ''}:${extracted.title}`;
  const id = articleId(SAVED_FEED_ID, key);
  return db.transaction('rw', db.articles, async () => {
    const previous = await db.articles.get(id);
    const article: Article = {
      id,
      feedId: SAVED_FEED_ID,
      guid: key,
      url: url && /^https?:/i.test(url) ? url : undefined,
      title: extracted.title || options.fileName || translate('db.saved.untitled'),
      authors: extracted.byline ? [extracted.byline] : [],
      publishedAt: extracted.published ?? previous?.publishedAt ?? now,
      fetchedAt: previous?.fetchedAt ?? now,
      contentHtml: extracted.contentHtml,
      summary: extracted.excerpt,
      listText: listTextOf({ summary: extracted.excerpt, contentHtml: extracted.contentHtml }),
      images: extracted.images,
      categories: extracted.section ? [extracted.section] : [],
      unread: previous?.unread ?? 1,
      readAt: previous?.readAt,
      bookmarkedAt: previous?.bookmarkedAt,
      tags: previous?.tags ?? [],
      note: previous?.note,
      savedAt: now,
      allowPrivateHost: extracted.privateHost,
      byline: extracted.byline,
      siteName: extracted.siteName,
      section: extracted.section,
      lang: extracted.lang,
      dir: extracted.dir,
      leadImageUrl: extracted.leadImageUrl,
      excerpt: extracted.excerpt,
      wordCount: extracted.wordCount,
      readingMinutes: extracted.readingMinutes,
      fullText: 'done',
      offline: 'pending',
    };
    await db.articles.put(article);
    return article;
  });
}
