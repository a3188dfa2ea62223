import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Account } from '@renderer/db/entities';
import { SignInDialog } from '@renderer/features/accounts/components/sign-in-dialog';
import { AppError } from '@shared/result';
import type { SignInResult } from '@shared/account-model';
import type { MethodParams } from '@shared/contract';
import { switchLocale, translate } from '@renderer/i18n/current-locale';
import { PSEUDO_LOCALE } from '@shared/interface-locales';
import {
  click,
  getByLabel,
  getByRole,
  mount,
  queryAllByRole,
  type,
  waitFor,
} from '../../../support/dom';
import { installMainBridge } from '../../../support/main-bridge';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

type SignInParams = MethodParams<'accounts.signIn'>;

emptyLibraryBetweenTests();

function open(onSignedIn: (account: Account, warning?: string) => void = () => undefined) {
  let closed = 0;
  const mounted = mount(<SignInDialog onSignedIn={onSignedIn} onClosed={() => closed++} />);
  const dialog = getByRole<HTMLDialogElement>(document.body, 'dialog', 'Add account');
  return {
    ...mounted,
    dialog,
    closed: () => closed,
    fill(values: { service?: string; server?: string; user?: string; password?: string }) {
      if (values.service !== undefined)
        type(getByRole<HTMLSelectElement>(dialog, 'combobox', 'Service'), values.service);
      if (values.server !== undefined)
        type(getByRole<HTMLInputElement>(dialog, 'textbox', 'Server URL'), values.server);
      if (values.user !== undefined)
        type(getByRole<HTMLInputElement>(dialog, 'textbox', 'Username'), values.user);
      if (values.password !== undefined) type(getByLabel(dialog, 'Password'), values.password);
    },
    submit: () => click(getByRole(dialog, 'button', 'Sign in')),
  };
}

