import { describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { mergeMovedFeeds } from '@renderer/db/accounts-repository';
import { unsubscribeFeed } from '@renderer/db/feeds-repository';
import type { ArticleSource } from '@renderer/db/queries';
import { useFollowVanishedFeed } from '@renderer/features/sources/hooks/use-follow-vanished-feed';
import { mount, waitFor } from '../../../support/dom';
import { storedAccount, storedFeed } from '../../../db/fixtures';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

const ACCOUNT = storedAccount();

const LOCAL = storedFeed('local-feed', { url: 'https://example.com/news.xml', title: 'News' });

function Probe({
  selected,
  onGone,
}: {
  selected: ArticleSource;
  onGone: (next: ArticleSource) => void;
}) {
  useFollowVanishedFeed(selected, onGone);
  return null;
}

/** Renders the hook with a feed selected; `moved` collects where it sent the selection. */
async function watch(feedId: string, seenFirst = true) {
  const moved: ArticleSource[] = [];
  const onGone = (next: ArticleSource) => moved.push(next);
  const mounted = mount(<Probe selected={{ kind: 'feed', feedId }} onGone={onGone} />);
  // Let the live query answer once, as the sidebar's first paint does.
  if (seenFirst) await new Promise((resolve) => setTimeout(resolve, 50));
  return { moved, rerender: mounted.root.render.bind(mounted.root), onGone };
}

emptyLibraryBetweenTests();

describe('the selected feed leaving the library', () => {
  it('selects the account feed a moved local feed was merged into', async () => {
    const db = getDb();
    await db.accounts.put(ACCOUNT);
    await db.feeds.put({ ...LOCAL, movingTo: ACCOUNT.id });
    const { moved } = await watch(LOCAL.id);
    await db.feeds.put({
      ...LOCAL,
      id: 'acc-feed',
      accountId: ACCOUNT.id,
      remoteId: 'feed/1',
      movingTo: undefined,
    });
    expect(await mergeMovedFeeds(ACCOUNT.id)).toBe(1);
    await waitFor(() => moved.length > 0, 'the selection to follow the merge');
    expect(moved).toEqual([{ kind: 'feed', feedId: 'acc-feed' }]);
  });

  it('falls back to All articles when the feed is simply gone', async () => {
    const db = getDb();
    await db.feeds.put(LOCAL);
    const { moved } = await watch(LOCAL.id);
    await unsubscribeFeed(LOCAL.id);
    await waitFor(() => moved.length > 0, 'the fallback');
    expect(moved).toEqual([{ kind: 'all' }]);
  });

  it('leaves a just-added feed selected before its row is seen', async () => {
    const db = getDb();
    await db.feeds.put(LOCAL);
    // Add feed selects the new feed at once; its row lands a moment later.
    const { moved } = await watch('new-feed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await db.feeds.put({ ...LOCAL, id: 'new-feed', url: 'https://example.com/new.xml' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(moved).toEqual([]);
  });
});
