import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { FixtureItem, ReaderApiServer } from '../fixture-server/reader-api-server';
import { expect } from './support/fixtures';
import { articleList, openApp, sources, subscribeToSample } from './support/app';
import {
  ACCOUNT,
  PASSWORD,
  accountFeed,
  accountFeeds,
  accountInSettings,
  addAccount,
  closeSettings,
  fillAddAccount,
  held,
  open,
  openSettings,
  reader,
  refresh,
  settings,
  testWithAccountRig,
} from './support/accounts';

const test = testWithAccountRig('broadsheet-accounts-');

function seed(server: ReaderApiServer): FixtureItem[] {
  const feed = server.addSubscription({ title: 'Loopback News', folder: 'News' });
  return server.addItems(feed.streamId, [
    { title: 'Alpha story', content: '<p>Alpha body, long enough to read offline.</p>' },
    { title: 'Beta story', content: '<p>Beta body.</p>' },
    { title: 'Gamma story', content: '<p>Gamma body.</p>' },
  ]);
}

/** A seeded server, the app open and signed in to it, the account's feed in the sidebar. */
async function signedInSeeded(page: Page, hostUrl: string, server: ReaderApiServer) {
  seed(server);
  await openApp(page, hostUrl);
  await addAccount(page, server.url);
  await expect(accountFeed(page, 'Loopback News')).toBeVisible();
}

test('an account: sign in, read, change things with the server gone, and the server gets every change', async ({
  page,
  rig,
}) => {
  test.setTimeout(90_000);
  const { host, server } = rig;
  seed(server);
  await openApp(page, host.url);
  // The fixture is on loopback: the reader typed it, so it is allowed (that host only).
  await addAccount(page, server.url);

  // Its feeds are a group of their own in the sidebar, beside "On this computer".
  await expect(sources(page).getByRole('heading', { name: 'On this computer' })).toBeVisible();
  await expect(sources(page).getByRole('heading', { name: ACCOUNT })).toBeVisible();
  const feed = accountFeed(page, 'Loopback News');
  await expect(feed).toBeVisible();
  await expect(accountFeeds(page).getByRole('button', { name: 'News', exact: true })).toBeVisible();
  await feed.click();
  await expect(articleList(page).getByRole('listitem')).toHaveCount(3);

  // Reading online reaches the server soon after.
  await open(page, 'Alpha story');
  await expect.poll(() => held(server, 'Alpha story').read).toBe(true);

  // The server goes away; the reader goes on.
  await server.stop();
  await open(page, 'Beta story');
  await reader(page).getByRole('button', { name: 'Bookmark', exact: true }).click();
  await open(page, 'Gamma story');
  await reader(page).getByRole('button', { name: 'Mark as unread' }).click();
  const tagField = reader(page).getByRole('combobox', { name: 'Add tag' });
  await tagField.fill('later');
  await tagField.press('Enter');
  await expect(reader(page).getByRole('list', { name: 'Article tags' })).toContainText('later');
  await open(page, 'Alpha story');
  await reader(page).getByRole('button', { name: 'Mark as unread' }).click();

  const waiting = page.getByText(/^\d+ changes? waiting to sync$/).first();
  await expect(waiting).toBeVisible();
  await checkAndShoot(page, 'accounts-changes-waiting');
  await openSettings(page);
  await expect(accountInSettings(page)).toContainText(/\d+ changes? waiting to sync/);
  await closeSettings(page);

  // It comes back; a refresh sends everything, in order, and the queue empties.
  await server.start();
  await refresh(page);
  await expect(page.getByText(/waiting to sync/)).toHaveCount(0, { timeout: 20_000 });
  expect(held(server, 'Alpha story')).toMatchObject({ read: false });
  expect(held(server, 'Beta story')).toMatchObject({ read: true, starred: true });
  // A tag is a bookmark here too: starred, and the label on the item.
  expect(held(server, 'Gamma story')).toMatchObject({ read: false, starred: true });
  expect(held(server, 'Gamma story').labels).toEqual(['later']);
});

test('a wrong password gets the server’s own words, and the dialog stays', async ({
  page,
  rig,
}) => {
  const { host, server } = rig;
  await openApp(page, host.url);
  await openSettings(page);
  const dialog = await fillAddAccount(page, server.url, 'not-the-password');
  await expect(dialog.getByRole('alert')).toContainText('refused the user name or password');
  await expect(dialog).toBeVisible();
  await expect(accountInSettings(page)).toHaveCount(0);
});

