import { useEffect, useId, useState } from 'react';
import { ACCOUNT_SERVICES, type AccountService } from '@shared/account-model';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
import { problemText, SERVICE_NAMES, type Account } from '../hooks/use-accounts';
import { useModal } from '../hooks/use-modal';
import { plainHttpHost, useSignIn, type SignInField } from '../hooks/use-sign-in';

/**
 * Neither server takes the password of its web page: FreshRSS wants an API password, Miniflux a
 * user name and password of their own for its Google Reader integration.
 */
const PASSWORD_HINTS: Partial<Record<AccountService, MessageId>> = {
  freshrss: 'accounts.signIn.passwordHintFreshrss',
  miniflux: 'accounts.signIn.passwordHintMiniflux',
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
  const t = useT();
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
  const plainHost = plainHttpHost(serverUrl);
  const warning = plainHost && t('accounts.signIn.plainHttp', { host: plainHost });
  const problem =
    state.status === 'invalid' || state.status === 'error' ? problemText(state.problem, t) : '';
  const describe = (field: SignInField, ...more: (string | false | undefined)[]) =>
    [invalidField === field && `${id}-problem`, ...more].filter(Boolean).join(' ') || undefined;
  const edited = (): void => {
    if (state.status === 'invalid' || state.status === 'error') reset();
  };
  const title = account
    ? t('accounts.signIn.titleAgain', { name: account.name })
    : t('accounts.signIn.title');
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
            {t('accounts.details', {
              service: t(SERVICE_NAMES[account.service]),
              server: account.serverUrl,
              user: account.username,
            })}
          </p>
        )}
        <label htmlFor={`${id}-service`}>{t('accounts.signIn.service')}</label>
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
              {t(SERVICE_NAMES[value])}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-server`}>{t('accounts.signIn.server')}</label>
        <input
          data-field="serverUrl"
          id={`${id}-server`}
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder={t(
            service === 'freshrss'
              ? 'accounts.signIn.serverExampleFreshrss'
              : 'accounts.signIn.serverExample',
          )}
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
        <label htmlFor={`${id}-username`}>{t('accounts.signIn.username')}</label>
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
        <label htmlFor={`${id}-password`}>{t('accounts.signIn.password')}</label>
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
            {t(hint)}
          </p>
        )}
        <p className="form-status" role="status">
          {working ? t('accounts.signIn.working', { host: state.host }) : ''}
        </p>
        {problem && (
          <p id={`${id}-problem`} className="form-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('accounts.signIn.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            aria-disabled={working || undefined}
            aria-busy={working || undefined}
          >
            {t('accounts.signIn.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
