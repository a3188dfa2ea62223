import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Account, Feed, Folder } from '@renderer/db/entities';
import { SourcesSidebar } from '@renderer/features/sources/components/sources-sidebar';
import { switchLocale, translate } from '@renderer/i18n/current-locale';
import { getByRole, mount, queryAllByRole, waitFor } from '../../../support/dom';
import { storedAccount, storedFeed } from '../../../db/fixtures';
import { installMainBridge } from '../../../support/main-bridge';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

const ACCOUNT = storedAccount();

async function seed(account: Account, feeds: Feed[], folders: Folder[]): Promise<void> {
  const db = getDb();
  await db.accounts.put(account);
  await db.feeds.bulkPut(feeds);
  await db.folders.bulkPut(folders);
}

function renderSidebar() {
  installMainBridge({});
  return mount(<SourcesSidebar selected={{ kind: 'all' }} onSelect={() => undefined} />);
}

emptyLibraryBetweenTests();

describe('an account in the sidebar', () => {
  it('leaves out its folders that hold no subscribed feed; this computer keeps its empty ones', async () => {
    await seed(
      ACCOUNT,
      [
        storedFeed('news', { accountId: ACCOUNT.id, remoteId: 'feed/1', folderId: 'acc-news' }),
        // Unsubscribed here (bookmarks keep the row): its folder is empty all the same.
        storedFeed('old', { accountId: ACCOUNT.id, folderId: 'acc-old', unsubscribedAt: 5 }),
      ],
      [
        { id: 'acc-news', name: 'News', accountId: ACCOUNT.id, remoteId: 'user/-/label/News' },
        {
          id: 'acc-uncat',
          name: 'Uncategorized',
          accountId: ACCOUNT.id,
          remoteId: 'user/-/label/Uncategorized',
        },
        { id: 'acc-old', name: 'Old', accountId: ACCOUNT.id, remoteId: 'user/-/label/Old' },
        { id: 'local-empty', name: 'Someday' },
      ],
    );
    const { container } = renderSidebar();
    await waitFor(
      () => queryAllByRole(container, 'list', 'News').length === 1,
      'the account folder with a feed',
    );
    expect(queryAllByRole(container, 'list', 'Uncategorized')).toHaveLength(0);
    expect(queryAllByRole(container, 'list', 'Old')).toHaveLength(0);
    const local = getByRole(container, 'list', 'On this computer');
    expect(queryAllByRole(local, 'list', 'Someday')).toHaveLength(1);
  });

  it('says beside its name when it is signed out or its last sync failed', async () => {
    await seed(
      {
        ...ACCOUNT,
        status: 'error',
        lastError: { code: 'network', message: 'Could not reach rss.example.com', at: 2 },
      },
      [storedFeed('news', { accountId: ACCOUNT.id, remoteId: 'feed/1' })],
      [],
    );
    await getDb().accounts.put({
      ...ACCOUNT,
      id: 'acc-2',
      name: 'Miniflux (bob)',
      status: 'signed-out',
    });
    await getDb().feeds.put(storedFeed('other', { accountId: 'acc-2', remoteId: 'feed/2' }));
    const { container } = renderSidebar();
    await waitFor(
      () => queryAllByRole(container, 'img', /could not sync/).length === 1,
      'the error state',
    );
    const failed = getByRole(
      container,
      'img',
      'FreshRSS (alice) could not sync: Could not reach rss.example.com',
    );
    expect(failed.textContent).toBe('Sync failed');
    const signedOut = getByRole(container, 'img', 'Miniflux (bob) is signed out: sign in again');
    expect(signedOut.textContent).toBe('Signed out');
    // Each sits beside its own account's heading.
    expect(failed.previousElementSibling?.textContent).toBe('FreshRSS (alice)');
    expect(signedOut.previousElementSibling?.textContent).toBe('Miniflux (bob)');
  });

  it('shows no state beside an account that syncs', async () => {
    await seed(ACCOUNT, [storedFeed('news', { accountId: ACCOUNT.id, remoteId: 'feed/1' })], []);
    const { container } = renderSidebar();
    await waitFor(() => queryAllByRole(container, 'list', 'FreshRSS (alice)').length === 1);
    expect(queryAllByRole(container, 'img', /FreshRSS/)).toHaveLength(0);
  });
});

describe('the order of names in the sidebar', () => {
  afterEach(() => switchLocale('en'));

  // The list is named in the interface language: "Feeds", then the Chinese for it.
  const titles = (container: HTMLElement) =>
    [
      ...getByRole(container, 'list', translate('sources.sidebar.feeds')).querySelectorAll(
        ':scope > li .source-title',
      ),
    ].map((el) => el.textContent);

  it('sorts feeds and folders as the interface language sorts names, numbers as numbers', async () => {
    await getDb().feeds.bulkPut([
      storedFeed('a', { title: '上海日报' }),
      storedFeed('b', { title: 'Feed 10' }),
      storedFeed('c', { title: '北京新闻' }),
      storedFeed('d', { title: 'Feed 2' }),
      storedFeed('e', { title: 'éclair' }),
      storedFeed('f', { title: 'Zebra' }),
    ]);
    await getDb().folders.bulkPut([
      { id: 'f1', name: 'Folder 10' },
      { id: 'f2', name: 'folder 9' },
    ]);
    const { container } = renderSidebar();
    await waitFor(() => titles(container).length === 8, 'the feeds');
    // Accents and case do not push a name to the end; "Feed 2" comes before "Feed 10".
    expect(titles(container)).toEqual([
      'folder 9',
      'Folder 10',
      'éclair',
      'Feed 2',
      'Feed 10',
      'Zebra',
      '上海日报',
      '北京新闻',
    ]);
    // Chinese sorts its own names first, by their sound (pinyin): Beijing before Shanghai.
    await act(() => switchLocale('zh-CN'));
    await waitFor(() => titles(container)[2] === '北京新闻', 'the Chinese order');
    expect(titles(container).slice(2, 4)).toEqual(['北京新闻', '上海日报']);
  });
});