test('signing out asks, then keeps the bookmarks as Saved articles', async ({ page, rig }) => {
  const { host, server } = rig;
  seed(server);
  held(server, 'Beta story').starred = true;
  await openApp(page, host.url);
  await addAccount(page, server.url);
  await expect(accountFeed(page, 'Loopback News')).toBeVisible();
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('listitem')).toHaveText([/Beta story/]);

  await openSettings(page);
  await settings(page)
    .getByRole('group', { name: ACCOUNT })
    .getByRole('button', { name: 'Sign out' })
    .click();
  const confirm = page.getByRole('alertdialog', { name: `Sign out of “${ACCOUNT}”?` });
  await expect(confirm).toContainText('Its 1 bookmark stays as a Saved article.');
  await expect(confirm).toContainText('Every change you made has reached the server.');
  await checkAndShoot(page, 'accounts-sign-out-confirm');
  await confirm.getByRole('button', { name: 'Sign out' }).click();
  await expect(confirm).toBeHidden();
  const row = accountInSettings(page);
  await expect(row.getByRole('button', { name: 'Sign in again' })).toBeVisible();
  await closeSettings(page);

  await expect(accountFeed(page, 'Loopback News')).toHaveCount(0);
  await sources(page).getByRole('button', { name: 'Saved' }).click();
  await expect(articleList(page).getByRole('button', { name: /Beta story/ })).toBeVisible();
  // The sync status names the account that wants a sign-in.
  await expect(page.getByRole('button', { name: `Sign in again to ${ACCOUNT}` })).toBeVisible();
});

test('a local feed moves into the account: subscribed on the server, its articles kept', async ({
  page,
  feeds,
  rig,
}) => {
  test.setTimeout(60_000);
  const { host, server } = rig;
  seed(server);
  await openApp(page, host.url);
  await subscribeToSample(page, feeds.url);
  await articleList(page)
    .getByRole('button', { name: /First sample story/ })
    .click();
  await reader(page).getByRole('button', { name: 'Bookmark', exact: true }).click();
  await addAccount(page, server.url);
  await expect(accountFeed(page, 'Loopback News')).toBeVisible();
  // The server's empty default folder ("Uncategorized") is no group of its own.
  await expect(accountFeeds(page).getByRole('button', { name: /Uncategorized/ })).toHaveCount(0);
  await checkAndShoot(page, 'fixes-sidebar-account');

  const local = sources(page).getByRole('list', { name: 'On this computer' });
  await local.getByRole('button', { name: /^Options for / }).click();
  const options = page.getByRole('dialog', { name: 'Feed options' });
  await expect(options.getByRole('combobox', { name: 'Account' })).toHaveValue(/.+/);
  // A local feed's folders are this computer's, not the account's ("News").
  await expect(options.getByRole('combobox', { name: 'Folder' }).getByRole('option')).toHaveText([
    'No folder',
    'New folder…',
  ]);
  await checkAndShoot(page, 'accounts-move-feed');
  await options.getByRole('button', { name: 'Move to account' }).click();
  await expect(options).toBeHidden();

  const sampleUrl = `${feeds.url}/fixtures/feeds/sample-rss.xml`;
  await expect
    .poll(() => server.state.subscriptions.some((s) => s.url === sampleUrl), { timeout: 15_000 })
    .toBe(true);
  await refresh(page);
  await expect(local.getByRole('listitem')).toHaveCount(0, { timeout: 15_000 });
  const moved = accountFeed(page, 'Sample RSS Feed');
  await expect(moved).toBeVisible();
  // The feed on show followed its articles into the account (not "Feed, 0 articles").
  await expect(moved).toHaveAttribute('aria-current', 'true');
  await expect(articleList(page).getByRole('button', { name: /First sample story/ })).toBeVisible();
  // The server files it under its default folder, no longer empty: now it shows.
  await expect(accountFeeds(page).getByRole('list', { name: 'Uncategorized' })).toContainText(
    'Sample RSS Feed',
  );
  await checkAndShoot(page, 'fixes-sidebar-after-move');

  // An account feed's options: nothing that only a local feed has, folders of the account.
  await accountFeeds(page)
    .getByRole('button', { name: /^Options for Sample RSS Feed/ })
    .click();
  const accountOptions = page.getByRole('dialog', { name: 'Feed options' });
  await expect(accountOptions.getByRole('combobox', { name: 'Refresh' })).toHaveCount(0);
  await expect(accountOptions.getByRole('button', { name: 'Sync account now' })).toBeVisible();
  await expect(accountOptions.getByRole('group', { name: 'Move to account' })).toHaveCount(0);
  await expect(
    accountOptions.getByRole('combobox', { name: 'Folder' }).getByRole('option'),
  ).toContainText(['No folder', 'News', 'New folder…']);
  await checkAndShoot(page, 'fixes-account-feed-options');
  await accountOptions.getByRole('button', { name: 'Cancel' }).click();
  await expect(accountOptions).toBeHidden();

  // The bookmark made on this computer went along.
  await sources(page).getByRole('button', { name: 'Bookmarks' }).click();
  await expect(articleList(page).getByRole('button', { name: /First sample story/ })).toBeVisible();
});

