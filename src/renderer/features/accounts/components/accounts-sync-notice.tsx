import { useCallback, useState } from 'react';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { useAccounts, usePendingCount, type Account } from '../hooks/use-accounts';
import { SignInDialog } from './sign-in-dialog';
import './accounts.css';

/**
 * Beside the Refresh button: how many changes wait for a server, why an account's last sync
 * failed (a Refresh that brought "0 new" would otherwise look like a server with nothing new),
 * and a way back in for an account whose server refused the saved sign-in. Shows nothing when
 * all is well.
 */
export function AccountsSyncNotice() {
  const t = useT();
  const pending = usePendingCount() ?? 0;
  const accounts = useAccounts();
  const signedOut = accounts?.filter((account) => account.status === 'signed-out') ?? [];
  const failing = accounts?.filter((account) => account.status === 'error' && account.lastError);
  const [signingIn, setSigningIn] = useState<Account>();
  const closed = useCallback(() => setSigningIn(undefined), []);
  const signedIn = useCallback(() => undefined, []);
  if (pending === 0 && signedOut.length === 0 && !failing?.length && !signingIn) return null;
  return (
    <div className="accounts-sync-notice">
      {pending > 0 && (
        <p className="sync-text account-pending">{t('accounts.pending', { count: pending })}</p>
      )}
      {failing?.map((account) => (
        <p key={account.id} className="sync-text account-problem">
          {t('accounts.notice.failed', {
            name: account.name,
            reason: account.lastError && errorText(account.lastError, t),
          })}
        </p>
      ))}
      {signedOut.map((account) => (
        <p key={account.id} className="sync-text account-problem">
          {t('accounts.notice.signedOut', { name: account.name })}
          <button
            type="button"
            className="button button-small accounts-notice-action"
            aria-label={t('accounts.notice.signInAgainLabel', { name: account.name })}
            aria-haspopup="dialog"
            onClick={() => setSigningIn(account)}
          >
            {t('accounts.notice.signInAgain')}
          </button>
        </p>
      ))}
      {signingIn && <SignInDialog account={signingIn} onSignedIn={signedIn} onClosed={closed} />}
    </div>
  );
}