describe('the Add account dialog', () => {
  afterEach(() => act(() => switchLocale('en')));

  it('speaks the interface language, its complaint following a switch while it shows', async () => {
    installMainBridge({});
    const form = open();
    form.submit();
    expect(getByRole(form.dialog, 'alert').textContent).toBe('Enter the address of your server.');
    await act(() => switchLocale(PSEUDO_LOCALE));
    const complaint = getByRole(form.dialog, 'alert').textContent;
    expect(complaint).toBe(translate('accounts.signIn.serverMissing'));
    expect(complaint).toMatch(/^\[Éñţéŕ ţĥé áððŕéšš/);
    expect(getByRole(document.body, 'dialog', translate('accounts.signIn.title'))).toBe(
      form.dialog,
    );
    const service = getByRole<HTMLSelectElement>(
      form.dialog,
      'combobox',
      translate('accounts.signIn.service'),
    );
    expect(service.options[2]?.textContent).toBe(translate('accounts.service.greader'));
    type(
      getByRole<HTMLInputElement>(form.dialog, 'textbox', translate('accounts.signIn.server')),
      'http://rss.example.com',
    );
    expect(form.dialog.textContent).toContain(
      translate('accounts.signIn.plainHttp', { host: 'rss.example.com' }),
    );
    expect(form.dialog.textContent).not.toMatch(/unencrypted|Server URL|Cancel/);
  });

  it('offers the three services by name, with the fields the reader needs', () => {
    installMainBridge({});
    const { dialog } = open();
    const service = getByRole<HTMLSelectElement>(dialog, 'combobox', 'Service');
    expect([...service.options].map((o) => o.textContent)).toEqual([
      'FreshRSS',
      'Miniflux',
      'Other Google Reader API server',
    ]);
    expect(getByLabel(dialog, 'Password').type).toBe('password');
    expect(getByRole(dialog, 'textbox', 'Server URL')).toBeTruthy();
    expect(getByRole(dialog, 'textbox', 'Username')).toBeTruthy();
  });

  it('tells which password each server wants, tied to the field', () => {
    installMainBridge({});
    const { dialog } = open();
    const hint = () => {
      const ids = getByLabel(dialog, 'Password').getAttribute('aria-describedby') ?? '';
      return ids
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    };
    expect(hint()).toMatch(/FreshRSS wants the API password/);
    type(getByRole<HTMLSelectElement>(dialog, 'combobox', 'Service'), 'miniflux');
    expect(hint()).toMatch(/Integrations → Google Reader/);
    type(getByRole<HTMLSelectElement>(dialog, 'combobox', 'Service'), 'greader');
    expect(hint()).toBe('');
  });

  it('says what is missing before sending anything, and puts the focus there', () => {
    const { calls } = installMainBridge({});
    const form = open();
    form.submit();
    const server = getByRole<HTMLInputElement>(form.dialog, 'textbox', 'Server URL');
    expect(getByRole(form.dialog, 'alert').textContent).toBe('Enter the address of your server.');
    expect(server.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(server);

    form.fill({ server: 'http://' });
    form.submit();
    expect(getByRole(form.dialog, 'alert').textContent).toMatch(/“http:\/\/” is not a web address/);

    form.fill({ server: 'rss.example.com' });
    form.submit();
    expect(getByRole(form.dialog, 'alert').textContent).toBe(
      'Enter your user name on that server.',
    );
    expect(document.activeElement).toBe(getByRole(form.dialog, 'textbox', 'Username'));

    form.fill({ user: 'alice' });
    form.submit();
    expect(getByRole(form.dialog, 'alert').textContent).toMatch(/API password/);
    expect(document.activeElement).toBe(getByLabel(form.dialog, 'Password'));

    // Typing again clears the complaint.
    form.fill({ password: 'x' });
    expect(queryAllByRole(form.dialog, 'alert')).toHaveLength(0);
    expect(calls).toEqual([]);
  });

  it('warns about plain http to another computer, not to this one', () => {
    installMainBridge({});
    const form = open();
    form.fill({ server: 'http://rss.example.com' });
    expect(form.dialog.textContent).toMatch(/starts with http:\/\/.*rss\.example\.com unencrypted/);
    const server = getByRole(form.dialog, 'textbox', 'Server URL');
    const warning = document.getElementById(
      server.getAttribute('aria-describedby')!.split(' ').at(-1)!,
    );
    expect(warning?.textContent).toMatch(/unencrypted/);
    for (const local of [
      'http://127.0.0.1:8080',
      'http://localhost/rss',
      'https://rss.example.com',
    ]) {
      form.fill({ server: local });
      expect(form.dialog.textContent).not.toMatch(/unencrypted/);
    }
  });

  it('shows main’s own words when the server says no, busy while it asks', async () => {
    let answer: (value: void) => void = () => undefined;
    const asked: SignInParams[] = [];
    installMainBridge({
      'accounts.signIn': async (params) => {
        asked.push(params);
        await new Promise((resolve) => (answer = resolve));
        throw new AppError('unauthorized', 'main.error.untranslated', {
          message: 'FreshRSS at rss.example.com refused the user name or API password.',
        });
      },
    });
    const form = open();
    form.fill({ server: ' rss.example.com/ ', user: ' alice ', password: 'pw' });
    form.submit();
    await waitFor(() => asked.length === 1, 'the sign-in call');
    const button = getByRole(form.dialog, 'button', 'Sign in');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(getByRole(form.dialog, 'status').textContent).toBe('Signing in to rss.example.com…');
    // A second press while busy sends nothing more.
    form.submit();
    answer();
    await waitFor(() => queryAllByRole(form.dialog, 'alert').length === 1, 'the error');
    expect(getByRole(form.dialog, 'alert').textContent).toBe(
      'FreshRSS at rss.example.com refused the user name or API password.',
    );
    expect(button.getAttribute('aria-busy')).toBeNull();
    expect(asked).toEqual([
      {
        service: 'freshrss',
        serverUrl: 'https://rss.example.com/',
        username: 'alice',
        password: 'pw',
      },
    ]);
    expect(form.dialog.open).toBe(true);
  });

  it('keeps the account and closes once the server accepts, passing main’s warning on', async () => {
    const result: SignInResult = {
      account: {
        id: '6f1c1f4e-58a4-4c38-9d63-1d7d2a0d3a11',
        service: 'miniflux',
        serverUrl: 'http://rss.example.com',
        apiUrl: 'http://rss.example.com',
        username: 'alice',
        signedIn: true,
      },
      warning: 'rss.example.com is reached over plain http.',
    };
    installMainBridge({ 'accounts.signIn': async () => result });
    const signedIn: [Account, string | undefined][] = [];
    const form = open((account, warning) => signedIn.push([account, warning]));
    form.fill({
      service: 'miniflux',
      server: 'http://rss.example.com',
      user: 'alice',
      password: 'pw',
    });
    form.submit();
    await waitFor(() => form.closed() === 1, `the dialog to close: ${form.dialog.textContent}`);
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]![0]).toMatchObject({ id: result.account.id, name: 'Miniflux (alice)' });
    expect(signedIn[0]![1]).toBe(result.warning);
    const stored = await getDb().table('accounts').get(result.account.id);
    expect(stored).toMatchObject({ service: 'miniflux', username: 'alice' });
    expect(JSON.stringify(stored)).not.toContain('pw');
  });
});
