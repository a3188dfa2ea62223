import { useState } from 'react';
import type { Article } from '../../../db/entities';
import { otherSources, splitCopy, useStoryCopies } from '../hooks/use-story-copies';
import './article-list.css';

/**
 * In the reader, for an article grouped with other sources' copies: says so, and offers
 * "Split from story" when the grouping was wrong — the article then stands alone for good.
 */
export function StoryDetails({ article }: { article: Article }) {
  const copies = useStoryCopies(article);
  const [split, setSplit] = useState<string>();
  if (split === article.id && article.storyId === undefined) {
    return (
      <p className="reader-note" role="status">
        Split from its story: this article now stands on its own.
      </p>
    );
  }
  if (!copies || copies.length === 0) return null;
  const sources = otherSources(article, copies);
  return (
    <p className="reader-note story-details">
      {sources === 0
        ? 'Another version of this story is in this feed.'
        : `The same story is also in ${sources} other ${sources === 1 ? 'source' : 'sources'}.`}{' '}
      <button
        type="button"
        className="button"
        onClick={() => void splitCopy(article).then(() => setSplit(article.id))}
      >
        Split from story
      </button>
    </p>
  );
}
