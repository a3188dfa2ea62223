import { useState, type ReactNode } from 'react';
import type { MessageId } from '../../../i18n/catalogue';
import { errorText } from '../../../i18n/localized-error';
import { useT, type Translator } from '../../../i18n/use-t';
import { backupDate } from '../../../lib/format';
import { useLibraryGate, type GateFailure, type GateNotice } from '../hooks/use-library-gate';
import './recovery.css';

interface Props {
  /** The app, rendered once the library may be opened. */
  children: ReactNode;
}

const FAILED: Record<Exclude<GateFailure['failed'], 'open'>, MessageId> = {
  restore: 'recovery.gate.restoreFailed',
  delete: 'recovery.gate.deleteFailed',
};

function failureText({ failed, reason }: GateFailure, t: Translator): string {
  // The browser's own reason is the whole story when the library would not open.
  return failed === 'open' ? reason : t(FAILED[failed], { reason });
}

function noticeText(notice: GateNotice, t: Translator): string {
  return notice.kind === 'restored'
    ? notice.report
    : t('recovery.notice.upgradedWithoutCopy', { reason: errorText(notice.error, t) });
}

/** What the gate says about the library and its newest backup, one whole message each. */
const OFFER_TEXT = {
  unreadable: {
    backup: 'recovery.gate.unreadableWithBackup',
    none: 'recovery.gate.unreadableNoBackup',
  },
  empty: { backup: 'recovery.gate.emptyWithBackup', none: 'recovery.gate.emptyNoBackup' },
} as const satisfies Record<string, Record<string, MessageId>>;

/**
 * Stands before the app until the library is known to be safe to open (see use-library-gate):
 * nothing behind it, the search worker included, touches the library before then.
 */
export function LibraryGate({ children }: Props) {
  const t = useT();
  const gate = useLibraryGate();
  const { state } = gate;
  const [confirming, setConfirming] = useState<'restore' | 'empty'>();

  if (state.kind === 'open') {
    return (
      <>
        {state.notice && (
          <div className="gate-notice" role={state.notice.kind === 'restored' ? 'status' : 'alert'}>
            <span>{noticeText(state.notice, t)}</span>
            <button type="button" className="button button-small" onClick={gate.dismissNotice}>
              {t('recovery.notice.dismiss')}
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
    body = (
      <p role="status">
        {t(state.task === 'upgrade' ? 'recovery.working.upgrade' : 'recovery.working.restore')}
      </p>
    );
  } else if (state.kind === 'newer') {
    body = (
      <div role="alert">
        <h1>{t('recovery.newer.title')}</h1>
        <p>{t('recovery.newer.body', { version: state.version, latest: gate.latestVersion })}</p>
      </div>
    );
  } else if (state.kind === 'upgrade-refused') {
    body = (
      <>
        <div role="alert">
          <h1>{t('recovery.refused.title')}</h1>
          <p>{t('recovery.refused.body', { reason: state.reason })}</p>
        </div>
        <div className="dialog-actions dialog-actions-start">
          <button type="button" className="button button-primary" onClick={() => void gate.retry()}>
            {t('recovery.refused.retry')}
          </button>
          <button type="button" className="button" onClick={gate.upgradeWithoutCopy}>
            {t('recovery.refused.upgradeWithoutCopy')}
          </button>
        </div>
      </>
    );
  } else {
    const { backup, cause } = state;
    const unreadable = cause === 'unreadable';
    body = (
      <>
        <h1>{t(unreadable ? 'recovery.gate.unreadableTitle' : 'recovery.gate.emptyTitle')}</h1>
        <p>
          {t(OFFER_TEXT[cause][backup ? 'backup' : 'none'], {
            date: backup && backupDate(backup.createdAt),
          })}
        </p>
        {state.error && (
          <p role="alert" className="form-error">
            {failureText(state.error, t)}
          </p>
        )}
        {confirming ? (
          <div className="restore-confirm" role="group" aria-labelledby="gate-confirm">
            <p id="gate-confirm">
              {t(
                confirming === 'restore'
                  ? 'recovery.confirm.restore'
                  : backup
                    ? 'recovery.confirm.emptyKeepsBackups'
                    : 'recovery.confirm.empty',
              )}
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
                {t(
                  confirming === 'restore'
                    ? 'recovery.confirm.deleteAndRestore'
                    : 'recovery.confirm.deleteAndStartEmpty',
                )}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(undefined)}>
                {t('recovery.confirm.cancel')}
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
                {t('recovery.gate.restoreFromBackup', {
                  date: backupDate(backup.createdAt),
                  count: backup.articles,
                })}
              </button>
            )}
            <button
              type="button"
              className="button"
              onClick={() => (unreadable ? setConfirming('empty') : gate.startEmpty())}
            >
              {t('recovery.gate.startEmpty')}
            </button>
            {unreadable && (
              <button type="button" className="button" onClick={() => void gate.retry()}>
                {t('recovery.gate.retry')}
              </button>
            )}
          </div>
        )}
      </>
    );
  }
  return (
    <main className="library-gate" aria-label={t('recovery.gate.label')}>
      <div className="library-gate-panel">{body}</div>
    </main>
  );
}
