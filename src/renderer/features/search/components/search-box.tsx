import { useRef, useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { saveSearch } from '../hooks/use-saved-searches';
import type { SearchState } from '../hooks/use-search';
import { NameDialog } from './name-dialog';
import './search.css';

interface Props {
  search: SearchState;
  /** Enter: open the first result (or the one already selected). */
  onOpenFirst: () => void;
}

/** The search field above the list, and "Save search" for what is typed in it. */
export function SearchBox({ search, onOpenFirst }: Props) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  return (
    <div className="search-bar" role="search">
      <input
        type="search"
        className="search-input"
        aria-label={t('search.box.label')}
        placeholder={t('search.box.placeholder')}
        autoComplete="off"
        spellCheck={false}
        value={search.query}
        onChange={(event) => search.setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            if (search.query) search.clear();
            else event.currentTarget.blur();
          } else if (event.key === 'Enter') {
            event.preventDefault();
            search.submit();
            onOpenFirst();
          } else if (event.key === 'ArrowDown') {
            const first = document.querySelector<HTMLElement>('.search-results .article-row');
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
      />
      <button
        type="button"
        className="button button-small"
        disabled={!search.active}
        onClick={() => {
          setName(search.query.trim());
          dialogRef.current?.showModal();
        }}
      >
        {t('search.box.save')}
      </button>
      <NameDialog
        ref={dialogRef}
        title={t('search.box.saveTitle')}
        name={name}
        onNameChange={setName}
        confirm={t('search.box.saveConfirm')}
        onConfirm={(chosen) =>
          void saveSearch({ name: chosen, query: search.query.trim(), sort: search.sort })
        }
      />
    </div>
  );
}
