import { useId, useRef, useState } from 'react';
import {
  removeSearch,
  renameSearch,
  useSavedSearches,
  type SavedSearch,
} from '../hooks/use-saved-searches';
import { NameDialog } from './name-dialog';

interface Props {
  /** The query and order now in the search box, to mark the matching view current. */
  current: { query: string; sort: SavedSearch['sort'] } | undefined;
  onRun: (search: SavedSearch) => void;
}

/** Saved searches as views of their own in the sidebar: run, rename, remove. */
export function SavedSearches({ current, onRun }: Props) {
  const id = useId();
  const searches = useSavedSearches();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [renaming, setRenaming] = useState<SavedSearch>();
  const [name, setName] = useState('');
  if (!searches?.length) return null;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="sidebar-heading">
        Saved searches
      </h2>
      <ul className="source-list" aria-label="Saved searches">
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
              aria-label={`Rename saved search ${search.name}`}
              title="Rename"
              onClick={() => {
                setRenaming(search);
                setName(search.name);
                dialogRef.current?.showModal();
              }}
            >
              ✎
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove saved search ${search.name}`}
              title="Remove"
              onClick={() => void removeSearch(search.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <NameDialog
        ref={dialogRef}
        title="Rename saved search"
        name={name}
        onNameChange={setName}
        confirm="Rename"
        onConfirm={(chosen) => {
          if (renaming) void renameSearch(renaming.id, chosen);
        }}
      />
    </section>
  );
}
