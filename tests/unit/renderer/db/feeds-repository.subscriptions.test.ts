import { describe, expect, it } from 'vitest';
import type { ParsedItem } from '@shared/feed-model';
import { articleId } from '@renderer/db/article-id';
import {
  addFeed,
  deleteFolder,
  exportOpmlTree,
  importOpmlTree,
  recordFeedFailure,
  storeFetchResult,
  unsubscribeFeed,
} from '@renderer/db/feeds-repository';
import { listArticles, listFeedSyncStates, listFeeds } from '@renderer/db/queries';
import { addRule } from '@renderer/db/rules-repository';
import { setBookmarked } from '@renderer/db/articles-repository';
import { createHighlight } from '@renderer/db/highlights-repository';
import { testDatabases } from './test-db';
import { fetchedFeed, parsedItem as item } from './fixtures';

const fetched = (items: ParsedItem[]) => fetchedFeed(items, { title: 'E', etag: '"1"' });
const freshDb = testDatabases('subs-test');

describe('unsubscribe', () => {
  it('removes the feed and its articles when nothing is bookmarked', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 1, db);
    expect(await unsubscribeFeed(feed.id, 2, db)).toEqual({ keptBookmarks: 0 });
    expect(await db.feeds.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
  });

  it('keeps bookmarked articles and a hidden, unsynced feed row for them', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 1, db);
    await setBookmarked(articleId(feed.id, '2'), true, 5, db);
    expect(await unsubscribeFeed(feed.id, 9, db)).toEqual({ keptBookmarks: 1 });
    expect((await db.articles.toArray()).map((a) => a.guid)).toEqual(['2']);
    expect(await listFeeds(db)).toEqual([]);
    expect(await listFeedSyncStates(db)).toEqual([]);
    expect((await db.feeds.get(feed.id))?.unsubscribedAt).toBe(9);
  });

  it('keeps an article that carries highlights though it is no longer bookmarked', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 1, db);
    const id = articleId(feed.id, '1');
    await createHighlight(id, { quote: 'passage', prefix: '', suffix: '', start: 0 }, 3, db);
    await setBookmarked(id, false, 4, db);
    expect(await unsubscribeFeed(feed.id, 9, db)).toEqual({ keptBookmarks: 1 });
    expect((await db.articles.toArray()).map((a) => a.guid)).toEqual(['1']);
    expect(await db.highlights.count()).toBe(1);
  });

  it('drops a sync result that arrives after unsubscribing', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 1, db);
    await setBookmarked(articleId(feed.id, '1'), true, 5, db);
    await unsubscribeFeed(feed.id, 9, db);
    await storeFetchResult(feed.id, fetched([item('1'), item('3')]), 10, db);
    expect(await db.articles.count()).toBe(1);
  });

  it('subscribing again revives the row and keeps the bookmarks attached', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 1, db);
    await setBookmarked(articleId(feed.id, '1'), true, 5, db);
    await unsubscribeFeed(feed.id, 9, db);
    const again = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 20, db);
    expect(again.id).toBe(feed.id);
    expect((await db.articles.get(articleId(feed.id, '1')))?.bookmarkedAt).toBe(5);
    expect(await listFeeds(db)).toHaveLength(1);
  });
});

describe('sync failures', () => {
  it('records the message and the scheduler’s plan, and a success clears them', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 1, db);
    await recordFeedFailure(
      feed.id,
      {
        code: 'http',
        message: 'The server answered 503',
        status: 503,
        failureCount: 2,
        nextAttemptAt: 99,
      },
      50,
      db,
    );
    expect(await listFeedSyncStates(db)).toMatchObject([{ failureCount: 2, nextAttemptAt: 99 }]);
    expect((await db.feeds.get(feed.id))?.lastError).toEqual({
      code: 'http',
      message: 'The server answered 503',
      status: 503,
      at: 50,
    });
    await recordFeedFailure(
      feed.id,
      {
        code: 'network',
        message: 'e.com refused the connection.',
        text: { id: 'main.net.refused', values: { host: 'e.com' } },
        failureCount: 3,
      },
      55,
      db,
    );
    // Main's message for the reader is kept, to be shown in the language in use then.
    expect((await db.feeds.get(feed.id))?.lastError).toEqual({
      code: 'network',
      message: 'e.com refused the connection.',
      text: { id: 'main.net.refused', values: { host: 'e.com' } },
      at: 55,
    });
    await storeFetchResult(feed.id, { status: 'not-modified', url: 'https://e.com/feed' }, 60, db);
    const healed = await db.feeds.get(feed.id);
    expect(healed?.lastError).toBeUndefined();
    expect(healed?.failureCount).toBeUndefined();
    expect(healed?.lastFetchedAt).toBe(60);
  });
});

