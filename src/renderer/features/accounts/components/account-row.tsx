import { useCallback, useId, useState } from 'react';
import { errorText } from '../../../i18n/localized-error';
import { useT, type Translator } from '../../../i18n/use-t';
import {
  problemText,
  removeAccount,
  renameAccount,
  SERVICE_NAMES,
  signOutAccount,
  useAccountBookmarkCount,
  usePendingCount,
  type Account,
  type Problem,
} from '../hooks/use-accounts';
import { useModal } from '../hooks/use-modal';

type Asking = 'rename' | 'sign-out' | 'remove';

/** How the account stands, in words: synced when, signed out, or what went wrong. */
export function accountStatusText(account: Account, t: Translator, now = Date.now()): string {
  // Main's message in the reader's language when the failure carries one.
  const failure = account.lastError && errorText(account.lastError, t);
  if (account.status === 'signed-out')
    return failure
      ? t('accounts.row.signedOutBecause', { reason: failure })
      : t('accounts.row.signedOut');
  if (account.status === 'error' && failure) return failure;
  return account.lastSyncAt
    ? t('accounts.row.synced', { when: t.relative(account.lastSyncAt, now) })
    : t('accounts.row.waiting');
}

/** One account in Settings: what it is, how it stands, and what can be done with it. */
export function AccountRow({
  account,
  onSignInAgain,
  onRemoved,
}: {
  account: Account;
  onSignInAgain: (account: Account) => void;
  /** After removing: the row is gone, so its owner puts the focus somewhere that stays. */
  onRemoved: () => void;
}) {
  const t = useT();
  const id = useId();
  const pending = usePendingCount(account.id) ?? 0;
  const [asking, setAsking] = useState<Asking>();
  const closed = useCallback(() => setAsking(undefined), []);
  const signedOut = account.status === 'signed-out';

  return (
    <li className="account-row">
      <div role="group" aria-labelledby={`${id}-name`} aria-describedby={`${id}-details`}>
        <p className="account-name" id={`${id}-name`}>
          {account.name}
        </p>
        <div id={`${id}-details`}>
          <p className="account-detail">
            {t('accounts.details', {
              service: t(SERVICE_NAMES[account.service]),
              server: account.serverUrl,
              user: account.username,
            })}
          </p>
          <p
            className={
              account.status === 'ok' ? 'account-detail' : 'account-detail account-problem'
            }
          >
            {accountStatusText(account, t)}
          </p>
          {pending > 0 && (
            <p className="account-detail account-pending">
              {t('accounts.pending', { count: pending })}
            </p>
          )}
        </div>
        <div className="account-actions">
          <button type="button" className="button button-small" onClick={() => setAsking('rename')}>
            {t('accounts.row.rename')}
          </button>
          {signedOut ? (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => onSignInAgain(account)}
            >
              {t('accounts.row.signInAgain')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-small"
              onClick={() => setAsking('sign-out')}
            >
              {t('accounts.row.signOut')}
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => setAsking('remove')}
          >
            {t('accounts.row.remove')}
          </button>
        </div>
      </div>
      {asking === 'rename' && <RenameDialog account={account} onClosed={closed} />}
      {(asking === 'sign-out' || asking === 'remove') && (
        <LeaveDialog
          account={account}
          kind={asking}
          pending={pending}
          onClosed={closed}
          onDone={asking === 'remove' ? onRemoved : undefined}
        />
      )}
    </li>
  );
}

function RenameDialog({ account, onClosed }: { account: Account; onClosed: () => void }) {
  const t = useT();
  const ref = useModal(onClosed);
  const id = useId();
  const [name, setName] = useState(account.name);
  const [problem, setProblem] = useState<Problem>();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) {
            setProblem({ id: 'accounts.rename.empty' });
            return;
          }
          void renameAccount(account.id, name).then(
            () => ref.current?.close(),
            (error: unknown) => setProblem({ error }),
          );
        }}
      >
        <h2 id={`${id}-title`}>{t('accounts.rename.title')}</h2>
        <label htmlFor={`${id}-name`}>{t('accounts.rename.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setProblem(undefined);
          }}
        />
        {problem && (
          <p id={`${id}-problem`} className="form-error" role="alert">
            {problemText(problem, t)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t('accounts.rename.cancel')}
          </button>
          <button type="submit" className="button button-primary">
            {t('accounts.rename.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Asks before signing out or removing: both take the account's articles off this computer,
 * keep its bookmarks as Saved articles, and drop the changes the server has not had yet.
 */
function LeaveDialog({
  account,
  kind,
  pending,
  onClosed,
  onDone,
}: {
  account: Account;
  kind: 'sign-out' | 'remove';
  pending: number;
  onClosed: () => void;
  onDone?: () => void;
}) {
  const t = useT();
  const ref = useModal(onClosed);
  const id = useId();
  const bookmarks = useAccountBookmarkCount(account.id, true);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const signOut = kind === 'sign-out';
  const act = signOut ? signOutAccount : removeAccount;
  return (
    <dialog
      ref={ref}
      className="dialog"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
    >
      <h2 id={`${id}-title`}>
        {t(signOut ? 'accounts.leave.signOutTitle' : 'accounts.leave.removeTitle', {
          name: account.name,
        })}
      </h2>
      <div id={`${id}-body`}>
        <p>
          {bookmarks === undefined
            ? t('accounts.leave.whatStays')
            : t('accounts.leave.whatStaysCount', { count: bookmarks })}
        </p>
        <p className={pending > 0 ? 'account-problem' : undefined}>
          {pending > 0
            ? t('accounts.leave.changesLost', { count: pending })
            : t('accounts.leave.changesSent')}
        </p>
        <p>{t(signOut ? 'accounts.leave.signOutLater' : 'accounts.leave.removeForgets')}</p>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problemText(problem, t)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          {t(signOut ? 'accounts.leave.staySignedIn' : 'accounts.leave.keepAccount')}
        </button>
        <button
          type="button"
          className="button button-danger"
          aria-disabled={working || undefined}
          onClick={() => {
            if (working) return;
            setWorking(true);
            void act(account.id).then(
              () => {
                ref.current?.close();
                onDone?.();
              },
              (error: unknown) => {
                setWorking(false);
                setProblem({ error });
              },
            );
          }}
        >
          {t(signOut ? 'accounts.leave.signOut' : 'accounts.leave.remove')}
        </button>
      </div>
    </dialog>
  );
}
