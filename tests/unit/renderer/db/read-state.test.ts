import { describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/renderer/db/entities';
import {
  listArticles,
  markAllRead,
  markRead,
  markUnread,
} from '../../../../src/renderer/db/queries';
import { testDatabases } from './test-db';

const DAY = 24 * 3600 * 1000;
const NOW = new Date(2026, 10, 27, 12).getTime();
const freshDb = testDatabases('read');

const article = (
  id: string,
  feedId: string,
  daysOld: number,
  extra: Partial<Article> = {},
): Article => ({
  id,
  feedId,
  guid: id,
  title: id,
  authors: [],
  publishedAt: NOW - daysOld * DAY,
  fetchedAt: NOW,
  images: [],
  categories: [],
  unread: 1,
  tags: [],
  ...extra,
});

describe('read state', () => {
  it('marks read and unread again', async () => {
    const db = freshDb();
    await db.articles.add(article('a', 'f', 0));
    await markRead('a', NOW, db);
    expect(await db.articles.get('a')).toMatchObject({ unread: 0, readAt: NOW });
    await markUnread('a', db);
    const back = await db.articles.get('a');
    expect(back?.unread).toBe(1);
    expect(back?.readAt).toBeUndefined();
  });

  it('marks all read in a feed, or only what is older than a day', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('new', 'f', 0),
      article('old', 'f', 3),
      article('other', 'g', 3),
    ]);
    expect(
      await markAllRead({ kind: 'feed', feedId: 'f' }, { olderThan: NOW - DAY, now: NOW }, db),
    ).toBe(1);
    expect((await db.articles.get('old'))?.unread).toBe(0);
    expect((await db.articles.get('new'))?.unread).toBe(1);
    expect(await markAllRead({ kind: 'all' }, { now: NOW }, db)).toBe(2);
    expect(
      await db.articles.where('[unread+publishedAt]').between([1, 0], [1, Infinity]).count(),
    ).toBe(0);
  });

  it('lists the Unread, Today and Bookmarks views from indexes', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('today-unread', 'f', 0),
      article('old-read', 'f', 5, { unread: 0 }),
      article('bm-early', 'f', 9, { bookmarkedAt: 100 }),
      article('bm-late', 'f', 8, { bookmarkedAt: 200 }),
    ]);
    expect((await listArticles({ kind: 'unread' }, 10, db)).map((a) => a.id)).toEqual([
      'today-unread',
      'bm-late',
      'bm-early',
    ]);
    expect((await listArticles({ kind: 'bookmarks' }, 10, db)).map((a) => a.id)).toEqual([
      'bm-late',
      'bm-early',
    ]);
  });
});
