import { describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { countArticles, listArticles, type ListOptions } from '@renderer/db/queries';
import { measureLaneUnread } from '@renderer/db/tallies';
import { spyOnReads } from './read-spy';
import { testDatabases } from './test-db';

const HOUR = 3600 * 1000;
const freshDb = testDatabases('list');

// Ten articles in two feeds, an hour apart, newest first by number; the even ones unread.
const NOW = Date.now();
const articles: Article[] = Array.from({ length: 10 }, (_, n) => ({
  id: `f${n % 2}|a${n}`,
  feedId: `f${n % 2}`,
  guid: `a${n}`,
  title: `a${n}`,
  authors: [],
  publishedAt: NOW - 48 * HOUR - n * HOUR,
  fetchedAt: NOW,
  images: [],
  categories: [],
  unread: n % 2 === 0 ? 1 : 0,
  tags: [],
  ...(n < 3 ? { bookmarkedAt: NOW - n } : {}),
}));

const titles = (rows: Article[]) => rows.map((a) => a.title);
const oldest: ListOptions = { order: 'oldest', unreadOnly: false };
const unreadOnly: ListOptions = { order: 'newest', unreadOnly: true };

describe('article list queries', () => {
  it('orders newest or oldest first and pages by offset', async () => {
    const db = freshDb();
    await db.articles.bulkAdd(articles);
    expect(titles(await listArticles({ kind: 'all' }, { limit: 3 }, db))).toEqual([
      'a0',
      'a1',
      'a2',
    ]);
    expect(titles(await listArticles({ kind: 'all' }, { ...oldest, limit: 3 }, db))).toEqual([
      'a9',
      'a8',
      'a7',
    ]);
    expect(titles(await listArticles({ kind: 'all' }, { limit: 3, offset: 3 }, db))).toEqual([
      'a3',
      'a4',
      'a5',
    ]);
    expect(
      titles(await listArticles({ kind: 'feed', feedId: 'f1' }, { ...oldest, limit: 10 }, db)),
    ).toEqual(['a9', 'a7', 'a5', 'a3', 'a1']);
  });

  it('filters unread only in every view, and counts what it lists', async () => {
    const db = freshDb();
    await db.articles.bulkAdd(articles);
    const cases = [
      [{ kind: 'all' }, ['a0', 'a2', 'a4', 'a6', 'a8']],
      [{ kind: 'feed', feedId: 'f0' }, ['a0', 'a2', 'a4', 'a6', 'a8']],
      [{ kind: 'feed', feedId: 'f1' }, []],
      [{ kind: 'bookmarks' }, ['a0', 'a2']],
    ] as const;
    for (const [source, expected] of cases) {
      expect(titles(await listArticles(source, { ...unreadOnly, limit: 100 }, db))).toEqual(
        expected,
      );
      expect(await countArticles(source, unreadOnly, db)).toBe(expected.length);
    }
    expect(await countArticles({ kind: 'all' }, undefined, db)).toBe(10);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(5);
    expect(await countArticles({ kind: 'feed', feedId: 'f1' }, undefined, db)).toBe(5);
    expect(await countArticles({ kind: 'today' }, undefined, db)).toBe(0);
  });

  it('never asks IndexedDB for rows past the end of a view whose size a tally holds', async () => {
    // Rows moved out of a view's index range leave deleted entries that a read going past the
    // view's last row walks one by one (seconds at a million articles): a page asks for no more
    // rows than the view holds, and an emptied view reads no rows at all.
    const db = freshDb();
    const reads = spyOnReads(db);
    await db.articles.bulkAdd(articles);
    const list = async (source: Parameters<typeof listArticles>[0], page = {}) => {
      reads.length = 0;
      const rows = titles(await listArticles(source, { limit: 100, ...page }, db));
      const asked = reads
        .filter((read) => read.table === 'articles')
        .map((read) => (read.cursor ? 'cursor' : read.limit));
      return { rows, asked };
    };
    expect(await list({ kind: 'all' })).toEqual({
      rows: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'],
      asked: [10],
    });
    expect(await list({ kind: 'unread' })).toEqual({
      rows: ['a0', 'a2', 'a4', 'a6', 'a8'],
      asked: [5],
    });
    // A feed's unread tally is kept once its count is first shown (unread-counter.ts).
    expect((await list({ kind: 'feed', feedId: 'f0' }, { unreadOnly: true })).asked).toEqual([100]);
    await db.transaction('rw', [db.articles, db.tallies], () => measureLaneUnread(db, ['f0']));
    expect((await list({ kind: 'feed', feedId: 'f0' }, { unreadOnly: true })).asked).toEqual([5]);
    // Past the end by offset: the cursor stops at the last row.
    expect((await list({ kind: 'all' }, { offset: 8 })).rows).toEqual(['a8', 'a9']);
    expect(await list({ kind: 'all' }, { offset: 10 })).toEqual({ rows: [], asked: [] });
    // Everything read (as a fold leaves it): the Unread view asks for nothing.
    await db.articles.bulkPut(articles.map((article) => ({ ...article, unread: 0 as const })));
    expect(await list({ kind: 'unread' })).toEqual({ rows: [], asked: [] });
    expect(await list({ kind: 'feed', feedId: 'f0' }, { unreadOnly: true })).toEqual({
      rows: [],
      asked: [],
    });
    // A view no tally holds is read as before.
    expect((await list({ kind: 'bookmarks' })).asked).toEqual([100]);
  });
});
