/**
 * Stores what a rescue import read (lib/rescue: Pocket, Instapaper, Omnivore, Readwise Reader)
 * as Saved articles, one transaction per chunk: a failure (a full disk) loses only the chunk in
 * hand, and what was stored stays. Saved items are keyed by the canonical form of their address
 * (shared/canonical-url.ts), so the same page reached with `?utm_source=…` or through `www.` is
 * one article, and importing the same file twice adds nothing the second time.
 *
 * Highlights are written here straight into the v7 `highlights` table, with the anchoring fields
 * the reader's highlights use (quote; prefix and suffix empty: the export does not know them).
 */
import { articleId } from './article-id';
import type { ExtractedArticle } from '@shared/contract';
import { canonicalUrl } from '@shared/canonical-url';
import { SAVED_FEED_ID, type Article, type Highlight } from './entities';
import { getDb } from './database';
import { tagSpeller } from './bookmarks-repository';
import { listTextOf } from './list-text';
import { MAX_NOTE_LENGTH } from '../lib/bookmarks/bookmark-record';
import { uniqueTags } from '../lib/bookmarks/tag-names';
import type { RescueItem } from '../lib/rescue/rescue-item';

export interface RescueEntry {
  item: RescueItem;
  /** The saved page from the export, extracted and sanitized by main (Omnivore's archive). */
  content?: ExtractedArticle;
}

export interface RescueChunkSummary {
  /** New Saved articles. */
  added: number;
  /** Already in the library (or earlier in the same file): left as they are. */
  alreadyThere: number;
  /** Of the added, those without content: queued for the offline pass to fetch their page. */
  queued: number;
  highlights: number;
}

/** The id a rescued item gets: Saved, keyed by the page's canonical address. */
export function rescueId(url: string): string {
  return articleId(SAVED_FEED_ID, canonicalUrl(url) ?? url);
}

/** Which of these items the library already holds, by canonical address or as Save URL kept it. */
export async function findRescued(urls: readonly string[], db = getDb()): Promise<Set<string>> {
  const ids = [...new Set(urls.flatMap((url) => [rescueId(url), articleId(SAVED_FEED_ID, url)]))];
  const found = await db.articles.bulkGet(ids);
  return new Set(ids.filter((_, i) => found[i] !== undefined));
}

export async function storeRescued(
  entries: readonly RescueEntry[],
  now = Date.now(),
  db = getDb(),
): Promise<RescueChunkSummary> {
  return db.transaction('rw', db.articles, db.highlights, async () => {
    const canonical = await tagSpeller(db);
    const existing = await findRescued(
      entries.map((entry) => entry.item.url),
      db,
    );
    const summary: RescueChunkSummary = { added: 0, alreadyThere: 0, queued: 0, highlights: 0 };
    const articles: Article[] = [];
    const highlights: Highlight[] = [];
    for (const { item, content } of entries) {
      const id = rescueId(item.url);
      if (existing.has(id) || existing.has(articleId(SAVED_FEED_ID, item.url))) {
        summary.alreadyThere++;
        continue;
      }
      existing.add(id);
      const article = rescuedArticle(id, item, content, uniqueTags(item.tags.map(canonical)), now);
      articles.push(article);
      summary.added++;
      if (!content) summary.queued++;
      for (const highlight of item.highlights) {
        const at = highlight.createdAt ?? article.savedAt!;
        const row: Highlight = {
          id: crypto.randomUUID(),
          articleId: id,
          quote: highlight.quote.slice(0, 100_000),
          prefix: '',
          suffix: '',
          createdAt: at,
          updatedAt: at,
        };
        if (highlight.note) row.note = highlight.note.slice(0, MAX_NOTE_LENGTH);
        highlights.push(row);
      }
    }
    summary.highlights = highlights.length;
    await db.articles.bulkAdd(articles);
    if (highlights.length) await db.highlights.bulkAdd(highlights);
    return summary;
  });
}

function rescuedArticle(
  id: string,
  item: RescueItem,
  content: ExtractedArticle | undefined,
  tags: string[],
  now: number,
): Article {
  const savedAt = item.savedAt ?? now;
  const author = item.author ?? content?.byline;
  const summary = item.summary ?? content?.excerpt;
  const article: Article = {
    id,
    feedId: SAVED_FEED_ID,
    guid: id.slice(SAVED_FEED_ID.length + 1),
    url: item.url,
    // Without a title the address stands in, as for an imported bookmark; never blank.
    title: item.title || content?.title || item.url,
    authors: author ? [author] : [],
    publishedAt: item.publishedAt ?? content?.published ?? savedAt,
    fetchedAt: now,
    images: content?.images ?? [],
    categories: [],
    unread: item.read ? 0 : 1,
    tags,
    savedAt,
    // The page comes from the export when it has one; otherwise the offline pass fetches it.
    fullText: content ? 'done' : 'pending',
    offline: 'pending',
  };
  if (item.read) article.readAt = savedAt;
  // Favourites are bookmarks; so is anything tagged or highlighted, as in the reader
  // (docs/BOOKMARKS.md: tags and notes belong to bookmarks, and highlighting bookmarks).
  if (item.favourite || tags.length > 0 || item.highlights.length > 0) {
    article.bookmarkedAt = savedAt;
  }
  if (summary) article.summary = summary;
  if (content) {
    article.contentHtml = content.contentHtml;
    if (content.siteName) article.siteName = content.siteName;
    if (content.lang) article.lang = content.lang;
    if (content.dir) article.dir = content.dir;
    if (content.leadImageUrl) article.leadImageUrl = content.leadImageUrl;
    if (content.excerpt) article.excerpt = content.excerpt;
    article.wordCount = content.wordCount;
    article.readingMinutes = content.readingMinutes;
  }
  article.listText = listTextOf(article);
  return article;
}
