import { describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Feed } from '@renderer/db/entities';
import { FeedOptions } from '@renderer/features/subscriptions/components/feed-options';
import {
  click,
  getByLabel,
  getByRole,
  mount,
  queryAllByRole,
  type,
  waitFor,
} from '../../../support/dom';
import { storedAccount, storedFeed } from '../../../db/fixtures';
import { installMainBridge } from '../../../support/main-bridge';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

const ACCOUNT = storedAccount();

const ACCOUNT_FEED = storedFeed('acc-feed', {
  url: 'https://example.com/news.xml',
  title: 'News',
  accountId: ACCOUNT.id,
  remoteId: 'feed/1',
});

const LOCAL_FEED = storedFeed('local-feed', {
  url: 'https://example.com/local.xml',
  title: 'Local',
});

async function openOptions(feed: Feed) {
  const db = getDb();
  await db.accounts.put(ACCOUNT);
  await db.feeds.put(feed);
  installMainBridge({});
  const { container } = mount(<FeedOptions feed={feed} onUnsubscribed={() => undefined} />);
  click(getByRole(container, 'button', `Options for ${feed.title}`));
  const dialog = getByRole(container, 'dialog', 'Feed options');
  // The folder list has loaded once "New folder…" can be chosen with the source's folders.
  await waitFor(() => getByLabel<HTMLSelectElement>(dialog, 'Folder').options.length > 0);
  return dialog;
}

emptyLibraryBetweenTests();

describe("an account feed's options", () => {
  it('offers no refresh interval of ours, and syncs the account instead of refreshing the feed', async () => {
    const dialog = await openOptions(ACCOUNT_FEED);
    expect(queryAllByRole(dialog, 'combobox', 'Refresh')).toHaveLength(0);
    expect(queryAllByRole(dialog, 'button', 'Refresh this feed')).toHaveLength(0);
    expect(queryAllByRole(dialog, 'button', 'Sync account now')).toHaveLength(1);
    // Whole articles still apply: the account's items go through the same offline pass.
    expect(queryAllByRole(dialog, 'combobox', 'Whole articles')).toHaveLength(1);
    // Unsubscribing leaves the server too: the confirmation says so.
    click(getByRole(dialog, 'button', 'Unsubscribe…'));
    const confirm = getByRole(document.body, 'alertdialog', 'Unsubscribe from “News”?');
    expect(confirm.textContent).toContain('unsubscribed on the account’s server too');
  });

  it('makes "New folder…" a folder in that account, and queues the move for the server', async () => {
    const dialog = await openOptions(ACCOUNT_FEED);
    type(getByLabel<HTMLSelectElement>(dialog, 'Folder'), '__new__');
    type(getByLabel(dialog, 'New folder name'), 'Tech');
    click(getByRole(dialog, 'button', 'Save'));
    const db = getDb();
    await waitFor(() => !dialog.hasAttribute('open'), 'the dialog to close after saving');
    const folders = await db.folders.toArray();
    expect(folders).toEqual([
      expect.objectContaining({
        name: 'Tech',
        accountId: ACCOUNT.id,
        remoteId: 'user/-/label/Tech',
      }),
    ]);
    expect((await db.feeds.get(ACCOUNT_FEED.id))?.folderId).toBe(folders[0]!.id);
    const changes = (await db.outbox.toArray()).map((entry) => entry.change);
    expect(changes).toContainEqual({ kind: 'move', streamId: 'feed/1', to: 'Tech' });
  });
});

describe("a local feed's options", () => {
  it('keep the refresh interval and "Refresh this feed", and a new folder stays on this computer', async () => {
    const dialog = await openOptions(LOCAL_FEED);
    expect(queryAllByRole(dialog, 'combobox', 'Refresh')).toHaveLength(1);
    expect(queryAllByRole(dialog, 'button', 'Refresh this feed')).toHaveLength(1);
    click(getByRole(dialog, 'button', 'Unsubscribe…'));
    const confirm = getByRole(document.body, 'alertdialog', 'Unsubscribe from “Local”?');
    expect(confirm.textContent).not.toContain('server');
    click(getByRole(confirm, 'button', 'Keep subscription'));
    type(getByLabel<HTMLSelectElement>(dialog, 'Folder'), '__new__');
    type(getByLabel(dialog, 'New folder name'), 'Tech');
    click(getByRole(dialog, 'button', 'Save'));
    await waitFor(() => !dialog.hasAttribute('open'), 'the dialog to close after saving');
    const [folder] = await getDb().folders.toArray();
    expect(folder).toMatchObject({ name: 'Tech' });
    expect(folder!.accountId).toBeUndefined();
    expect(await getDb().outbox.count()).toBe(0);
  });
});

describe('"Notify me of new articles"', () => {
  it('is off by default, and saving with it ticked turns it on for the feed', async () => {
    const dialog = await openOptions(LOCAL_FEED);
    const box = getByRole<HTMLInputElement>(dialog, 'checkbox', 'Notify me of new articles');
    expect(box.checked).toBe(false);
    click(box);
    expect(box.checked).toBe(true);
    click(getByRole(dialog, 'button', 'Save'));
    await waitFor(() => !dialog.hasAttribute('open'), 'the dialog to close after saving');
    // Saving writes the feed's options one after another once the dialog has closed.
    let notify: boolean | undefined;
    await waitFor(() => {
      void getDb()
        .feeds.get(LOCAL_FEED.id)
        .then((feed) => (notify = feed?.notify));
      return notify === true;
    }, 'the feed to notify');
  });
});
