import { describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Account } from '@renderer/db/entities';
import { AccountsSettings } from '@renderer/features/accounts/components/accounts-settings';
import { AccountsSyncNotice } from '@renderer/features/accounts/components/accounts-sync-notice';
import { storedAccount, storedArticle } from '../../../db/fixtures';
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

const ACCOUNT = storedAccount({ lastSyncAt: Date.now() - 2 * 60_000 });

async function seed(account: Account, { pending = 0, bookmarks = 0 } = {}): Promise<void> {
  const db = getDb();
  await db.table('accounts').put(account);
  for (let i = 0; i < pending; i++)
    await db.table('outbox').add({
      accountId: account.id,
      change: {
        kind: 'read',
        itemIds: [`tag:google.com,2005:reader/item/${String(i).padStart(16, '0')}`],
      },
      at: i,
    });
  for (let i = 0; i < bookmarks + 1; i++)
    await db.articles.put(
      storedArticle(`acc-feed|item-${i}`, {
        accountId: account.id,
        bookmarkedAt: i < bookmarks ? 5 : undefined,
      }),
    );
}

emptyLibraryBetweenTests();

function settingsRow(name: string) {
  return getByRole(document.body, 'group', name);
}

describe('Settings → Accounts', () => {
  it('lists an account with its server, user, status and the changes waiting', async () => {
    installMainBridge({});
    await seed(ACCOUNT, { pending: 3 });
    const { unmount } = mount(<AccountsSettings />);
    await waitFor(() => queryAllByRole(document.body, 'group', 'FreshRSS (alice)').length === 1);
    const row = settingsRow('FreshRSS (alice)');
    await waitFor(() => /3 changes waiting to sync/.test(row.textContent ?? ''));
    expect(row.textContent).toContain('https://rss.example.com');
    expect(row.textContent).toContain('alice');
    expect(row.textContent).toContain('Synced 2 minutes ago');
    expect(getByRole(row, 'button', 'Sign out')).toBeTruthy();
    expect(queryAllByRole(row, 'button', 'Sign in again')).toHaveLength(0);
    unmount();
  });

  it('asks before signing out, saying bookmarks stay and how many changes would be lost', async () => {
    const calls = installMainBridge({ 'accounts.signOut': async () => null }).calls;
    await seed(ACCOUNT, { pending: 2, bookmarks: 4 });
    const { unmount } = mount(<AccountsSettings />);
    await waitFor(() => queryAllByRole(document.body, 'group', 'FreshRSS (alice)').length === 1);
    click(getByRole(settingsRow('FreshRSS (alice)'), 'button', 'Sign out'));
    const confirm = getByRole(document.body, 'alertdialog', 'Sign out of “FreshRSS (alice)”?');
    await waitFor(() => /4 bookmarks stay as Saved articles/.test(confirm.textContent ?? ''));
    await waitFor(() =>
      /2 changes have not reached the server yet and would be lost/.test(confirm.textContent ?? ''),
    );

    // Changing one's mind changes nothing.
    click(getByRole(confirm, 'button', 'Stay signed in'));
    expect(queryAllByRole(document.body, 'alertdialog')).toHaveLength(0);
    expect(calls.filter((c) => c.method === 'accounts.signOut')).toHaveLength(0);
    expect(await getDb().table('outbox').count()).toBe(2);
    unmount();
  });

  it('asks before removing, and says so when nothing is waiting', async () => {
    installMainBridge({});
    await seed(ACCOUNT, { bookmarks: 1 });
    const { unmount } = mount(<AccountsSettings />);
    await waitFor(() => queryAllByRole(document.body, 'group', 'FreshRSS (alice)').length === 1);
    click(getByRole(settingsRow('FreshRSS (alice)'), 'button', 'Remove'));
    const confirm = getByRole(document.body, 'alertdialog', 'Remove “FreshRSS (alice)”?');
    await waitFor(() => /1 bookmark stays as a Saved article/.test(confirm.textContent ?? ''));
    expect(confirm.textContent).toContain('Every change you made has reached the server.');
    click(getByRole(confirm, 'button', 'Keep account'));
    expect(await getDb().table('accounts').count()).toBe(1);
    unmount();
  });

  it('renames, refusing an empty name', async () => {
    installMainBridge({});
    await seed(ACCOUNT);
    const { unmount } = mount(<AccountsSettings />);
    await waitFor(() => queryAllByRole(document.body, 'group', 'FreshRSS (alice)').length === 1);
    click(getByRole(settingsRow('FreshRSS (alice)'), 'button', 'Rename'));
    const dialog = getByRole(document.body, 'dialog', 'Rename account');
    const name = getByRole<HTMLInputElement>(dialog, 'textbox', 'Name');
    type(name, '  ');
    click(getByRole(dialog, 'button', 'Save'));
    expect(getByRole(dialog, 'alert').textContent).toBe('Enter a name for the account.');
    type(name, 'Home server');
    click(getByRole(dialog, 'button', 'Save'));
    await waitFor(() => queryAllByRole(document.body, 'group', 'Home server').length === 1);
    expect((await getDb().table('accounts').get(ACCOUNT.id)).name).toBe('Home server');
    unmount();
  });

  it('offers "Sign in again" for a signed-out account, with the server’s reason', async () => {
    installMainBridge({});
    await seed({
      ...ACCOUNT,
      status: 'signed-out',
      lastError: { code: 'unauthorized', message: 'FreshRSS refused the saved sign-in.', at: 1 },
    });
    const { unmount } = mount(<AccountsSettings />);
    await waitFor(() => queryAllByRole(document.body, 'group', 'FreshRSS (alice)').length === 1);
    const row = settingsRow('FreshRSS (alice)');
    expect(row.textContent).toContain('Signed out: FreshRSS refused the saved sign-in.');
    click(getByRole(row, 'button', 'Sign in again'));
    const dialog = getByRole(document.body, 'dialog', 'Sign in to FreshRSS (alice)');
    expect(getByRole<HTMLInputElement>(dialog, 'textbox', 'Server URL').value).toBe(
      'https://rss.example.com',
    );
    expect(getByRole<HTMLInputElement>(dialog, 'textbox', 'Username').readOnly).toBe(true);
    // Only the password is left to type, so that is where the reader starts.
    expect(document.activeElement).toBe(getByLabel(dialog, 'Password'));
    unmount();
  });
});

