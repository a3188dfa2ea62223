import { useCallback, useId, useState } from 'react';
import { SERVICE_LABELS } from '@shared/account-model';
import { translate } from '../../../i18n/current-locale';
import { errorText } from '../../../i18n/localized-error';
import { relativeTime } from '../../../lib/format';
import {
  pendingText,
  removeAccount,
  renameAccount,
  signOutAccount,
  useAccountBookmarkCount,
  usePendingCount,
  type Account,
} from '../hooks/use-accounts';
import { useModal } from '../hooks/use-modal';

type Asking = 'rename' | 'sign-out' | 'remove';

/** How the account stands, in words: synced when, signed out, or what went wrong. */
export function accountStatusText(account: Account, now = Date.now()): string {
  // Main's message in the reader's language when the failure carries one.
  const failure = account.lastError && errorText(account.lastError, translate);
  if (account.status === 'signed-out') return failure ? `Signed out: ${failure}` : 'Signed out';
  if (account.status === 'error' && failure) return failure;
  return account.lastSyncAt
    ? `Synced ${relativeTime(account.lastSyncAt, now)}`
    : 'Waiting for its first sync';
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
            {SERVICE_LABELS[account.service]} · {account.serverUrl} · {account.username}
          </p>
          <p
            className={
              account.status === 'ok' ? 'account-detail' : 'account-detail account-problem'
            }
          >
            {accountStatusText(account)}
          </p>
          {pending > 0 && <p className="account-detail account-pending">{pendingText(pending)}</p>}
        </div>
        <div className="account-actions">
          <button type="button" className="button button-small" onClick={() => setAsking('rename')}>
            Rename
          </button>
          {signedOut ? (
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => onSignInAgain(account)}
            >
              Sign in again
            </button>
          ) : (
            <button
              type="button"
              className="button button-small"
              onClick={() => setAsking('sign-out')}
            >
              Sign out
            </button>
          )}
          <button
            type="button"
            className="button button-small button-danger"
            onClick={() => setAsking('remove')}
          >
            Remove
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
  const ref = useModal(onClosed);
  const id = useId();
  const [name, setName] = useState(account.name);
  const [problem, setProblem] = useState<string>();
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) {
            setProblem('Enter a name for the account.');
            return;
          }
          void renameAccount(account.id, name).then(
            () => ref.current?.close(),
            (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
          );
        }}
      >
        <h2 id={`${id}-title`}>Rename account</h2>
        <label htmlFor={`${id}-name`}>Name</label>
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
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Save
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
  const ref = useModal(onClosed);
  const id = useId();
  const bookmarks = useAccountBookmarkCount(account.id, true);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string>();
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
        {signOut ? `Sign out of “${account.name}”?` : `Remove “${account.name}”?`}
      </h2>
      <div id={`${id}-body`}>
        <p>
          Its feeds and articles leave this computer; the server keeps them.{' '}
          {bookmarks === undefined
            ? 'Its bookmarks stay as Saved articles.'
            : bookmarks === 1
              ? 'Its 1 bookmark stays as a Saved article.'
              : `Its ${bookmarks} bookmarks stay as Saved articles.`}
        </p>
        <p className={pending > 0 ? 'account-problem' : undefined}>
          {pending > 0
            ? `${pending} ${pending === 1 ? 'change has' : 'changes have'} not reached the server yet and would be lost.`
            : 'Every change you made has reached the server.'}
        </p>
        {signOut ? (
          <p>You can sign in again later; its feeds then come back from the server.</p>
        ) : (
          <p>Broadsheet forgets the account and its sign-in.</p>
        )}
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          {signOut ? 'Stay signed in' : 'Keep account'}
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
                setProblem(error instanceof Error ? error.message : String(error));
              },
            );
          }}
        >
          {signOut ? 'Sign out' : 'Remove'}
        </button>
      </div>
    </dialog>
  );
}
