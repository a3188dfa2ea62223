import { useId } from 'react';
import { useT } from '../../../i18n/use-t';
import { useIndexStatus } from '../hooks/use-index-status';
import { useRebuildIndex } from '../hooks/use-rebuild-index';
import { IndexProgressLine } from './index-progress';

/** The Settings section for the search index: its size, and rebuilding it from scratch. */
export function SearchIndexSettings() {
  const t = useT();
  const id = useId();
  const index = useIndexStatus();
  const [state, rebuild] = useRebuildIndex();
  const docs = index.status?.docs;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('search.indexSettings.heading')}</h3>
      <p className="dialog-subtitle">
        {docs === undefined
          ? t('search.indexSettings.opening')
          : t('search.indexSettings.indexed', { count: docs })}
      </p>
      <div className="dialog-actions dialog-actions-start">
        <button
          type="button"
          className="button"
          disabled={state.kind === 'working'}
          onClick={rebuild}
        >
          {t('search.indexSettings.rebuild')}
        </button>
        <span role="status" className={state.kind === 'failed' ? 'form-error' : undefined}>
          {state.kind === 'done'
            ? t('search.indexSettings.rebuilt', { count: state.indexed })
            : state.kind === 'failed'
              ? t('search.indexSettings.rebuildFailed', { reason: state.message })
              : ''}
        </span>
      </div>
      {state.kind === 'working' && <IndexProgressLine index={index} />}
    </section>
  );
}
