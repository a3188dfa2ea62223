import { useId, useState } from 'react';
import type { Article } from '../../../db/entities';
import { useT } from '../../../i18n/use-t';
import { otherSources, useStoryCopies } from '../hooks/use-story-copies';

/** Glyphs, not words (hidden from screen readers, which hear aria-expanded). */
const CHEVRONS = { open: '▾', closed: '▸' } as const;

interface Props {
  article: Article;
  feedTitles: ReadonlyMap<string, string>;
  selectedId?: string;
  onOpen: (id: string) => void;
}

/**
 * Under a list row whose story other sources also carry: "Also in 2 sources", which expands to
 * those copies (source and title), each openable. The row itself stands for the story.
 */
export function StoryCopies({ article, feedTitles, selectedId, onOpen }: Props) {
  const t = useT();
  const copies = useStoryCopies(article);
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (!copies || copies.length === 0) return null;
  const sources = otherSources(article, copies);
  const label =
    sources === 0
      ? t('articles.story.otherVersions', { count: copies.length })
      : t('articles.story.otherSources', { count: sources });
  return (
    <div className="story-copies">
      <button
        type="button"
        className="story-copies-toggle"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen(!open)}
      >
        <span className="story-copies-chevron" aria-hidden="true">
          {open ? CHEVRONS.open : CHEVRONS.closed}
        </span>
        {label}
      </button>
      {open && (
        <ul
          id={listId}
          className="story-copies-list"
          aria-label={t('articles.story.listLabel', { title: article.title })}
        >
          {copies.map((copy) => (
            <li key={copy.id}>
              <button
                type="button"
                className="story-copy"
                aria-current={copy.id === selectedId ? 'true' : undefined}
                data-unread={copy.unread === 1 || undefined}
                onClick={() => onOpen(copy.id)}
              >
                <span className="story-copy-source">
                  {feedTitles.get(copy.feedId) ?? t('articles.story.unknownSource')}
                </span>
                <span className="story-copy-title" lang={copy.lang} dir="auto">
                  {copy.title}
                </span>
                <span className="story-copy-meta">{t.relative(copy.publishedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
