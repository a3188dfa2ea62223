import { useState } from 'react';
import type { Article } from '../../../db/entities';
import { useT, type Translator } from '../../../i18n/use-t';
import { restoreBookmark } from '../hooks/use-tags';
import { NoteField } from './note-field';
import { TagEditor } from './tag-editor';
import './bookmarks.css';

type Kept = Pick<Article, 'id' | 'bookmarkedAt' | 'tags' | 'note'>;

const snapshot = (a: Article): Kept => ({
  id: a.id,
  bookmarkedAt: a.bookmarkedAt,
  tags: a.tags,
  note: a.note,
});
const sameState = (a: Kept, b: Kept) =>
  a.id === b.id &&
  a.bookmarkedAt === b.bookmarkedAt &&
  a.note === b.note &&
  a.tags.join('\n') === b.tags.join('\n');

/** "Bookmark removed with its tags (a and b) and note.": one sentence for each case. */
function removedText(removed: Kept, t: Translator): string {
  const tags = t.list(removed.tags);
  const note = !!removed.note?.trim();
  if (removed.tags.length > 0)
    return note
      ? t('bookmarks.details.removedWithTagsAndNote', { tags })
      : t('bookmarks.details.removedWithTags', { tags });
  return note ? t('bookmarks.details.removedWithNote') : t('bookmarks.details.removed');
}

/**
 * Tags and note for the open article, in the reader. Tagging bookmarks the article; the note
 * shows once it is bookmarked. Removing the bookmark removes its tags and note (they belong to
 * it), so this offers to undo that for as long as the article stays open.
 */
export function BookmarkDetails({ article }: { article: Article }) {
  const t = useT();
  const [previous, setPrevious] = useState<Kept>(() => snapshot(article));
  const [removed, setRemoved] = useState<Kept>();
  const current = snapshot(article);
  if (!sameState(previous, current)) {
    // Derived from the transition between two renders, as React recommends for such state.
    const lostDetails = previous.tags.length > 0 || !!previous.note?.trim();
    if (
      previous.id === current.id &&
      previous.bookmarkedAt !== undefined &&
      current.bookmarkedAt === undefined &&
      lostDetails
    ) {
      setRemoved(previous);
    } else if (previous.id !== current.id || current.bookmarkedAt !== undefined) {
      setRemoved(undefined);
    }
    setPrevious(current);
  }
  const bookmarked = article.bookmarkedAt !== undefined;

  return (
    <div className="bookmark-details">
      <TagEditor article={article} />
      {bookmarked && <NoteField key={article.id} article={article} />}
      {removed && removed.id === article.id && !bookmarked && (
        <p className="reader-note bookmark-undo" role="status">
          {removedText(removed, t)}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              void restoreBookmark(removed.id, removed);
              setRemoved(undefined);
            }}
          >
            {t('bookmarks.details.undo')}
          </button>
        </p>
      )}
    </div>
  );
}
