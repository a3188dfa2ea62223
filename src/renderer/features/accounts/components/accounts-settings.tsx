import { useCallback, useId, useRef, useState } from 'react';
import { useAccounts, type Account } from '../hooks/use-accounts';
import { AccountRow } from './account-row';
import { SignInDialog } from './sign-in-dialog';
import './accounts.css';

/**
 * Settings → Accounts: the servers this library syncs with (FreshRSS, Miniflux, any Google
 * Reader API server), beside the feeds kept on this computer alone.
 */
export function AccountsSettings() {
  const id = useId();
  const accounts = useAccounts();
  const addButton = useRef<HTMLButtonElement>(null);
  // undefined: no dialog; null: "Add account"; an account: "Sign in again" for it.
  const [signingIn, setSigningIn] = useState<Account | null>();
  const [notice, setNotice] = useState('');
  const closed = useCallback(() => setSigningIn(undefined), []);
  const signedIn = useCallback((account: Account, warning: string | undefined) => {
    setNotice(`Signed in to ${account.name}.${warning ? ` ${warning}` : ''}`);
  }, []);

  return (
    <section aria-labelledby={`${id}-accounts`}>
      <h3 id={`${id}-accounts`}>Accounts</h3>
      <p className="dialog-subtitle">
        Sync feeds, read state, bookmarks and tags with a server you use elsewhere. Feeds on this
        computer stay as they are.
      </p>
      {accounts && accounts.length > 0 && (
        <ul className="account-list" aria-labelledby={`${id}-accounts`}>
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              onSignInAgain={(which) => {
                setNotice('');
                setSigningIn(which);
              }}
              onRemoved={() => addButton.current?.focus()}
            />
          ))}
        </ul>
      )}
      <div className="dialog-actions dialog-actions-start">
        <button
          ref={addButton}
          type="button"
          className="button"
          aria-haspopup="dialog"
          onClick={() => {
            setNotice('');
            setSigningIn(null);
          }}
        >
          Add account
        </button>
        <span role="status" className="form-status">
          {notice}
        </span>
      </div>
      {signingIn !== undefined && (
        <SignInDialog account={signingIn ?? undefined} onSignedIn={signedIn} onClosed={closed} />
      )}
    </section>
  );
}
