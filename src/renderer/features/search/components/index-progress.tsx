import { useT } from '../../../i18n/use-t';
import type { IndexState } from '../hooks/use-index-status';

/** "Updating the search index… 1,200 of 4,000": shown instead of pretending there is nothing. */
export function IndexProgressLine({ index }: { index: IndexState }) {
  const t = useT();
  const { progress, status } = index;
  const rebuilding = progress?.phase === 'rebuild' || status?.busy === 'rebuild';
  const counted = progress?.total
    ? { done: t.number(progress.done), total: t.number(progress.total) }
    : undefined;
  // Checking happens before any progress is reported, so it is never counted.
  const what = rebuilding
    ? counted
      ? t('search.progress.rebuildingCounted', counted)
      : t('search.progress.rebuilding')
    : status && !status.checked && !progress
      ? t('search.progress.checking')
      : counted
        ? t('search.progress.updatingCounted', counted)
        : t('search.progress.updating');
  return (
    <div className="search-index-progress" role="status">
      <span>{what}</span>
      <progress
        aria-label={t('search.progress.label')}
        max={progress?.total || undefined}
        value={progress?.total ? progress.done : undefined}
      />
    </div>
  );
}