test('a server that stops taking the saved sign-in: "Sign in again" in the status line', async ({
  page,
  rig,
}) => {
  const { host, server } = rig;
  await signedInSeeded(page, host.url, server);
  server.revokeAuth();
  await refresh(page);
  const again = page.getByRole('button', { name: `Sign in again to ${ACCOUNT}` });
  await expect(again).toBeVisible();
  // The sidebar says so beside the account's name too.
  const state = sources(page).getByRole('img', {
    name: `${ACCOUNT} is signed out: sign in again`,
  });
  await expect(state).toHaveText('Signed out');
  await checkAndShoot(page, 'fixes-sidebar-signed-out');
  await checkAndShoot(page, 'accounts-sign-in-again');
  // Its articles stay while it waits for the password.
  await expect(accountFeed(page, 'Loopback News')).toBeVisible();
  await again.click();
  const dialog = page.getByRole('dialog', { name: `Sign in to ${ACCOUNT}` });
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(again).toHaveCount(0);
  await expect(state).toHaveCount(0);
});

test('Add feed into the account: its server subscribes, and its copy shows under the account', async ({
  page,
  feeds,
  rig,
}) => {
  test.setTimeout(60_000);
  const { host, server } = rig;
  await signedInSeeded(page, host.url, server);
  const local = sources(page).getByRole('list', { name: 'On this computer' });

  const dialog = page.getByRole('dialog', { name: 'Add a feed' });
  const addTo = async (url: string): Promise<void> => {
    await page.getByRole('button', { name: 'Add feed', exact: true }).click();
    const destination = dialog.getByRole('combobox', { name: 'Add to' });
    // This computer stays the default; the account is one choice away.
    await expect(destination.getByRole('option')).toHaveText(['On this computer', ACCOUNT]);
    await expect(destination.locator('option:checked')).toHaveText('On this computer');
    await destination.selectOption({ label: ACCOUNT });
    await dialog.getByRole('textbox', { name: 'Feed or site URL' }).fill(url);
  };

  // Online: the feed fixture is on loopback like the account's server, so it may go there.
  const rssUrl = `${feeds.url}/fixtures/feeds/sample-rss.xml`;
  await addTo(rssUrl);
  await checkAndShoot(page, 'addfeed-dialog-account');
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Added “/)).toHaveText(
    `Added “Sample RSS Feed” to ${ACCOUNT}: its articles arrive after the server’s first fetch.`,
  );
  await checkAndShoot(page, 'addfeed-added-note');
  await expect
    .poll(() => server.state.subscriptions.find((s) => s.url === rssUrl)?.title, {
      timeout: 15_000,
    })
    .toBe('Sample RSS Feed');
  await expect(accountFeed(page, 'Sample RSS Feed')).toBeVisible({
    timeout: 15_000,
  });
  await expect(local.getByRole('listitem')).toHaveCount(0);

  // The server away: the subscription waits in the queue, and goes when it is back.
  await server.stop();
  const atomUrl = `${feeds.url}/fixtures/feeds/sample-atom.xml`;
  await addTo(atomUrl);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('1 change waiting to sync').first()).toBeVisible();
  expect(server.state.subscriptions.some((s) => s.url === atomUrl)).toBe(false);
  await server.start();
  await refresh(page);
  await expect(page.getByText(/waiting to sync/)).toHaveCount(0, { timeout: 20_000 });
  expect(server.state.subscriptions.some((s) => s.url === atomUrl)).toBe(true);
  await expect(accountFeed(page, 'Sample Atom Feed')).toBeVisible({ timeout: 15_000 });
  await expect(local.getByRole('listitem')).toHaveCount(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`Settings with an account and the Add account dialog pass axe (${theme})`, async ({
    page,
    rig,
  }) => {
    const { host, server } = rig;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    await signedInSeeded(page, host.url, server);
    await openSettings(page);
    await settings(page).getByRole('heading', { name: 'Accounts' }).scrollIntoViewIfNeeded();
    await checkAndShoot(page, `accounts-settings-${theme}`);

    const dialog = await fillAddAccount(page, 'http://rss.example.invalid', 'a-long-password');
    await expect(dialog.getByRole('alert')).toBeVisible();
    await checkAndShoot(page, `accounts-add-dialog-error-${theme}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await closeSettings(page);
    await checkAndShoot(page, `accounts-sidebar-${theme}`);
  });
}

/** No serious or critical violation; a screenshot for people to look at. */
async function checkAndShoot(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(100);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const dir = process.env['BROADSHEET_SHOTS'] ?? 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${screen}.png` });
  expect(bad, screen).toEqual([]);
}
