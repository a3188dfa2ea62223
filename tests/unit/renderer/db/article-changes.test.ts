import { describe, expect, it } from 'vitest';
import type { FetchFeedResult } from '@shared/contract';
import type { ParsedItem } from '@shared/feed-model';
import { trackArticleChanges, type ArticleChanges } from '@renderer/db/article-changes';
import type { Article } from '@renderer/db/entities';
import { articleId } from '@renderer/db/article-id';
import { addFeed, storeFetchResult, unsubscribeFeed } from '@renderer/db/feeds-repository';
import { storeFullText } from '@renderer/db/offline-repository';
import { markAllRead, markRead, markUnread, setBookmarked } from '@renderer/db/articles-repository';
import { purgeArticles } from '@renderer/db/retention-repository';
import { saveArticle } from '@renderer/db/saved-repository';
import { testDatabases } from './test-db';
import { fetchedFeed as fetched, parsedItem } from './fixtures';

const freshDb = testDatabases('article-changes');

/** A fresh database whose committed article changes are collected, one entry a transaction. */
function tracked() {
  const db = freshDb();
  const reports: ArticleChanges[] = [];
  trackArticleChanges(db, (changes) =>
    reports.push({
      upserted: [...changes.upserted].sort(),
      deleted: [...changes.deleted].sort(),
      unknown: changes.unknown,
    }),
  );
  return { db, reports };
}

const item = (id: string, extra: Partial<ParsedItem> = {}) =>
  parsedItem(id, { published: 1_000, ...extra });

const DAY = 24 * 3600 * 1000;

describe('article change tracking', () => {
  it('reports a subscription’s articles once, after its transaction commits', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 100, db);
    expect(reports).toEqual([
      { upserted: [articleId(feed.id, '1'), articleId(feed.id, '2')], deleted: [], unknown: false },
    ]);
  });

  it('reports what a sync stored, and nothing for a sync that stored nothing', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 100, db);
    reports.length = 0;
    await storeFetchResult(feed.id, fetched([item('1'), item('3')]), 200, db);
    await storeFetchResult(feed.id, { status: 'not-modified' } as FetchFeedResult, 300, db);
    expect(reports).toEqual([
      { upserted: [articleId(feed.id, '1'), articleId(feed.id, '3')], deleted: [], unknown: false },
    ]);
  });

  it('reports reading, bookmarking, full text, tags and notes on one article', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 100, db);
    const id = articleId(feed.id, '1');
    reports.length = 0;
    await markRead(id, 200, db);
    await markUnread(id, db);
    await setBookmarked(id, true, 300, db);
    await storeFullText(
      id,
      {
        title: 'Whole',
        contentHtml: '<p>The whole article</p>',
        images: [],
      } as unknown as Parameters<typeof storeFullText>[1],
      db,
    );
    // No repository edits tags or notes yet; any future one writes through the same table.
    await db.articles.update(id, { tags: ['japan'] });
    await db.articles.update(id, { note: 'read later' });
    expect(reports).toHaveLength(6);
    for (const report of reports)
      expect(report).toEqual({ upserted: [id], deleted: [], unknown: false });
    expect((await db.articles.get(id))?.note).toBe('read later');
  });

  it('reports a mark-all-read over a view (a modify over an index range)', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 100, db);
    reports.length = 0;
    expect(await markAllRead({ kind: 'all' }, { now: 500 }, db)).toBe(2);
    expect(reports).toEqual([
      { upserted: [articleId(feed.id, '1'), articleId(feed.id, '2')], deleted: [], unknown: false },
    ]);
  });

  it('reports articles purged by retention as deleted', async () => {
    const { db, reports } = tracked();
    const now = Date.UTC(2026, 10, 27);
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('old'), item('new')]),
      now - 100 * DAY,
      db,
    );
    await db.articles.update(articleId(feed.id, 'new'), { fetchedAt: now });
    reports.length = 0;
    const purged = await purgeArticles(
      { keepReadDays: 30, keepUnreadDays: 30, maxPerFeed: null },
      now,
      db,
    );
    expect(purged).toBe(1);
    expect(reports).toEqual([
      { upserted: [], deleted: [articleId(feed.id, 'old')], unknown: false },
    ]);
  });

  it('reports an unsubscription’s deletions, keeping bookmarked articles out of it', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1'), item('2')]), 100, db);
    await setBookmarked(articleId(feed.id, '2'), true, 200, db);
    reports.length = 0;
    await unsubscribeFeed(feed.id, 300, db);
    expect(reports).toEqual([{ upserted: [], deleted: [articleId(feed.id, '1')], unknown: false }]);
  });

  it('reports a saved page', async () => {
    const { db, reports } = tracked();
    const saved = await saveArticle(
      {
        title: 'Page',
        contentHtml: '<p>x</p>',
        images: [],
        url: 'https://e.com/page',
      } as unknown as Parameters<typeof saveArticle>[0],
      {},
      db,
    );
    expect(reports).toEqual([{ upserted: [saved.id], deleted: [], unknown: false }]);
  });

  it('reports nothing for an aborted transaction', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 100, db);
    reports.length = 0;
    await expect(
      db.transaction('rw', db.articles, async () => {
        await db.articles.update(articleId(feed.id, '1'), { unread: 0 });
        await db.articles.put({ ...(await db.articles.get(articleId(feed.id, '1')))!, id: 'x' });
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    // A later transaction still reports, and only its own keys.
    await markRead(articleId(feed.id, '1'), 200, db);
    expect(reports).toEqual([{ upserted: [articleId(feed.id, '1')], deleted: [], unknown: false }]);
    expect(await db.articles.get('x')).toBeUndefined();
  });

  it('keeps the last write per key: put then delete in one transaction is a deletion', async () => {
    const { db, reports } = tracked();
    const feed = await addFeed('https://e.com/feed', fetched([item('1')]), 100, db);
    const article = (await db.articles.get(articleId(feed.id, '1')))!;
    reports.length = 0;
    await db.transaction('rw', db.articles, async () => {
      await db.articles.put({ ...article, id: 'temp' } satisfies Article);
      await db.articles.delete('temp');
      await db.articles.put({ ...article, title: 'Changed' });
      // Still inside the transaction: nothing is committed, so nothing is reported yet.
      expect(reports).toEqual([]);
    });
    expect(reports).toEqual([{ upserted: [article.id], deleted: ['temp'], unknown: false }]);
  });

  it('asks for a comparison when the keys cannot be known (clear)', async () => {
    const { db, reports } = tracked();
    await addFeed('https://e.com/feed', fetched([item('1')]), 100, db);
    reports.length = 0;
    await db.articles.clear();
    expect(reports).toEqual([{ upserted: [], deleted: [], unknown: true }]);
  });

  it('ignores other tables', async () => {
    const { db, reports } = tracked();
    await db.settings.put({ key: 'k', value: { a: 1 } });
    await db.feeds.add({ id: 'f', url: 'https://e.com/f', title: 'F', createdAt: 0 });
    expect(reports).toEqual([]);
  });
});
