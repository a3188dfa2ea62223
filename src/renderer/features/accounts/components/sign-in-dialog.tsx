import { useEffect, useId, useState } from 'react';
import { ACCOUNT_SERVICES, SERVICE_LABELS, type AccountService } from '@shared/account-model';
import type { Account } from '../hooks/use-accounts';
import { useModal } from '../hooks/use-modal';
import { plainHttpWarning, useSignIn, type SignInField } from '../hooks/use-sign-in';

/**
 * Neither server takes the password of its web page: FreshRSS wants an API password, Miniflux a
 * user name and password of their own for its Google Reader integration.
 */
const PASSWORD_HINTS: Partial<Record<AccountService, string>> = {
  freshrss:
    'FreshRSS wants the API password set under Profile → API management, not the one for its web page.',
  miniflux:
    'Miniflux wants the user name and password set under Settings → Integrations → Google Reader, not its login.',
};

interface Props {
  /** Signs this account in again (its service, server and user are fixed); absent: a new one. */
  account?: Account;
  onSignedIn: (account: Account, warning: string | undefined) => void;
  /** However the dialog closes (Escape, Cancel, success), it then leaves the page. */
  onClosed: () => void;
}

/**
 * "Add account" (and "Sign in again"): which service, where, who, and the password — checked by
 * the server at once, with the server's own words when it says no. Mounted only while open.
 */
export function SignInDialog({ account, onSignedIn, onClosed }: Props) {
  const dialogRef = useModal(onClosed);
  const id = useId();
  const [service, setService] = useState<AccountService>(account?.service ?? 'freshrss');
  const [serverUrl, setServerUrl] = useState(account?.serverUrl ?? '');
  const [username, setUsername] = useState(account?.username ?? '');
  const [password, setPassword] = useState('');
  const { state, signIn, reset } = useSignIn((signedIn, warning) => {
    onSignedIn(signedIn, warning);
    dialogRef.current?.close();
  }, account?.id);

  // Signing in again, only the password is to type: start there (React's autoFocus runs before
  // showModal, which would move the focus to the first field).
  const again = account !== undefined;
  useEffect(() => {
    if (again) dialogRef.current?.querySelector<HTMLElement>('[data-field="password"]')?.focus();
  }, [again, dialogRef]);

  // A field the check refused gets the focus, so the reader lands where the fix is typed.
  const invalidField = state.status === 'invalid' ? state.field : undefined;
  useEffect(() => {
    if (invalidField)
      dialogRef.current?.querySelector<HTMLElement>(`[data-field="${invalidField}"]`)?.focus();
  }, [state, invalidField, dialogRef]);

  const working = state.status === 'working';
  const warning = plainHttpWarning(serverUrl);
  const problem = state.status === 'invalid' || state.status === 'error' ? state.message : '';
  const describe = (field: SignInField, ...more: (string | false | undefined)[]) =>
    [invalidField === field && `${id}-problem`, ...more].filter(Boolean).join(' ') || undefined;
  const edited = (): void => {
    if (state.status === 'invalid' || state.status === 'error') reset();
  };
  const title = account ? `Sign in to ${account.name}` : 'Add account';
  const hint = PASSWORD_HINTS[service];

  return (
    <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
      <form
        noValidate
        aria-busy={working}
        onSubmit={(event) => {
          event.preventDefault();
          void signIn({ service, serverUrl, username, password });
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        {account && (
          <p className="dialog-subtitle">
            {SERVICE_LABELS[account.service]} · {account.serverUrl} · {account.username}
          </p>
        )}
        <label htmlFor={`${id}-service`}>Service</label>
        <select
          id={`${id}-service`}
          value={service}
          disabled={account !== undefined}
          onChange={(e) => {
            setService(e.target.value as AccountService);
            edited();
          }}
        >
          {ACCOUNT_SERVICES.map((value) => (
            <option key={value} value={value}>
              {SERVICE_LABELS[value]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-server`}>Server URL</label>
        <input
          data-field="serverUrl"
          id={`${id}-server`}
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={service === 'freshrss' ? 'https://rss.example.com' : 'https://example.com'}
          value={serverUrl}
          readOnly={account !== undefined}
          aria-invalid={invalidField === 'serverUrl' || undefined}
          aria-describedby={describe('serverUrl', warning && `${id}-warning`)}
          onChange={(e) => {
            setServerUrl(e.target.value);
            edited();
          }}
        />
        {warning && (
          <p id={`${id}-warning`} className="form-warning">
            {warning}
          </p>
        )}
        <label htmlFor={`${id}-username`}>Username</label>
        <input
          data-field="username"
          id={`${id}-username`}
          type="text"
          autoComplete="username"
          spellCheck={false}
          value={username}
          readOnly={account !== undefined}
          aria-invalid={invalidField === 'username' || undefined}
          aria-describedby={describe('username')}
          onChange={(e) => {
            setUsername(e.target.value);
            edited();
          }}
        />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          data-field="password"
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          aria-invalid={invalidField === 'password' || undefined}
          aria-describedby={describe('password', hint && `${id}-password-hint`)}
          onChange={(e) => {
            setPassword(e.target.value);
            edited();
          }}
        />
        {hint && (
          <p id={`${id}-password-hint`} className="form-hint">
            {hint}
          </p>
        )}
        <p className="form-status" role="status">
          {working ? state.message : ''}
        </p>
        {problem && (
          <p id={`${id}-problem`} className="form-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            aria-disabled={working || undefined}
            aria-busy={working || undefined}
          >
            Sign in
          </button>
        </div>
      </form>
    </dialog>
  );
}
