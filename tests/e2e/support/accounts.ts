import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import {
  startReaderApiServer,
  type FixtureItem,
  type ReaderApiServer,
} from '../../fixture-server/reader-api-server';
import { articleList, sources } from './app';
import { test } from './fixtures';
import { startBrowserHost, type RunningHost } from './browser-host';

/** Driving a sync account in e2e: its host and server, signing in, and where it shows. */

/** The fixture server's FreshRSS user, as the reader types it and as the app then names it. */
export const PASSWORD = 'alice-api-pass';
export const ACCOUNT = 'FreshRSS (alice)';

export const reader = (page: Page) => page.getByRole('article');
export const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' });
/** The account's row in Settings → Accounts. */
export const accountInSettings = (page: Page) =>
  settings(page).getByRole('group', { name: ACCOUNT });
/** The account's group of feeds in the sidebar. */
export const accountFeeds = (page: Page) => sources(page).getByRole('list', { name: ACCOUNT });
/** A feed in the account's sidebar group, by the start of its name. */
export const accountFeed = (page: Page, title: string) =>
  accountFeeds(page).getByRole('button', { name: new RegExp(`^${title}`) });
export const row = (page: Page, title: string) =>
  articleList(page).getByRole('button', { name: new RegExp(`^${title}\\b`) });
export const refresh = (page: Page) =>
  page.getByRole('button', { name: 'Refresh', exact: true }).click();

export interface AccountRig {
  host: RunningHost;
  server: ReaderApiServer;
  done: () => Promise<void>;
}

/**
 * Each test gets its own host with its own data folder (where main keeps the account's token,
 * mode 0600) and its own Reader API server on loopback.
 */
export async function startAccountRig(dataDirPrefix: string): Promise<AccountRig> {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  const host = await startBrowserHost({ BROADSHEET_DATA_DIR: dataDir });
  const server = await startReaderApiServer({ flavor: 'freshrss' });
  return {
    host,
    server,
    done: async () => {
      await server.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The e2e `test` with `rig`: a host, data folder and Reader API server of the test's own. */
export function testWithAccountRig(dataDirPrefix: string) {
  return test.extend<{ rig: AccountRig }>({
    // Playwright reads fixture dependencies from the destructuring pattern; none are needed here.
    // eslint-disable-next-line no-empty-pattern
    rig: async ({}, use) => {
      const rig = await startAccountRig(dataDirPrefix);
      await use(rig);
      await rig.done();
    },
  });
}

export async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings(page)).toBeVisible();
}

export async function closeSettings(page: Page): Promise<void> {
  await settings(page).getByRole('button', { name: 'Done' }).click();
}

/** Fills the Add account dialog (Settings open) as a person would; returns the dialog. */
export async function fillAddAccount(
  page: Page,
  serverUrl: string,
  password: string,
): Promise<Locator> {
  await settings(page).getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByRole('combobox', { name: 'Service' }).selectOption('FreshRSS');
  await dialog.getByRole('textbox', { name: 'Server URL' }).fill(serverUrl);
  await dialog.getByRole('textbox', { name: 'Username' }).fill('alice');
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  return dialog;
}

/** Signs in through Settings → Add account, sees the account listed, and closes Settings. */
export async function addAccount(page: Page, serverUrl: string): Promise<void> {
  await openSettings(page);
  const dialog = await fillAddAccount(page, serverUrl, PASSWORD);
  await expect(dialog).toBeHidden();
  await expect(accountInSettings(page)).toBeVisible();
  await closeSettings(page);
}

/** Opens an article from the list and waits for the reader to show it. */
export async function open(page: Page, title: string): Promise<void> {
  await row(page, title).click();
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title);
}

/** The server's copy of an item, by title. */
export function held(server: ReaderApiServer, title: string): FixtureItem {
  const item = server.state.items.find((candidate) => candidate.title === title);
  if (!item) throw new Error(`the server lost ${title}`);
  return item;
}
