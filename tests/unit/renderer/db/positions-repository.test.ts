import { describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { articleId } from '@renderer/db/article-id';
import { addFeed, unsubscribeFeed } from '@renderer/db/feeds-repository';
import { getPosition, savePosition } from '@renderer/db/positions-repository';
import { setBookmarked } from '@renderer/db/articles-repository';
import { purgeArticles } from '@renderer/db/retention-repository';
import { testDatabases } from './test-db';
import { storedArticle } from './fixtures';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 27);
const freshDb = testDatabases('positions');

const article = (id: string, daysOld: number): Article =>
  storedArticle(`f|${id}`, {
    id,
    title: id,
    publishedAt: NOW - daysOld * DAY,
    fetchedAt: NOW - daysOld * DAY,
  });

describe('reading positions', () => {
  it('remembers how far down an article the reader is, replacing the last position', async () => {
    const db = freshDb();
    await savePosition('a', 0.3, 10, db);
    await savePosition('a', 0.45, 20, db);
    expect(await getPosition('a', db)).toEqual({ articleId: 'a', fraction: 0.45, updatedAt: 20 });
    expect(await db.positions.count()).toBe(1);
  });

  it('forgets the position at the very top and once the article is finished', async () => {
    const db = freshDb();
    await savePosition('top', 0.5, 1, db);
    await savePosition('top', 0.01, 2, db);
    await savePosition('done', 0.5, 1, db);
    await savePosition('done', 1, 2, db);
    expect(await getPosition('top', db)).toBeUndefined();
    expect(await getPosition('done', db)).toBeUndefined();
  });

  it('never writes to the article row', async () => {
    const db = freshDb();
    await db.articles.add(article('a', 0));
    const before = await db.articles.get('a');
    await savePosition('a', 0.5, 1, db);
    expect(await db.articles.get('a')).toEqual(before);
  });

  it('go with their articles when retention purges them', async () => {
    const db = freshDb();
    await db.feeds.add({ id: 'f', url: 'https://e.com/feed', title: 'F', createdAt: 0 });
    await db.articles.bulkAdd([article('old', 200), article('new', 1)]);
    await savePosition('old', 0.5, 1, db);
    await savePosition('new', 0.6, 1, db);
    await purgeArticles({ keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null }, NOW, db);
    expect(await getPosition('old', db)).toBeUndefined();
    expect(await getPosition('new', db)).toMatchObject({ fraction: 0.6 });
  });

  it('go with a feed’s articles on unsubscribe, except the bookmarked ones that stay', async () => {
    const db = freshDb();
    const feed = await addFeed(
      'https://e.com/feed',
      {
        status: 'ok',
        url: 'https://e.com/feed',
        feed: {
          format: 'rss',
          title: 'E',
          feedUrl: 'https://e.com/feed',
          items: ['1', '2'].map((id) => ({
            id,
            title: id,
            authors: [],
            images: [],
            enclosures: [],
            categories: [],
          })),
        },
      },
      1,
      db,
    );
    const [one, two] = [articleId(feed.id, '1'), articleId(feed.id, '2')];
    await setBookmarked(two, true, 5, db);
    await savePosition(one, 0.5, 1, db);
    await savePosition(two, 0.5, 1, db);
    await unsubscribeFeed(feed.id, 9, db);
    expect(await getPosition(one, db)).toBeUndefined();
    expect(await getPosition(two, db)).toMatchObject({ fraction: 0.5 });
  });
});
