import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Article, Feed } from '../../../db/entities';
import { requestFullText } from '../../../db/offline-repository';
import { getArticle, getFeed } from '../../../db/queries';
import { markRead, markUnread, setBookmarked } from '../../../db/articles-repository';
import { getSetting } from '../../../db/settings-repository';
import { ReadMarker } from './read-marker';

/** `null` while loading, `undefined` when the article does not exist. */
export function useArticle(id: string | undefined): Article | undefined | null {
  return useLiveQuery(async () => (id ? getArticle(id) : undefined), [id], null);
}

export function useFeed(feedId: string | undefined): Feed | undefined {
  return useLiveQuery(async () => (feedId ? getFeed(feedId) : undefined), [feedId]);
}

/**
 * Marks the open article read as the Reading setting says: on open, after a few seconds open
 * (not if the reader moves on sooner), or never by itself. A mark by hand while it stays open
 * (the m key, the button) sticks.
 */
export function useAutoMarkRead(article: Article | undefined | null): void {
  const mode = useLiveQuery(() => getSetting('readState'), [])?.mode;
  const [marker] = useState(() => new ReadMarker((id) => void markRead(id)));
  const loading = article === null;
  const id = article?.id;
  const unread = article?.unread === 1;
  useEffect(() => {
    // While loading there is nothing to decide yet.
    if (!loading) marker.update(id, unread, mode);
  }, [marker, loading, id, unread, mode]);
  useEffect(() => () => marker.reset(), [marker]);
}

export function toggleRead(article: Article): void {
  void (article.unread ? markRead(article.id) : markUnread(article.id));
}

export function toggleBookmark(article: Article): void {
  void setBookmarked(article.id, article.bookmarkedAt === undefined);
}

/** "Fetch full article": queue the page for extraction; the offline pass picks it up. */
export async function fetchFullArticle(articleId: string): Promise<void> {
  await requestFullText(articleId);
}
