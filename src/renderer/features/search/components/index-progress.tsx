import type { IndexState } from '../hooks/use-index-status';

/** "Updating the search index… 1,200 of 4,000": shown instead of pretending there is nothing. */
export function IndexProgressLine({ index }: { index: IndexState }) {
  const { progress, status } = index;
  const what =
    progress?.phase === 'rebuild' || status?.busy === 'rebuild'
      ? 'Rebuilding the search index'
      : status && !status.checked && !progress
        ? 'Checking the search index'
        : 'Updating the search index';
  const counted =
    progress && progress.total
      ? ` ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`
      : '';
  return (
    <div className="search-index-progress" role="status">
      <span>
        {what}…{counted}
      </span>
      <progress
        aria-label="Search index progress"
        max={progress?.total || undefined}
        value={progress?.total ? progress.done : undefined}
      />
    </div>
  );
}
