import type { Article } from '../../../db/entities';
import { type ArticleSource } from '../../../db/queries';
import { markAllRead, markRead, markUnread, setBookmarked } from '../../../db/articles-repository';

export function toggleRead(article: Article): Promise<void> {
  return article.unread ? markRead(article.id) : markUnread(article.id);
}

export function toggleBookmarked(article: Article): Promise<void> {
  return setBookmarked(article.id, article.bookmarkedAt === undefined);
}

export function markViewRead(source: ArticleSource, olderThanDays?: number): Promise<number> {
  const olderThan =
    olderThanDays === undefined ? undefined : Date.now() - olderThanDays * 24 * 3600 * 1000;
  return markAllRead(source, { olderThan });
}
