import { useLiveQuery } from 'dexie-react-hooks';
import type { Article } from '../../../db/entities';
import { listStoryCopies, splitFromStory } from '../../../db/stories-repository';

/**
 * The other sources' copies of an article's story, as the reader may open them: a copy a rule
 * hid stays hidden here too. Undefined while loading or when the article stands alone.
 */
export function useStoryCopies(article: Pick<Article, 'id' | 'storyId'>): Article[] | undefined {
  const { id, storyId } = article;
  return useLiveQuery(async () => {
    if (storyId === undefined) return [];
    const copies = await listStoryCopies(storyId);
    // In the order the sources ran it, so the list does not reshuffle as copies arrive.
    return copies
      .filter((copy) => copy.id !== id && copy.hiddenAt === undefined)
      .sort((a, b) => a.publishedAt - b.publishedAt || a.id.localeCompare(b.id));
  }, [id, storyId]);
}

/** How many other sources carry the story: copies in the article's own feed do not count. */
export function otherSources(article: Pick<Article, 'feedId'>, copies: Article[]): number {
  return new Set(copies.map((copy) => copy.feedId).filter((feed) => feed !== article.feedId)).size;
}

export function splitCopy(article: Pick<Article, 'id'>): Promise<void> {
  return splitFromStory(article.id);
}
