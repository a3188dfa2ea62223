import { describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { listArticles, unreadRange } from '@renderer/db/queries';
import { markAllRead, markManyRead, markRead, markUnread } from '@renderer/db/articles-repository';
import { foldReadMarks } from '@renderer/db/read-marks';
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
      await db.articles
        .where('[crowd+unread+publishedAt]')
        .between([1, 1, 0], [1, 1, Infinity])
        .count(),
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
    expect((await listArticles({ kind: 'unread' }, { limit: 10 }, db)).map((a) => a.id)).toEqual([
      'today-unread',
      'bm-late',
      'bm-early',
    ]);
    expect((await listArticles({ kind: 'bookmarks' }, { limit: 10 }, db)).map((a) => a.id)).toEqual(
      ['bm-late', 'bm-early'],
    );
  });

  it('bounds "mark older read" to one key range of unread rows per view', () => {
    const weekAgo = NOW - 7 * DAY;
    const midnight = new Date(NOW);
    midnight.setHours(0, 0, 0, 0);
    expect(unreadRange({ kind: 'feed', feedId: 'f' }, weekAgo, NOW)).toEqual({
      index: '[lane+unread+publishedAt]',
      lower: ['f', 1, -Infinity],
      upper: ['f', 1, weekAgo],
    });
    expect(unreadRange({ kind: 'saved' }, weekAgo, NOW)).toMatchObject({
      lower: ['saved', 1, -Infinity],
      upper: ['saved', 1, weekAgo],
    });
    expect(unreadRange({ kind: 'all' }, weekAgo, NOW)).toEqual({
      index: '[crowd+unread+publishedAt]',
      lower: [1, 1, -Infinity],
      upper: [1, 1, weekAgo],
    });
    expect(unreadRange({ kind: 'unread' }, Infinity, NOW)).toMatchObject({
      upper: [1, 1, Infinity],
    });
    expect(unreadRange({ kind: 'today' }, Infinity, NOW)).toMatchObject({
      lower: [1, 1, midnight.getTime()],
    });
    // Nothing of today is older than a day: the range is empty rather than inverted.
    const empty = unreadRange({ kind: 'today' }, NOW - DAY, NOW);
    expect(empty).toMatchObject({ lower: [1, 1, NOW - DAY], upper: [1, 1, NOW - DAY] });
    expect(unreadRange({ kind: 'hidden' }, weekAgo, NOW)).toEqual({ index: 'hiddenAt' });
  });

  it('marks only what is older than a day or a week, in a view, on a large library', async () => {
    const db = freshDb();
    // 12,000 articles over 40 feeds, one every half hour going back 250 days, a third read.
    const rows: Article[] = [];
    for (let n = 0; n < 12_000; n++) {
      rows.push(
        article(`a${n}`, `f${n % 40}`, n / 48, n % 3 === 0 ? { unread: 0, readAt: 1 } : {}),
      );
    }
    await db.articles.bulkAdd(rows);
    const unreadOlder = (feedId: string | undefined, days: number) =>
      rows.filter(
        (a) =>
          a.unread === 1 &&
          (feedId === undefined || a.feedId === feedId) &&
          a.publishedAt < NOW - days * DAY,
      ).length;
    const feedWeek = unreadOlder('f7', 7);
    const allDay = unreadOlder(undefined, 1) - feedWeek;
    expect(
      await markAllRead({ kind: 'feed', feedId: 'f7' }, { olderThan: NOW - 7 * DAY, now: NOW }, db),
    ).toBe(feedWeek);
    // The feed's last week is untouched, and so is every other feed.
    const f7 = await db.articles.where('feedId').equals('f7').toArray();
    expect(f7.filter((a) => a.unread === 1).every((a) => a.publishedAt >= NOW - 7 * DAY)).toBe(
      true,
    );
    expect(f7.some((a) => a.unread === 1)).toBe(true);
    expect(await db.articles.where('[feedId+unread]').equals(['f8', 0]).count()).toBe(
      rows.filter((a) => a.feedId === 'f8' && a.unread === 0).length,
    );
    expect(await markAllRead({ kind: 'all' }, { olderThan: NOW - DAY, now: NOW }, db)).toBe(allDay);
    // Thousands of rows: recorded as one mark, folded into the rows in the background.
    await foldReadMarks(db);
    expect(await db.readMarks.count()).toBe(0);
    const stillUnread = await db.articles
      .where('[crowd+unread+publishedAt]')
      .between([1, 1, -Infinity], [1, 1, Infinity])
      .toArray();
    expect(stillUnread.length).toBe(
      rows.filter((a) => a.unread === 1 && a.publishedAt >= NOW - DAY).length,
    );
    expect(stillUnread.length).toBeGreaterThan(0);
    expect((await db.articles.get('a100'))?.readAt).toBe(NOW);
  }, 60_000);

  it('marks bookmarks read older than a date without touching other unread articles', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('bm-old', 'f', 10, { bookmarkedAt: 1 }),
      article('bm-new', 'f', 0, { bookmarkedAt: 2 }),
      article('plain-old', 'f', 10),
    ]);
    expect(
      await markAllRead({ kind: 'bookmarks' }, { olderThan: NOW - 7 * DAY, now: NOW }, db),
    ).toBe(1);
    expect((await db.articles.get('bm-old'))?.unread).toBe(0);
    expect((await db.articles.get('bm-new'))?.unread).toBe(1);
    expect((await db.articles.get('plain-old'))?.unread).toBe(1);
  });
});

