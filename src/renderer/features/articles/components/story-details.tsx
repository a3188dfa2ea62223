import { useState } from 'react';
import type { Article } from '../../../db/entities';
import { useT } from '../../../i18n/use-t';
import { otherSources, splitCopy, useStoryCopies } from '../hooks/use-story-copies';
import './article-list.css';

/**
 * In the reader, for an article grouped with other sources' copies: says so, and offers
 * "Split from story" when the grouping was wrong — the article then stands alone for good.
 */
export function StoryDetails({ article }: { article: Article }) {
  const t = useT();
  const copies = useStoryCopies(article);
  const [split, setSplit] = useState<string>();
  if (split === article.id && article.storyId === undefined) {
    return (
      <p className="reader-note" role="status">
        {t('articles.story.splitDone')}
      </p>
    );
  }
  if (!copies || copies.length === 0) return null;
  const sources = otherSources(article, copies);
  const sentence =
    sources === 0
      ? t('articles.story.anotherVersion')
      : t('articles.story.alsoInSources', { count: sources });
  return (
    <p className="reader-note story-details">
      <span>{sentence} </span>
      <button
        type="button"
        className="button"
        onClick={() => void splitCopy(article).then(() => setSplit(article.id))}
      >
        {t('articles.story.split')}
      </button>
    </p>
  );
}
