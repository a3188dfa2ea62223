import { useId } from 'react';
import type { ArticleSource } from '../../../db/queries';
import { useT } from '../../../i18n/use-t';
import { useTagCounts } from '../hooks/use-tags';
import { TagOptions } from './tag-dialog';
import './bookmarks.css';

/** Marks a tag in the list, as in many apps: a glyph, hidden from screen readers. */
const TAG_GLYPH = '#';

interface Props {
  selected: ArticleSource | undefined;
  onSelect: (source: ArticleSource) => void;
  onRenamed: (from: string, to: string) => void;
  onDeleted: (tag: string) => void;
}

/**
 * The sidebar's Tags group: every tag with its count, by name in the interface's language;
 * hidden until a tag exists.
 */
export function TagsSection({ selected, onSelect, onRenamed, onDeleted }: Props) {
  const t = useT();
  const tags = useTagCounts(t.compare);
  const id = useId();
  if (!tags || tags.length === 0) return null;
  return (
    <>
      <h2 className="sidebar-heading" id={`${id}-tags`}>
        {t('tags.section.heading')}
      </h2>
      <ul className="source-list" aria-labelledby={`${id}-tags`}>
        {tags.map(({ tag, count }) => (
          <li key={tag} className="feed-row">
            <button
              type="button"
              className="source"
              aria-current={selected?.kind === 'tag' && selected.tag === tag ? 'true' : undefined}
              onClick={() => onSelect({ kind: 'tag', tag })}
            >
              <span className="tag-mark" aria-hidden="true">
                {TAG_GLYPH}
              </span>
              <span className="source-title">{tag}</span>
              <span className="badge" aria-label={t('tags.section.count', { count })}>
                {t.number(count)}
              </span>
            </button>
            <TagOptions tag={tag} count={count} onRenamed={onRenamed} onDeleted={onDeleted} />
          </li>
        ))}
      </ul>
    </>
  );
}
