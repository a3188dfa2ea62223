import { useCallback, useRef, useState } from 'react';
import type { AccountService } from '@shared/account-model';
import { getApi } from '../../../api/broadsheet-api';
import type { Account } from '../../../db/entities';
import type { MessageId } from '../../../i18n/catalogue';
import { normalizeUrl } from '../../../lib/typed-url';
import { addAccountAfterSignIn } from '../../../pipeline/account-sync';
import type { Problem } from './use-accounts';

export interface SignInForm {
  service: AccountService;
  serverUrl: string;
  username: string;
  password: string;
}

export type SignInField = 'serverUrl' | 'username' | 'password';

export type SignInState =
  | { status: 'idle' }
  /** Asking the server at `host`. */
  | { status: 'working'; host: string }
  /** Something the reader typed cannot work; nothing was sent. */
  | { status: 'invalid'; field: SignInField; problem: Problem }
  /** The server (or the way to it) said no: main's message, which names what is wrong. */
  | { status: 'error'; code: string; problem: Problem };

/** What each service calls the password it wants. */
const PASSWORD_MISSING: Record<AccountService, MessageId> = {
  freshrss: 'accounts.signIn.passwordMissingFreshrss',
  miniflux: 'accounts.signIn.passwordMissingMiniflux',
  greader: 'accounts.signIn.passwordMissing',
};

/** What is wrong with the form before anything is sent, or the server address to sign in at. */
export function checkSignInForm(
  form: SignInForm,
): { ok: true; serverUrl: string } | { ok: false; field: SignInField; problem: Problem } {
  if (!form.serverUrl.trim())
    return { ok: false, field: 'serverUrl', problem: { id: 'accounts.signIn.serverMissing' } };
  const serverUrl = normalizeUrl(form.serverUrl);
  if (!serverUrl)
    return {
      ok: false,
      field: 'serverUrl',
      problem: { id: 'accounts.signIn.serverInvalid', values: { typed: form.serverUrl.trim() } },
    };
  if (!form.username.trim())
    return { ok: false, field: 'username', problem: { id: 'accounts.signIn.usernameMissing' } };
  if (!form.password)
    return { ok: false, field: 'password', problem: { id: PASSWORD_MISSING[form.service] } };
  return { ok: true, serverUrl };
}

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Why a plain-http server address deserves a second thought: the password and every article
 * would cross the network readable by anyone on the way. A server on this computer is exempt
 * (nothing leaves it). Main says the same after signing in; this says it before. Answers the
 * host to name in the warning.
 */
export function plainHttpHost(typed: string): string | undefined {
  const url = normalizeUrl(typed);
  if (!url) return undefined;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' || LOOPBACK.test(hostname)) return undefined;
  return hostname;
}

/**
 * Signs in through main (which keeps the password and token; the renderer never sees either),
 * then keeps the account's row and starts its first sync. With `accountId`, signs that account
 * in again.
 */
export function useSignIn(
  onSignedIn: (account: Account, warning: string | undefined) => void,
  accountId?: string,
) {
  const [state, setState] = useState<SignInState>({ status: 'idle' });
  const busy = useRef(false);

  const signIn = useCallback(
    async (form: SignInForm): Promise<void> => {
      if (busy.current) return;
      const checked = checkSignInForm(form);
      if (!checked.ok) {
        setState({ status: 'invalid', field: checked.field, problem: checked.problem });
        return;
      }
      busy.current = true;
      setState({ status: 'working', host: new URL(checked.serverUrl).host });
      try {
        const result = await getApi().invoke('accounts.signIn', {
          service: form.service,
          serverUrl: checked.serverUrl,
          username: form.username.trim(),
          password: form.password,
          ...(accountId ? { accountId } : {}),
        });
        if (!result.ok) {
          setState({ status: 'error', code: result.error.code, problem: { error: result.error } });
          return;
        }
        const account = await addAccountAfterSignIn(result.value);
        setState({ status: 'idle' });
        onSignedIn(account, result.value.warning);
      } catch (error) {
        setState({ status: 'error', code: 'internal', problem: { error } });
      } finally {
        busy.current = false;
      }
    },
    [accountId, onSignedIn],
  );

  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, signIn, reset };
}
