import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import type { Article, Feed } from '../../../db/entities';
import { requestFullText } from '../../../db/offline-repository';
import { getArticle, getFeed, markRead, setBookmarked } from '../../../db/queries';

/** `null` while loading, `undefined` when the article does not exist. */
export function useArticle(id: string | undefined): Article | undefined | null {
  return useLiveQuery(async () => (id ? getArticle(id) : undefined), [id], null);
}

export function useFeed(feedId: string | undefined): Feed | undefined {
  return useLiveQuery(async () => (feedId ? getFeed(feedId) : undefined), [feedId]);
}

/**
 * Marks an article read when it is opened — once: marking it unread again while it stays open
 * (the m key) must stick.
 */
export function useMarkReadOnOpen(article: Article | undefined | null): void {
  const handled = useRef<string | undefined>(undefined);
  const id = article?.id;
  const unread = article?.unread === 1;
  useEffect(() => {
    if (!id || handled.current === id) return;
    handled.current = id;
    if (unread) void markRead(id);
  }, [id, unread]);
}

export function toggleBookmark(article: Article): void {
  void setBookmarked(article.id, article.bookmarkedAt === undefined);
}

/** "Fetch full article": queue the page for extraction; the offline pass picks it up. */
export async function fetchFullArticle(articleId: string): Promise<void> {
  await requestFullText(articleId);
}