describe('OPML tree', () => {
  const tree = {
    title: 'Mine',
    feeds: [{ title: 'Loose', xmlUrl: 'https://loose.example/feed' }],
    folders: [
      {
        title: 'World',
        feeds: [{ title: 'W1', xmlUrl: 'https://w1.example/rss', htmlUrl: 'https://w1.example/' }],
        folders: [
          {
            title: 'Deeper',
            feeds: [{ title: 'W2', xmlUrl: 'https://w2.example/rss' }],
            folders: [],
          },
        ],
      },
    ],
  };

  it('imports feeds into folders, folding deeper levels into the top folder', async () => {
    const db = freshDb();
    const summary = await importOpmlTree(tree, 1, db);
    expect(summary).toMatchObject({ added: 3, folders: 1, skipped: [] });
    const world = (await db.folders.toArray())[0]!;
    expect(world.name).toBe('World');
    const feeds = await listFeeds(db);
    expect(feeds.map((f) => [f.title, f.folderId])).toEqual([
      ['Loose', undefined],
      ['W1', world.id],
      ['W2', world.id],
    ]);
  });

  it('importing twice skips what is already there and reuses folders', async () => {
    const db = freshDb();
    await importOpmlTree(tree, 1, db);
    const again = await importOpmlTree(tree, 2, db);
    expect(again.added).toBe(0);
    expect(again.skipped).toHaveLength(3);
    expect(await db.folders.count()).toBe(1);
  });

  it('exports what it imported, renamed titles included', async () => {
    const db = freshDb();
    await importOpmlTree(tree, 1, db);
    const w1 = (await listFeeds(db)).find((f) => f.title === 'W1')!;
    await db.feeds.update(w1.id, { customTitle: 'World One' });
    const exported = await exportOpmlTree(db);
    expect(exported.feeds).toEqual([{ title: 'Loose', xmlUrl: 'https://loose.example/feed' }]);
    expect(exported.folders).toEqual([
      {
        title: 'World',
        feeds: [
          { title: 'W2', xmlUrl: 'https://w2.example/rss' },
          { title: 'World One', xmlUrl: 'https://w1.example/rss', htmlUrl: 'https://w1.example/' },
        ],
        folders: [],
      },
    ]);
  });

  it('deleting a folder keeps its feeds', async () => {
    const db = freshDb();
    await importOpmlTree(tree, 1, db);
    await deleteFolder((await db.folders.toArray())[0]!.id, db);
    expect(await listFeeds(db)).toHaveLength(3);
    expect((await listFeeds(db)).every((f) => f.folderId === undefined)).toBe(true);
  });
});

describe('subscribing with rules', () => {
  it('applies the rules to a new subscription’s first articles, in the transaction that stores them', async () => {
    const db = freshDb();
    const rule = await addRule({ query: 'football', action: 'hide' }, 1, db);
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', { title: 'Football final tonight' }), item('2', { title: 'Rain' })]),
      2,
      db,
    );
    expect(await db.articles.get(articleId(feed.id, '1'))).toMatchObject({
      hiddenAt: 2,
      hiddenBy: rule.id,
    });
    expect(
      (await listArticles({ kind: 'feed', feedId: feed.id }, {}, db)).map((a) => a.guid),
    ).toEqual(['2']);
  });
});
