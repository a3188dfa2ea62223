import { describe, expect, it } from 'vitest';
import { articleId } from '@renderer/db/article-id';
import { addFeed, storeFetchResult } from '@renderer/db/feeds-repository';
import { countUnread, listArticles } from '@renderer/db/queries';
import { markRead } from '@renderer/db/articles-repository';
import { testDatabases } from './test-db';
import { fetchedFeed as fetched, parsedItem as item } from './fixtures';

const freshDb = testDatabases('repo-test');

describe('feeds repository', () => {
  it('stores each article’s list excerpt as plain text once, and remakes it only on change', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([
        item('1', { summary: '<p>First <b>bold</b> line.</p><ul><li>a</li><li>b</li></ul>' }),
        item('2', { contentHtml: '<div>Only&nbsp;content &amp; no summary</div>' }),
      ]),
      100,
      db,
    );
    const stored = async (guid: string) => (await db.articles.get(articleId(feed.id, guid)))!;
    expect((await stored('1')).listText).toBe('First bold line. a b');
    expect((await stored('2')).listText).toBe('Only content & no summary');

    // A row written by hand with a stale excerpt shows it is kept while the HTML is the same…
    await db.articles.update(articleId(feed.id, '1'), { listText: 'kept' });
    await storeFetchResult(
      feed.id,
      fetched([
        item('1', { summary: '<p>First <b>bold</b> line.</p><ul><li>a</li><li>b</li></ul>' }),
      ]),
      200,
      db,
    );
    expect((await stored('1')).listText).toBe('kept');
    // …and made again when the feed changes it.
    await storeFetchResult(
      feed.id,
      fetched([item('1', { summary: 'Now <i>plain</i>.' })]),
      300,
      db,
    );
    expect((await stored('1')).listText).toBe('Now plain.');
  });

  it('stores an item’s own language as the article’s, until the whole page says its own', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('ar', { language: 'ar' }), item('plain')]),
      100,
      db,
    );
    const stored = async (guid: string) => (await db.articles.get(articleId(feed.id, guid)))!;
    expect((await stored('ar')).lang).toBe('ar');
    expect('lang' in (await stored('plain'))).toBe(false);
    // The fetched page said it is Egyptian Arabic: a later refresh keeps the page's word.
    await db.articles.update(articleId(feed.id, 'ar'), { fullText: 'done', lang: 'ar-EG' });
    await storeFetchResult(feed.id, fetched([item('ar', { language: 'ar' })]), 200, db);
    expect((await stored('ar')).lang).toBe('ar-EG');
  });

  it('stores a new feed with its articles, newest first', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', { published: 10 }), item('2', { published: 20 })], { etag: '"v1"' }),
      100,
      db,
    );
    expect(await db.feeds.get(feed.id)).toMatchObject({
      title: 'E News',
      etag: '"v1"',
      lastFetchedAt: 100,
    });
    const list = await listArticles({ kind: 'feed', feedId: feed.id }, { limit: 50 }, db);
    expect(list.map((a) => a.guid)).toEqual(['2', '1']);
    expect(await countUnread(feed.id, db)).toBe(2);
  });

  it('uses first-seen time when an item has no date, and keeps it on later refreshes', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('undated')]), 100, db);
    await storeFetchResult(feed.id, fetched([item('undated')]), 500, db);
    expect((await db.articles.get(articleId(feed.id, 'undated')))?.publishedAt).toBe(100);
  });

  it('updates a changed item in place and keeps the reader’s state', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', { published: 10 })]),
      100,
      db,
    );
    const id = articleId(feed.id, '1');
    await markRead(id, 150, db);
    await db.articles.update(id, { bookmarkedAt: 160, tags: ['keep'] });
    const result = await storeFetchResult(
      feed.id,
      fetched([item('1', { published: 10, title: 'Corrected' }), item('2')], { etag: '"v2"' }),
      200,
      db,
    );
    expect(result).toEqual({ added: 1, updated: 1, notices: [] });
    expect(await db.articles.get(id)).toMatchObject({
      title: 'Corrected',
      unread: 0,
      readAt: 150,
      bookmarkedAt: 160,
      tags: ['keep'],
    });
    expect(await db.articles.count()).toBe(2);
    expect((await db.feeds.get(feed.id))?.etag).toBe('"v2"');
  });

  it('a 304 touches only the fetch time', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1')], { etag: '"v1"' }),
      100,
      db,
    );
    await storeFetchResult(feed.id, { status: 'not-modified', url: 'https://e.com/feed' }, 300, db);
    expect(await db.feeds.get(feed.id)).toMatchObject({ etag: '"v1"', lastFetchedAt: 300 });
    expect(await db.articles.count()).toBe(1);
  });

  it('follows a permanent redirect by storing the new URL', async () => {
    const db = freshDb();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 100, db);
    await storeFetchResult(
      feed.id,
      { ...fetched([item('1')]), movedTo: 'https://news.e.com/rss' },
      200,
      db,
    );
    expect((await db.feeds.get(feed.id))?.url).toBe('https://news.e.com/rss');
  });

  it('writes articles and conditional-GET state together or not at all', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1')], { etag: '"v1"' }),
      100,
      db,
    );
    // An item Dexie cannot store (a function is not cloneable) makes the transaction fail midway.
    const poisoned = item('3', { title: (() => 'x') as unknown as string });
    await expect(
      storeFetchResult(feed.id, fetched([item('2'), poisoned], { etag: '"v2"' }), 200, db),
    ).rejects.toThrow();
    expect((await db.feeds.get(feed.id))?.etag).toBe('"v1"');
    expect(await db.articles.count()).toBe(1);
  });
});
