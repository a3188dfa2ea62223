import { useId, useRef, useState } from 'react';
import {
  removeSearch,
  renameSearch,
  useSavedSearches,
  type SavedSearch,
} from '../hooks/use-saved-searches';
import { useT } from '../../../i18n/use-t';
import { NameDialog } from './name-dialog';

/** Glyphs, not words: the buttons' names say what they do. */
const RENAME_GLYPH = '✎';
const REMOVE_GLYPH = '×';

interface Props {
  /** The query and order now in the search box, to mark the matching view current. */
  current: { query: string; sort: SavedSearch['sort'] } | undefined;
  onRun: (search: SavedSearch) => void;
}

/** Saved searches as views of their own in the sidebar: run, rename, remove. */
export function SavedSearches({ current, onRun }: Props) {
  const t = useT();
  const id = useId();
  const searches = useSavedSearches();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [renaming, setRenaming] = useState<SavedSearch>();
  const [name, setName] = useState('');
  if (!searches?.length) return null;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="sidebar-heading">
        {t('search.saved.heading')}
      </h2>
      <ul className="source-list" aria-label={t('search.saved.list')}>
        {searches.map((search) => (
          <li key={search.id} className="feed-row">
            <button
              type="button"
              className="source"
              aria-current={
                current?.query.trim() === search.query && current.sort === search.sort
                  ? 'true'
                  : undefined
              }
              title={search.query}
              onClick={() => onRun(search)}
            >
              <span className="source-title">{search.name}</span>
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('search.saved.rename', { name: search.name })}
              title={t('search.saved.renameTitle')}
              onClick={() => {
                setRenaming(search);
                setName(search.name);
                dialogRef.current?.showModal();
              }}
            >
              {RENAME_GLYPH}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('search.saved.remove', { name: search.name })}
              title={t('search.saved.removeTitle')}
              onClick={() => void removeSearch(search.id)}
            >
              {REMOVE_GLYPH}
            </button>
          </li>
        ))}
      </ul>
      <NameDialog
        ref={dialogRef}
        title={t('search.saved.renameDialog')}
        name={name}
        onNameChange={setName}
        confirm={t('search.saved.renameConfirm')}
        onConfirm={(chosen) => {
          if (renaming) void renameSearch(renaming.id, chosen);
        }}
      />
    </section>
  );
}
