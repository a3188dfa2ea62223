import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Feed } from '@renderer/db/entities';
import { AddFeedButton } from '@renderer/features/subscriptions/components/add-feed-dialog';
import type { FetchFeedResult, Handlers } from '@shared/contract';
import { AppError } from '@shared/result';
import { click, getByRole, mount, queryAllByRole, type, waitFor } from '../../../support/dom';
import { storedAccount } from '../../../db/fixtures';
import { installMainBridge } from '../../../support/main-bridge';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

const ACCOUNT = storedAccount();

const FEED_URL = 'https://news.example.org/feed.xml';

/** What main answers for a feed it fetched (privateHost when the reader's own network holds it). */
function fetchedFeed(url: string, privateHost?: string): Handlers['feeds.fetch'] {
  return async () =>
    ({
      status: 'ok',
      url,
      feed: { format: 'rss', title: 'Example News', feedUrl: url, items: [] },
      ...(privateHost ? { privateHost } : {}),
    }) satisfies FetchFeedResult;
}

emptyLibraryBetweenTests();

function open(onSubscribed: (feed: Feed) => void = () => undefined) {
  const mounted = mount(<AddFeedButton onSubscribed={onSubscribed} online />);
  click(getByRole(mounted.container, 'button', 'Add feed'));
  const dialog = getByRole<HTMLDialogElement>(document.body, 'dialog', 'Add a feed');
  return {
    ...mounted,
    dialog,
    /** The "Add to" choice, once the accounts have loaded. */
    async destination(): Promise<HTMLSelectElement> {
      await waitFor(() => queryAllByRole(dialog, 'combobox', 'Add to').length === 1, 'Add to');
      return getByRole<HTMLSelectElement>(dialog, 'combobox', 'Add to');
    },
    add(url: string) {
      type(getByRole<HTMLInputElement>(dialog, 'textbox', 'Feed or site URL'), url);
      click(getByRole(dialog, 'button', 'Subscribe'));
    },
  };
}

/** Lets live queries and pending promises run. */
async function settle(): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

const outbox = () => getDb().table('outbox').toArray();

