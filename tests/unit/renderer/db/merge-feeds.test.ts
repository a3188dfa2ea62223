import { describe, expect, it } from 'vitest';
import { articleId } from '@renderer/db/article-id';
import { storeFetchResult } from '@renderer/db/feeds-repository';
import type { Feed } from '@renderer/db/entities';
import { mergeFeedInto } from '@renderer/db/merge-feeds';
import { testDatabases } from './test-db';
import { fetchedFeed, parsedItem as item, storedArticle } from './fixtures';

const freshDb = testDatabases('merge-feeds-test');

function feedRow(id: string, url: string, extra: Partial<Feed> = {}): Feed {
  return { id, url, title: `Feed ${id}`, createdAt: 1, ...extra };
}

describe('a feed that moves onto another subscription’s address', () => {
  it('stores what it fetched, keeps its address and says which feed it duplicates', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([
      feedRow('x', 'https://old.example/feed', { title: 'Old Wire' }),
      feedRow('y', 'https://new.example/feed', { title: 'New Wire' }),
    ]);
    const moved = {
      ...fetchedFeed([item('1'), item('2')], { etag: '"moved"' }),
      url: 'https://new.example/feed',
      movedTo: 'https://new.example/feed',
    };
    // Before: the unique address index made every such store fail, losing the articles.
    await expect(storeFetchResult('x', moved, 500, db)).resolves.toEqual({
      added: 2,
      updated: 0,
      notices: [],
    });
    expect(await db.articles.where('feedId').equals('x').count()).toBe(2);
    const x = await db.feeds.get('x');
    expect(x).toMatchObject({ url: 'https://old.example/feed', duplicateOf: 'y', etag: '"moved"' });
    expect(x?.lastError?.message).toBe(
      '“Old Wire” now redirects to the same address as “New Wire”. Merge it into “New Wire” to keep one subscription.',
    );
    // A later 304 (through the same redirect) keeps saying so.
    await storeFetchResult(
      'x',
      { status: 'not-modified', url: 'https://new.example/feed' },
      600,
      db,
    );
    expect((await db.feeds.get('x'))?.lastError?.code).toBe('duplicate-feed');
    // A free target is still followed, and the mark goes.
    await storeFetchResult('x', { ...moved, movedTo: 'https://third.example/feed' }, 700, db);
    expect(await db.feeds.get('x')).toMatchObject({ url: 'https://third.example/feed' });
    expect((await db.feeds.get('x'))?.duplicateOf).toBeUndefined();
    expect((await db.feeds.get('x'))?.lastError).toBeUndefined();
  });

  it('merges into the other subscription with read, bookmark, tag, note, position and image state', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([
      feedRow('x', 'https://old.example/feed', { duplicateOf: 'y', folderId: 'f' }),
      feedRow('y', 'https://new.example/feed', { etag: '"y"' }),
    ]);
    await db.articles.bulkPut([
      storedArticle('x|both', { unread: 0, readAt: 50, tags: ['a'], note: 'mine' }),
      storedArticle('x|only-x', { bookmarkedAt: 70, tags: ['keep'] }),
      storedArticle('y|both', { unread: 1, tags: ['b'], bookmarkedAt: 90, title: 'Y title' }),
      storedArticle('y|only-y'),
    ]);
    await db.positions.bulkPut([
      { articleId: 'x|only-x', fraction: 0.4, updatedAt: 1 },
      { articleId: 'x|both', fraction: 0.2, updatedAt: 1 },
      { articleId: 'y|both', fraction: 0.7, updatedAt: 2 },
    ]);
    await db.images.put({
      url: 'https://img.example/1.png',
      articleIds: ['x|only-x', 'other|z'],
      status: 'ok',
      attempts: 1,
    });

    expect(await mergeFeedInto('x', 'y', db)).toEqual({ moved: 2 });

    expect(await db.feeds.get('x')).toBeUndefined();
    expect(await db.feeds.get('y')).toMatchObject({ url: 'https://new.example/feed', etag: '"y"' });
    expect(await db.articles.where('feedId').equals('x').count()).toBe(0);
    expect((await db.articles.where('feedId').equals('y').primaryKeys()).sort()).toEqual([
      'y|both',
      'y|only-x',
      'y|only-y',
    ]);
    expect(await db.articles.get(articleId('y', 'both'))).toMatchObject({
      title: 'Y title',
      unread: 0,
      readAt: 50,
      bookmarkedAt: 90,
      tags: ['b', 'a'],
      note: 'mine',
    });
    expect(await db.articles.get('y|only-x')).toMatchObject({
      feedId: 'y',
      bookmarkedAt: 70,
      tags: ['keep'],
      unread: 1,
    });
    expect(await db.positions.get('y|only-x')).toMatchObject({ fraction: 0.4 });
    expect(await db.positions.get('y|both')).toMatchObject({ fraction: 0.7 });
    expect(await db.positions.get('x|only-x')).toBeUndefined();
    expect((await db.images.get('https://img.example/1.png'))?.articleIds).toEqual([
      'y|only-x',
      'other|z',
    ]);
  });

  it('subscribes again to a row kept for its bookmarks when merging into it', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([
      feedRow('x', 'https://old.example/feed', { folderId: 'f', etag: '"x"', lastFetchedAt: 9 }),
      feedRow('y', 'https://new.example/feed', { unsubscribedAt: 5 }),
    ]);
    await db.articles.bulkPut([storedArticle('x|1'), storedArticle('y|2', { bookmarkedAt: 3 })]);
    await mergeFeedInto('x', 'y', db);
    const y = await db.feeds.get('y');
    expect(y).toMatchObject({ folderId: 'f', etag: '"x"', lastFetchedAt: 9 });
    expect(y?.unsubscribedAt).toBeUndefined();
    expect(await db.articles.where('feedId').equals('y').count()).toBe(2);
  });

  it('moves its articles into the crowd views as the subscription they join shows', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([
      feedRow('x', 'https://old.example/feed', { quiet: true }),
      feedRow('y', 'https://new.example/feed'),
    ]);
    await db.articles.bulkPut([storedArticle('x|1', { quiet: 1 }), storedArticle('y|2')]);
    await mergeFeedInto('x', 'y', db);
    const moved = await db.articles.get(articleId('y', '1'));
    expect(moved?.quiet).toBeUndefined();
    expect(moved?.crowd).toBe(1);
  });
});

describe('values from servers, as stored', () => {
  it('drops an ETag or Last-Modified too long for the contract instead of storing it', async () => {
    const db = freshDb();
    await db.feeds.put(feedRow('x', 'https://e.com/feed', { etag: '"old"' }));
    const huge = `"${'e'.repeat(2000)}"`;
    await storeFetchResult(
      'x',
      { ...fetchedFeed([item('1')], { etag: huge }), lastModified: 'y'.repeat(1500) },
      10,
      db,
    );
    const x = await db.feeds.get('x');
    expect(x?.etag).toBeUndefined();
    expect(x?.lastModified).toBeUndefined();
    expect(await db.articles.count()).toBe(1);
  });
});