describe('marking a batch read (mark as read on scroll)', () => {
  const REMOTE = 'tag:google.com,2005:reader/item/00000000000000aa';

  it('marks every row of the batch read in one go, with its story copies and account changes', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('f|a', 'f', 0),
      article('f|b', 'f', 0, { storyId: 'f|b', storyLead: 1 }),
      // A copy of b's story from an account: reading the story reads it, and queues the change.
      article('acct|c', 'acct', 0, { storyId: 'f|b', accountId: 'account-1', remoteId: REMOTE }),
      article('f|read-copy', 'f', 1, { storyId: 'f|b', unread: 0, readAt: 5 }),
      article('f|other', 'f', 0),
    ]);
    await markManyRead(['f|a', 'f|b'], NOW, db);
    expect(await db.articles.get('f|a')).toMatchObject({ unread: 0, readAt: NOW });
    expect(await db.articles.get('f|b')).toMatchObject({ unread: 0, readAt: NOW });
    expect(await db.articles.get('acct|c')).toMatchObject({ unread: 0, readAt: NOW });
    // A copy read before keeps the time it was read; a row outside the batch is left alone.
    expect(await db.articles.get('f|read-copy')).toMatchObject({ unread: 0, readAt: 5 });
    expect((await db.articles.get('f|other'))?.unread).toBe(1);
    expect((await db.outbox.toArray()).map((entry) => entry.change)).toEqual([
      { kind: 'read', itemIds: [REMOTE] },
    ]);
  });

  it('writes the whole batch or nothing: a failing queue row leaves every row unread', async () => {
    const db = freshDb();
    await db.articles.bulkAdd([
      article('f|a', 'f', 0),
      article('acct|c', 'acct', 0, { accountId: 'account-1', remoteId: REMOTE }),
    ]);
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(markManyRead(['f|a', 'acct|c'], NOW, db)).rejects.toThrow('disk full');
    expect((await db.articles.get('f|a'))?.unread).toBe(1);
    expect((await db.articles.get('acct|c'))?.unread).toBe(1);
  });

  it('an empty batch writes nothing', async () => {
    const db = freshDb();
    await db.articles.add(article('f|a', 'f', 0));
    expect(await markManyRead([], NOW, db)).toBe(0);
    expect((await db.articles.get('f|a'))?.unread).toBe(1);
  });
});
