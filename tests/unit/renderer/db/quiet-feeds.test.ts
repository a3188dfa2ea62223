/**
 * Issue 16, item 2: a feed's "Show in All articles, Unread and Today" turned off keeps its
 * articles out of the crowd views and their counts, under the feed itself they stay; turned on
 * again they come back. The change is recorded first, so a reload mid-way finishes it.
 */
import { describe, expect, it } from 'vitest';
import { markAllRead } from '@renderer/db/articles-repository';
import type { Article, QuietChange } from '@renderer/db/entities';
import { storeFetchResult } from '@renderer/db/feeds-repository';
import { countArticles, countUnread, listArticles } from '@renderer/db/queries';
import {
  QUIET_CHUNK,
  applyQuietChanges,
  quietSettled,
  setFeedQuiet,
} from '@renderer/db/quiet-feeds';
import { createDb } from '@renderer/db/schema';
import { fetchedFeed, parsedItem, storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('quiet');
const NOW = Date.UTC(2026, 11, 6, 12);

const words = (count: number) =>
  `<p>${Array.from({ length: count }, (_, n) => `w${n}`).join(' ')}</p>`;

function articles(feedId: string, count: number): Article[] {
  return Array.from({ length: count }, (_, n) =>
    storedArticle(`${feedId}|${n}`, { publishedAt: NOW - n * 60_000 }),
  );
}

describe('a feed kept out of All articles, Unread and Today', () => {
  it('leaves the crowd views and counts, stays under itself, and comes back', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('loud'), storedFeed('noisy')]);
    const big = QUIET_CHUNK * 2 + 13;
    await db.articles.bulkPut([...articles('loud', 3), ...articles('noisy', big)]);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(3 + big);

    await setFeedQuiet('noisy', true, db);
    await quietSettled(db);
    expect((await db.feeds.get('noisy'))!.quiet).toBe(true);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(3);
    expect(await countArticles({ kind: 'all' }, undefined, db)).toBe(3);
    expect((await listArticles({ kind: 'all' }, {}, db)).every((a) => a.feedId === 'loud')).toBe(
      true,
    );
    // Under the feed itself nothing changed, its count included.
    expect(await countUnread('noisy', db)).toBe(big);
    expect(await listArticles({ kind: 'feed', feedId: 'noisy' }, { limit: 2 }, db)).toHaveLength(2);
    expect(await db.readMarks.count()).toBe(0);

    // What it brings from now on arrives quiet.
    await storeFetchResult('noisy', fetchedFeed([parsedItem('late', { published: NOW })]), NOW, db);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(3);
    expect(await countUnread('noisy', db)).toBe(big + 1);

    await setFeedQuiet('noisy', false, db);
    await quietSettled(db);
    expect((await db.feeds.get('noisy'))!.quiet).toBeUndefined();
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(3 + big + 1);
  }, 60_000);

  it('a big "mark all as read" in Unread leaves a quiet feed unread', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('loud'), storedFeed('noisy')]);
    await db.articles.bulkPut([...articles('loud', 1200), ...articles('noisy', 40)]);
    await setFeedQuiet('noisy', true, db);
    await markAllRead({ kind: 'unread' }, { now: NOW }, db);
    expect(await countUnread('noisy', db)).toBe(40);
    expect(await countUnread('loud', db)).toBe(0);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(0);
  }, 60_000);

  it('finishes a change a reload interrupted', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('noisy')]);
    await db.articles.bulkPut(articles('noisy', 30));
    // Recorded, the flag turned and half the articles rewritten, then the app closed.
    const change: QuietChange = { id: 'quiet:noisy', kind: 'quiet', feedId: 'noisy', quiet: true };
    await db.readMarks.put(change);
    await db.feeds.update('noisy', { quiet: true });
    await db.articles.where('feedId').equals('noisy').limit(15).modify({ quiet: 1 });
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(15);
    db.close();

    const reopened = createDb(db.name);
    await reopened.open();
    await applyQuietChanges(reopened);
    expect(await countArticles({ kind: 'unread' }, undefined, reopened)).toBe(0);
    expect(await reopened.readMarks.count()).toBe(0);
    reopened.close();
  });

  it('turned back before it ran, nothing changes', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('noisy')]);
    await db.articles.bulkPut(articles('noisy', 5));
    await setFeedQuiet('noisy', true, db);
    await setFeedQuiet('noisy', false, db);
    await quietSettled(db);
    expect(await countArticles({ kind: 'unread' }, undefined, db)).toBe(5);
    expect((await db.feeds.get('noisy'))!.quiet).toBeFalsy();
  });

  it('hands a story it led to another copy, and takes it back when shown again', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('wire'), storedFeed('paper')]);
    await db.articles.bulkPut([
      // The wire's copy is the fuller one (no fingerprints: fullness is the text's words).
      storedArticle('wire|1', { storyId: 'wire|1', storyLead: 1, contentHtml: words(900) }),
      storedArticle('paper|1', { storyId: 'wire|1', contentHtml: words(400) }),
    ]);
    const crowd = async () => (await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id);
    expect(await crowd()).toEqual(['wire|1']);

    await setFeedQuiet('wire', true, db);
    await quietSettled(db);
    expect(await crowd()).toEqual(['paper|1']);

    await setFeedQuiet('wire', false, db);
    await quietSettled(db);
    expect(await crowd()).toEqual(['wire|1']);
  });
});
