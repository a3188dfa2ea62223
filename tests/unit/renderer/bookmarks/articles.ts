import type { Article } from '../../../../src/renderer/db/entities';

/** A stored article with what a test cares about; the rest as a feed would have left it. */
export function article(id: string, extra: Partial<Article> = {}): Article {
  const [feedId = 'f1', guid = id] = id.split('|');
  return {
    id,
    feedId,
    guid,
    url: `https://example.com/${guid}`,
    title: `Title ${guid}`,
    authors: [],
    publishedAt: Date.UTC(2026, 10, 1),
    fetchedAt: Date.UTC(2026, 10, 1),
    images: [],
    categories: [],
    unread: 1,
    tags: [],
    ...extra,
  };
}