describe('Add feed with a sync account', () => {
  it('offers no "Add to" choice without a signed-in account', async () => {
    installMainBridge({});
    const form = open();
    await settle();
    expect(queryAllByRole(form.dialog, 'combobox', 'Add to')).toHaveLength(0);

    // A signed-out account cannot send anything: still no choice.
    await act(() => getDb().accounts.put({ ...ACCOUNT, status: 'signed-out' }));
    await settle();
    expect(queryAllByRole(form.dialog, 'combobox', 'Add to')).toHaveLength(0);

    // Signed in (again): this computer first, by default, then the account by name.
    await act(() => getDb().accounts.put(ACCOUNT));
    const select = await form.destination();
    expect([...select.options].map((option) => option.textContent)).toEqual([
      'On this computer',
      'FreshRSS (alice)',
    ]);
    expect(select.selectedOptions[0]!.textContent).toBe('On this computer');
    form.unmount();
  });

  it('queues the subscription in the account and says where it went; unsent, it waits', async () => {
    await getDb().accounts.put(ACCOUNT);
    // The feed checks out; the account's server is unreachable (every other method fails).
    const { calls } = installMainBridge({ 'feeds.fetch': fetchedFeed(FEED_URL) });
    let subscribed = 0;
    const form = open(() => subscribed++);
    type(await form.destination(), ACCOUNT.id);
    form.add(FEED_URL);

    await waitFor(() => !form.dialog.open, 'the dialog to close');
    // A polite live region (the sidebar's one role="status" is the sync status).
    const note = form.container.querySelector<HTMLElement>('[aria-live="polite"]')!;
    expect(note.textContent).toBe(
      'Added “Example News” to FreshRSS (alice): its articles arrive after the server’s first fetch.',
    );
    expect((await outbox()).map((entry) => [entry.accountId, entry.change])).toEqual([
      [ACCOUNT.id, { kind: 'subscribe', url: FEED_URL, title: 'Example News' }],
    ]);
    // Nothing stored on this computer: the account's copy comes from its server.
    expect(await getDb().feeds.count()).toBe(0);
    expect(subscribed).toBe(0);

    // A sync started at once; the server did not answer, so the change stays queued.
    await waitFor(() => calls.some((call) => call.method === 'accounts.push'), 'a push');
    await settle();
    expect(await outbox()).toHaveLength(1);
    form.unmount();
  });

  it('sends the queued subscription when the server answers', async () => {
    await getDb().accounts.put(ACCOUNT);
    const pushed: unknown[] = [];
    installMainBridge({
      'feeds.fetch': fetchedFeed(FEED_URL),
      'accounts.push': async ({ changes }) => {
        pushed.push(...changes);
        return { applied: changes.length, subscribed: [{ index: 0, streamId: 'feed/9' }] };
      },
    });
    const form = open();
    type(await form.destination(), ACCOUNT.id);
    form.add(FEED_URL);
    await waitFor(() => pushed.length === 1, 'the push');
    expect(pushed).toEqual([{ kind: 'subscribe', url: FEED_URL, title: 'Example News' }]);
    for (let i = 0; i < 50 && (await outbox()).length > 0; i++) await settle();
    expect(await outbox()).toHaveLength(0);
    form.unmount();
  });

  it('refuses a feed on the reader’s own network: the server could not reach it', async () => {
    await getDb().accounts.put(ACCOUNT);
    installMainBridge({
      'feeds.fetch': fetchedFeed('http://192.168.1.20/feed.xml', '192.168.1.20'),
    });
    const form = open();
    type(await form.destination(), ACCOUNT.id);
    form.add('http://192.168.1.20/feed.xml');
    await waitFor(() => queryAllByRole(form.dialog, 'alert').length === 1, 'an alert');
    expect(getByRole(form.dialog, 'alert').textContent).toBe(
      '192.168.1.20 is on your own network: the server of FreshRSS (alice) could not reach it. Add it On this computer instead.',
    );
    expect(form.dialog.open).toBe(true);
    expect(await outbox()).toHaveLength(0);
    form.unmount();
  });

  it('takes a feed on the reader’s own network when the account’s server is that host', async () => {
    await getDb().accounts.put({ ...ACCOUNT, serverUrl: 'http://192.168.1.20:8080/' });
    installMainBridge({
      'feeds.fetch': fetchedFeed('http://192.168.1.20/feed.xml', '192.168.1.20'),
    });
    const form = open();
    type(await form.destination(), ACCOUNT.id);
    form.add('http://192.168.1.20/feed.xml');
    await waitFor(() => !form.dialog.open, 'the dialog to close');
    expect((await outbox()).map((entry) => entry.change)).toEqual([
      { kind: 'subscribe', url: 'http://192.168.1.20/feed.xml', title: 'Example News' },
    ]);
    form.unmount();
  });

  it('says what is wrong with an address that holds no feed, and queues nothing', async () => {
    await getDb().accounts.put(ACCOUNT);
    installMainBridge({
      'feeds.fetch': async () => {
        throw new AppError('not-a-feed', 'main.error.untranslated', {
          message: 'That page is not a feed.',
        });
      },
      'feeds.discover': async () => ({
        feeds: [],
        message: 'This page links to no feed.',
      }),
    });
    const form = open();
    type(await form.destination(), ACCOUNT.id);
    form.add('https://example.org/about');
    await waitFor(() => queryAllByRole(form.dialog, 'alert').length === 1, 'an alert');
    expect(getByRole(form.dialog, 'alert').textContent).toBe('This page links to no feed.');
    expect(await outbox()).toHaveLength(0);
    form.unmount();
  });

  it('refuses a feed the account already holds', async () => {
    await getDb().accounts.put(ACCOUNT);
    await getDb().feeds.put({
      id: 'acc-feed',
      url: FEED_URL,
      title: 'Example News',
      createdAt: 1,
      accountId: ACCOUNT.id,
      remoteId: 'feed/1',
    });
    const { calls } = installMainBridge({ 'feeds.fetch': fetchedFeed(FEED_URL) });
    const form = open();
    type(await form.destination(), ACCOUNT.id);
    form.add(FEED_URL);
    await waitFor(() => queryAllByRole(form.dialog, 'alert').length === 1, 'an alert');
    expect(getByRole(form.dialog, 'alert').textContent).toBe(
      'FreshRSS (alice) already subscribes to “Example News”.',
    );
    expect(calls.filter((call) => call.method === 'feeds.fetch')).toHaveLength(0);
    expect(await outbox()).toHaveLength(0);
    form.unmount();
  });
});

describe('Add feed filled in by a link', () => {
  it('opens with the address; it reaches the reader’s own network only once typed', async () => {
    const LOCAL = 'http://192.168.1.20/feed.xml';
    const { calls } = installMainBridge({
      'feeds.fetch': async () => {
        throw new AppError('forbidden', 'main.error.untranslated', {
          message: 'Broadsheet does not fetch addresses on your own network.',
        });
      },
    });
    const mounted = mount(
      <AddFeedButton onSubscribed={() => undefined} online request={{ url: LOCAL, seq: 1 }} />,
    );
    const dialog = getByRole<HTMLDialogElement>(document.body, 'dialog', 'Add a feed');
    const address = getByRole<HTMLInputElement>(dialog, 'textbox', 'Feed or site URL');
    expect(address.value).toBe(LOCAL);
    expect(dialog.textContent).toContain('A link asked Broadsheet to add this feed.');

    // A web page chose this address, not the reader: no allowance for their own network.
    click(getByRole(dialog, 'button', 'Subscribe'));
    await waitFor(() => queryAllByRole(dialog, 'alert').length === 1, 'an alert');
    expect(calls.filter((call) => call.method === 'feeds.fetch').at(-1)?.params).toEqual({
      url: LOCAL,
      maxItems: expect.any(Number),
    });

    // Typed by the reader, it is theirs to allow.
    type(address, '');
    type(address, LOCAL);
    expect(dialog.textContent).not.toContain('A link asked Broadsheet to add this feed.');
    click(getByRole(dialog, 'button', 'Subscribe'));
    await waitFor(
      () => calls.filter((call) => call.method === 'feeds.fetch').length === 2,
      'a second fetch',
    );
    expect(calls.filter((call) => call.method === 'feeds.fetch').at(-1)?.params).toMatchObject({
      url: LOCAL,
      allowPrivateHost: '192.168.1.20',
    });
    mounted.unmount();
  });
});
