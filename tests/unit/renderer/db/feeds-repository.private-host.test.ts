import { describe, expect, it } from 'vitest';
import type { ExtractedArticle } from '@shared/contract';
import { addFeed, importOpmlTree, storeFetchResult } from '@renderer/db/feeds-repository';
import { listFeedSyncStates } from '@renderer/db/queries';
import { saveArticle } from '@renderer/db/saved-repository';
import { fetchedFeed, parsedItem as item } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('allowance-test');
const onNas = { ...fetchedFeed([item('1')]), url: 'http://nas.test/feed', privateHost: 'nas.test' };

describe('the reader’s own-network allowance on stored rows', () => {
  it('a feed the reader added from their network keeps it, and sync sends it to main', async () => {
    const db = freshDb();
    const feed = await addFeed('http://nas.test/feed', onNas, 1, db);
    expect((await db.feeds.get(feed.id))?.allowPrivateHost).toBe('nas.test');
    expect(await listFeedSyncStates(db)).toMatchObject([
      { id: feed.id, url: 'http://nas.test/feed', allowPrivateHost: 'nas.test' },
    ]);
  });

  it('is granted by the typed subscription only: a sync result never adds one', async () => {
    const db = freshDb();
    const feed = await addFeed('http://nas.test/feed', fetchedFeed([item('1')]), 1, db);
    await storeFetchResult(feed.id, onNas, 2, db);
    expect((await db.feeds.get(feed.id))?.allowPrivateHost).toBeUndefined();
    // Subscribing again by hand takes main's new answer, which may withdraw it.
    await addFeed('http://nas.test/feed', onNas, 3, db);
    expect((await db.feeds.get(feed.id))?.allowPrivateHost).toBe('nas.test');
    await addFeed('http://nas.test/feed', fetchedFeed([item('1')]), 4, db);
    expect((await db.feeds.get(feed.id))?.allowPrivateHost).toBeUndefined();
  });

  it('feeds from an OPML file get none', async () => {
    const db = freshDb();
    await importOpmlTree(
      {
        title: 'List',
        feeds: [{ title: 'Router', xmlUrl: 'http://192.168.1.1/feed' }],
        folders: [],
      },
      1,
      db,
    );
    const [state] = await listFeedSyncStates(db);
    expect(state).toMatchObject({ url: 'http://192.168.1.1/feed' });
    expect(state?.allowPrivateHost).toBeUndefined();
  });

  it('a page saved by URL from the reader’s network keeps it for its images', async () => {
    const db = freshDb();
    const page = {
      title: 'Notes',
      contentHtml: '<p>x</p>',
      textContent: 'x',
      wordCount: 1,
      readingMinutes: 1,
      images: ['http://nas.test/a.png'],
      url: 'http://nas.test/notes',
    } satisfies ExtractedArticle;
    const saved = await saveArticle({ ...page, privateHost: 'nas.test' }, {}, db);
    expect((await db.articles.get(saved.id))?.allowPrivateHost).toBe('nas.test');
    const other = await saveArticle({ ...page, url: 'https://e.com/notes' }, {}, db);
    expect((await db.articles.get(other.id))?.allowPrivateHost).toBeUndefined();
  });
});
