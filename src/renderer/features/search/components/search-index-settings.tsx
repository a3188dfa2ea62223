import { useId } from 'react';
import { useIndexStatus } from '../hooks/use-index-status';
import { useRebuildIndex } from '../hooks/use-rebuild-index';
import { IndexProgressLine } from './index-progress';

/** The Settings section for the search index: its size, and rebuilding it from scratch. */
export function SearchIndexSettings() {
  const id = useId();
  const index = useIndexStatus();
  const [state, rebuild] = useRebuildIndex();
  const docs = index.status?.docs;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Search index</h3>
      <p className="dialog-subtitle">
        {docs === undefined
          ? 'Opening the search index…'
          : `${docs.toLocaleString()} ${docs === 1 ? 'article' : 'articles'} indexed. `}
        Rebuild it if search misses articles you know are stored.
      </p>
      <div className="dialog-actions dialog-actions-start">
        <button
          type="button"
          className="button"
          disabled={state.kind === 'working'}
          onClick={rebuild}
        >
          Rebuild search index
        </button>
        <span role="status" className={state.kind === 'failed' ? 'form-error' : undefined}>
          {state.kind === 'done'
            ? `Search index rebuilt: ${state.indexed.toLocaleString()} ${state.indexed === 1 ? 'article' : 'articles'} indexed.`
            : state.kind === 'failed'
              ? `Could not rebuild the search index: ${state.message}`
              : ''}
        </span>
      </div>
      {state.kind === 'working' && <IndexProgressLine index={index} />}
    </section>
  );
}