describe('the sync status line', () => {
  it('shows nothing when all is sent, then the changes waiting and who must sign in again', async () => {
    installMainBridge({});
    const { container, unmount } = mount(<AccountsSyncNotice />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
    await seed({ ...ACCOUNT, status: 'signed-out' }, { pending: 1 });
    // Two live queries (the outbox and the accounts) answer in either order.
    await waitFor(
      () =>
        /1 change waiting to sync/.test(container.textContent ?? '') &&
        queryAllByRole(container, 'button', 'Sign in again to FreshRSS (alice)').length === 1,
    );
    click(getByRole(container, 'button', 'Sign in again to FreshRSS (alice)'));
    expect(getByRole(document.body, 'dialog', 'Sign in to FreshRSS (alice)')).toBeTruthy();
    unmount();
  });

  it('says why an account’s last sync failed, and nothing once it synced again', async () => {
    installMainBridge({});
    const message = 'FreshRSS at rss.example.com asked Broadsheet to wait 2 minutes.';
    await seed({
      ...ACCOUNT,
      status: 'error',
      lastError: { code: 'rate-limited', message, at: 5 },
    });
    const { container, unmount } = mount(<AccountsSyncNotice />);
    await waitFor(() => container.textContent === `FreshRSS (alice): ${message}`);
    await getDb().table('accounts').update(ACCOUNT.id, { status: 'ok', lastError: undefined });
    await waitFor(() => container.textContent === '');
    unmount();
  });
});
