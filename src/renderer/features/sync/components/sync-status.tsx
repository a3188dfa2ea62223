import { useCallback, useState, type ReactNode } from 'react';
import { useT } from '../../../i18n/use-t';
import { useSyncBridge } from '../hooks/use-sync-bridge';
import { cancelRefresh, refreshAll, useSyncProgress } from '../hooks/use-sync-progress';
import './sync.css';

/**
 * The Refresh button and, while a refresh runs, how far it has got and what it brought.
 * `accounts`: what the sync accounts have to say (changes waiting, a sign-in refused), composed
 * by the app shell from the accounts feature.
 */
export function SyncStatus({ online, accounts }: { online: boolean; accounts?: ReactNode }) {
  const t = useT();
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
            aria-label={t('sync.status.progressLabel')}
            value={progress.done}
            max={Math.max(progress.total, 1)}
          />
          <span className="sync-text" role="status">
            {newCount > 0
              ? t('sync.status.refreshingWithNew', {
                  done: progress.done,
                  total: progress.total,
                  new: newCount,
                })
              : t('sync.status.refreshing', { done: progress.done, total: progress.total })}
          </span>
          <button type="button" className="button button-small" onClick={cancelRefresh}>
            {t('sync.status.cancel')}
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
            {t('sync.status.refresh')}
          </button>
          <span className="sync-text" role="status" id="refresh-offline">
            {!online
              ? t('sync.status.offline')
              : progress?.cancelled
                ? t('sync.status.cancelled')
                : progress && !progress.running
                  ? t('sync.status.done', {
                      new: newCount,
                      failed: progress.failed,
                      notStored,
                    })
                  : ''}
          </span>
        </>
      )}
      {accounts}
    </div>
  );
}
