import { Blob as NodeBlob } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  EPISODES_QUEUED_ON_TURN_ON,
  episodeProgress,
  getPlayback,
  savePlayback,
  setFeedKeepEpisodes,
  storeEpisodeChunk,
} from '@renderer/db/episodes-repository';
import { storeFetchResult, unsubscribeFeed } from '@renderer/db/feeds-repository';
import { purgeArticles } from '@renderer/db/retention-repository';
import { testDatabases } from './test-db';
import { fetchedFeed, parsedItem, storedArticle, storedFeed } from './fixtures';

// jsdom's Blob does not survive fake-indexeddb's structured clone; Node's does, as Chromium's.
Object.assign(globalThis, { Blob: NodeBlob });

const freshDb = testDatabases('episodes-test');
const DAY = 24 * 3600 * 1000;
const episodeItem = (guid: string, published = 1000) =>
  parsedItem(guid, {
    published,
    enclosures: [{ url: `https://e.com/${guid}.mp3`, type: 'audio/mpeg', length: 100 }],
  });

describe('episodes repository', () => {
  it('queues the episodes of a feed that keeps them as they arrive, and only then', async () => {
    const db = freshDb();
    await db.feeds.bulkPut([storedFeed('pod', { keepEpisodes: true }), storedFeed('other')]);
    await storeFetchResult('pod', fetchedFeed([episodeItem('1'), parsedItem('text')]), 100, db);
    await storeFetchResult('other', fetchedFeed([episodeItem('2')]), 100, db);
    expect(await db.episodes.toArray()).toEqual([
      {
        articleId: 'pod|1',
        feedId: 'pod',
        url: 'https://e.com/1.mp3',
        type: 'audio/mpeg',
        size: 100,
        stored: 0,
        state: 'queued',
        updatedAt: 100,
      },
    ]);
    // Removed by the reader: a refresh that brings the same item does not queue it again.
    await db.episodes.delete('pod|1');
    await storeFetchResult('pod', fetchedFeed([episodeItem('1')]), 200, db);
    expect(await db.episodes.count()).toBe(0);
  });

  it('turning the option on queues the newest episodes; off removes what was kept', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('pod'));
    const items = Array.from({ length: 15 }, (_, i) => episodeItem(String(i), 1000 + i));
    await storeFetchResult('pod', fetchedFeed(items), 100, db);
    expect(await db.episodes.count()).toBe(0);
    await setFeedKeepEpisodes('pod', true, 200, db);
    expect((await db.feeds.get('pod'))?.keepEpisodes).toBe(true);
    const queued = await db.episodes.orderBy('articleId').primaryKeys();
    expect(queued).toHaveLength(EPISODES_QUEUED_ON_TURN_ON);
    expect(queued).toContain('pod|14');
    expect(queued).not.toContain('pod|0');
    await storeEpisodeChunk('pod|14', 0, { bytes: new Uint8Array(10), done: false }, 300, db);
    expect(await db.episodeParts.count()).toBe(1);

    await setFeedKeepEpisodes('pod', false, 400, db);
    expect((await db.feeds.get('pod'))?.keepEpisodes).toBeUndefined();
    expect(await db.episodes.count()).toBe(0);
    expect(await db.episodeParts.count()).toBe(0);
  });

  it('stores a chunk only where the row stopped, with its count in one write', async () => {
    const db = freshDb();
    await db.episodes.put({
      articleId: 'a',
      feedId: 'f',
      url: 'https://e.com/a.mp3',
      stored: 0,
      state: 'queued',
      updatedAt: 1,
    });
    const chunk = { bytes: new Uint8Array(5), done: false, total: 8 };
    expect(await storeEpisodeChunk('a', 0, chunk, 2, db)).toBe(true);
    // The same chunk again (a second page, a retry after a lost answer): refused, not doubled.
    expect(await storeEpisodeChunk('a', 0, chunk, 3, db)).toBe(false);
    expect(await db.episodes.get('a')).toMatchObject({ stored: 5, size: 8, state: 'downloading' });
    // How far it is, by article (the list words it).
    expect(await episodeProgress(db)).toEqual(new Map([['a', 62]]));
    expect(await storeEpisodeChunk('a', 5, { bytes: new Uint8Array(3), done: true }, 4, db)).toBe(
      true,
    );
    expect(await db.episodes.get('a')).toMatchObject({ stored: 8, state: 'complete' });
    expect(await db.episodeParts.where('articleId').equals('a').primaryKeys()).toEqual([
      ['a', 0],
      ['a', 5],
    ]);
    expect(await episodeProgress(db)).toEqual(new Map());
    // Gone (retention, the option turned off) while the chunk was on its way: nothing written.
    expect(await storeEpisodeChunk('gone', 0, chunk, 5, db)).toBe(false);
    expect(await db.episodeParts.where('articleId').equals('gone').count()).toBe(0);
  });

  it('retention and unsubscribing remove episodes and playback with their articles, never a bookmarked one’s', async () => {
    const db = freshDb();
    const now = 100 * DAY;
    await db.feeds.put(storedFeed('pod'));
    await db.articles.bulkPut([
      storedArticle('pod|old', { fetchedAt: 0, unread: 0, readAt: 0 }),
      storedArticle('pod|kept', { fetchedAt: 0, unread: 0, readAt: 0, bookmarkedAt: 0 }),
      storedArticle('pod|new', { fetchedAt: now }),
    ]);
    for (const id of ['pod|old', 'pod|kept', 'pod|new']) {
      await db.episodes.put({
        articleId: id,
        feedId: 'pod',
        url: 'https://e.com/x.mp3',
        stored: 0,
        state: 'queued',
        updatedAt: 1,
      });
      await storeEpisodeChunk(id, 0, { bytes: new Uint8Array(4), done: true }, 2, db);
      await savePlayback(id, 60, 600, 3, db);
    }
    await purgeArticles({ keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null }, now, db);
    expect(await db.episodes.orderBy('articleId').primaryKeys()).toEqual(['pod|kept', 'pod|new']);
    expect(await db.episodeParts.where('articleId').equals('pod|old').count()).toBe(0);
    expect(await getPlayback('pod|old', db)).toBeUndefined();
    expect(await getPlayback('pod|kept', db)).toMatchObject({ seconds: 60 });

    await unsubscribeFeed('pod', now, db);
    expect(await db.episodes.orderBy('articleId').primaryKeys()).toEqual(['pod|kept']);
    expect(await db.episodeParts.count()).toBe(1);
    expect(await db.playback.count()).toBe(1);
  });

  it('remembers where playback was, and forgets it at the start and the end', async () => {
    const db = freshDb();
    await savePlayback('a', 125.5, 1800, 1, db);
    expect(await getPlayback('a', db)).toEqual({
      articleId: 'a',
      seconds: 125.5,
      duration: 1800,
      updatedAt: 1,
    });
    await savePlayback('a', 1797, 1800, 2, db);
    expect(await getPlayback('a', db)).toBeUndefined();
    await savePlayback('b', 200, Number.NaN, 3, db);
    expect(await getPlayback('b', db)).toEqual({ articleId: 'b', seconds: 200, updatedAt: 3 });
    await savePlayback('b', 1, undefined, 4, db);
    expect(await getPlayback('b', db)).toBeUndefined();
  });
});
