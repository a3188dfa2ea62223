import { useCallback, useId, useRef, useState } from 'react';
import { useT } from '../../../i18n/use-t';
import { useAccounts, type Account } from '../hooks/use-accounts';
import { AccountRow } from './account-row';
import { SignInDialog } from './sign-in-dialog';
import './accounts.css';

/**
 * Settings → Accounts: the servers this library syncs with (FreshRSS, Miniflux, any Google
 * Reader API server), beside the feeds kept on this computer alone.
 */
export function AccountsSettings() {
  const t = useT();
  const id = useId();
  const accounts = useAccounts();
  const addButton = useRef<HTMLButtonElement>(null);
  // undefined: no dialog; null: "Add account"; an account: "Sign in again" for it.
  const [signingIn, setSigningIn] = useState<Account | null>();
  /** Who was just signed in, and main's warning about it if it had one. */
  const [notice, setNotice] = useState<{ name: string; warning?: string }>();
  const closed = useCallback(() => setSigningIn(undefined), []);
  const signedIn = useCallback((account: Account, warning: string | undefined) => {
    setNotice({ name: account.name, warning });
  }, []);

  return (
    <section aria-labelledby={`${id}-accounts`}>
      <h3 id={`${id}-accounts`}>{t('accounts.settings.heading')}</h3>
      <p className="dialog-subtitle">{t('accounts.settings.intro')}</p>
      {accounts && accounts.length > 0 && (
        <ul className="account-list" aria-labelledby={`${id}-accounts`}>
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              onSignInAgain={(which) => {
                setNotice(undefined);
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
            setNotice(undefined);
            setSigningIn(null);
          }}
        >
          {t('accounts.settings.add')}
        </button>
        <span role="status" className="form-status">
          {notice &&
            (notice.warning
              ? t('accounts.settings.signedInWarning', { ...notice })
              : t('accounts.settings.signedIn', { name: notice.name }))}
        </span>
      </div>
      {signingIn !== undefined && (
        <SignInDialog account={signingIn ?? undefined} onSignedIn={signedIn} onClosed={closed} />
      )}
    </section>
  );
}
