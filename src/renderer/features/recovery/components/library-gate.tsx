import { useState, type ReactNode } from 'react';
import { backupDate, restoreFromBackupLabel } from '../../../lib/format';
import { useLibraryGate } from '../hooks/use-library-gate';
import './recovery.css';

interface Props {
  /** The app, rendered once the library may be opened. */
  children: ReactNode;
}

/**
 * Stands before the app until the library is known to be safe to open (see use-library-gate):
 * nothing behind it, the search worker included, touches the library before then.
 */
export function LibraryGate({ children }: Props) {
  const gate = useLibraryGate();
  const { state } = gate;
  const [confirming, setConfirming] = useState<'restore' | 'empty'>();

  if (state.kind === 'open') {
    return (
      <>
        {state.notice && (
          <div className="gate-notice" role={state.notice.tone}>
            <span>{state.notice.text}</span>
            <button type="button" className="button button-small" onClick={gate.dismissNotice}>
              Dismiss
            </button>
          </div>
        )}
        {children}
      </>
    );
  }
  if (state.kind === 'checking') return null;

  let body: ReactNode;
  if (state.kind === 'working') {
    body = <p role="status">{state.message}</p>;
  } else if (state.kind === 'newer') {
    body = (
      <div role="alert">
        <h1>This library was made by a newer version of Broadsheet</h1>
        <p>
          This library was made by a newer version of Broadsheet (library version {state.version});
          this Broadsheet reads up to library version {gate.latestVersion}. Broadsheet leaves it
          untouched: open it with the newer Broadsheet that made it.
        </p>
      </div>
    );
  } else if (state.kind === 'upgrade-refused') {
    body = (
      <>
        <div role="alert">
          <h1>Your library was not upgraded</h1>
          <p>
            This Broadsheet keeps a copy of your library before upgrading it, and the copy could not
            be made: {state.message} Your library is as it was.
          </p>
        </div>
        <div className="dialog-actions dialog-actions-start">
          <button type="button" className="button button-primary" onClick={() => void gate.retry()}>
            Try again
          </button>
          <button type="button" className="button" onClick={gate.upgradeWithoutCopy}>
            Upgrade without a copy
          </button>
        </div>
      </>
    );
  } else {
    const { backup, cause } = state;
    const unreadable = cause === 'unreadable';
    body = (
      <>
        <h1>{unreadable ? 'Broadsheet cannot open your library' : 'Your library is empty'}</h1>
        <p>
          {unreadable
            ? 'The browser could not open the library stored here.'
            : 'There are no feeds and no articles in the library stored here.'}{' '}
          {backup
            ? `Broadsheet keeps automatic backups in its data folder; the newest is from ${backupDate(backup.createdAt)}.`
            : 'There is no automatic backup to restore.'}
        </p>
        {state.error && (
          <p role="alert" className="form-error">
            {state.error}
          </p>
        )}
        {confirming ? (
          <div className="restore-confirm" role="group" aria-labelledby="gate-confirm">
            <p id="gate-confirm">
              {confirming === 'restore'
                ? 'Restoring deletes the library Broadsheet cannot open and puts the backup in its place.'
                : `Starting empty deletes the library Broadsheet cannot open.${backup ? ' The automatic backups stay in the data folder.' : ''}`}
            </p>
            <div className="dialog-actions dialog-actions-start">
              <button
                type="button"
                className="button button-danger"
                onClick={() => {
                  setConfirming(undefined);
                  if (confirming === 'restore') gate.restore();
                  else gate.startEmpty();
                }}
              >
                {confirming === 'restore' ? 'Delete and restore' : 'Delete and start empty'}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="dialog-actions dialog-actions-start">
            {backup && (
              <button
                type="button"
                className="button button-primary"
                onClick={() => (unreadable ? setConfirming('restore') : gate.restore())}
              >
                {restoreFromBackupLabel(backup)}
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => (unreadable ? setConfirming('empty') : gate.startEmpty())}
            >
              Start with an empty library
            </button>
            {unreadable && (
              <button type="button" className="button" onClick={() => void gate.retry()}>
                Try again
              </button>
            )}
          </div>
        )}
      </>
    );
  }
  return (
    <main className="library-gate" aria-label="Opening your library">
      <div className="library-gate-panel">{body}</div>
    </main>
  );
}
