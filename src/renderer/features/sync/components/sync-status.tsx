import { useCallback, useState, type ReactNode } from 'react';
import { useSyncBridge } from '../hooks/use-sync-bridge';
import { cancelRefresh, refreshAll, useSyncProgress } from '../hooks/use-sync-progress';
import './sync.css';

/**
 * The Refresh button and, while a refresh runs, how far it has got and what it brought.
 * `accounts`: what the sync accounts have to say (changes waiting, a sign-in refused), composed
 * by the app shell from the accounts feature.
 */
export function SyncStatus({ online, accounts }: { online: boolean; accounts?: ReactNode }) {
  const progress = useSyncProgress();
  const [newCount, setNewCount] = useState(0);
  // Feeds fetched but not yet stored (a full disk): the storage banner says why and what to do.
  const [notStored, setNotStored] = useState(0);
  const countNew = useCallback((added: number) => setNewCount((n) => n + added), []);
  const refused = useSyncBridge(countNew, setNotStored);
  const running = progress?.running === true;

  const start = (): void => {
    setNewCount(0);
    refreshAll();
  };

  return (
    <div className="sync-status">
      {refused && (
        <p className="sync-refused form-error" role="alert">
          {refused}
        </p>
      )}
      {running ? (
        <>
          <progress
            className="sync-progress"
            aria-label="Refreshing feeds"
            value={progress.done}
            max={Math.max(progress.total, 1)}
          />
          <span className="sync-text" role="status">
            Refreshing {progress.done} of {progress.total}
            {newCount > 0 ? ` · ${newCount} new` : ''}
          </span>
          <button type="button" className="button button-small" onClick={cancelRefresh}>
            Cancel refresh
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="button button-small"
            onClick={start}
            disabled={!online}
            aria-describedby={online ? undefined : 'refresh-offline'}
          >
            Refresh
          </button>
          <span className="sync-text" role="status" id="refresh-offline">
            {!online
              ? 'Offline: refreshing needs a network connection.'
              : progress?.cancelled
                ? 'Refresh cancelled'
                : progress && !progress.running
                  ? `${newCount} new${progress.failed ? ` · ${progress.failed} failed` : ''}${notStored ? ` · ${notStored} not saved` : ''}`
                  : ''}
          </span>
        </>
      )}
      {accounts}
    </div>
  );
}
