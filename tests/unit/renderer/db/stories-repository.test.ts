import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAllRead, markRead } from '@renderer/db/articles-repository';
import type { Article } from '@renderer/db/entities';
import { storeFetchResult, unsubscribeFeed } from '@renderer/db/feeds-repository';
import { listArticles, countUnread } from '@renderer/db/queries';
import { deleteArticles } from '@renderer/db/retention-repository';
import {
  setStoryDecider,
  splitFromStory,
  type StoryDecider,
  type StoryFingerprintLike,
} from '@renderer/db/stories-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { fetchedFeed, parsedItem, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

/*
 * The grouping decision is search-engine/core's; these tests pin what the repository does with
 * a decision, so they use a trivial stand-in: the same title is the same story, the longer
 * text the fuller copy.
 */
const sameTitle: StoryDecider = {
  fingerprint: ({ title, text }) => ({
    keys: [`title:${title.toLowerCase()}`],
    fullness: text.length,
  }),
  assignStory: (_print: StoryFingerprintLike, candidates) => candidates[0]?.storyId,
  canonicalUrl: (url) => url,
};

const newDb = testDatabases('stories');
const NOW = Date.UTC(2026, 11, 6, 12);
const WIRE = 'Quake shakes the coast';

beforeAll(() => setStoryDecider(sameTitle));
afterAll(() => setStoryDecider(undefined));

async function withFeeds(...ids: string[]): Promise<BroadsheetDb> {
  const db = newDb();
  await db.feeds.bulkPut(ids.map((id) => storedFeed(id)));
  return db;
}

async function deliver(db: BroadsheetDb, feedId: string, guid: string, body: string, at = NOW) {
  const item = parsedItem(guid, {
    title: WIRE,
    contentHtml: `<p>${body}</p>`,
    url: `https://${feedId}.example/${guid}`,
    published: at,
  });
  await storeFetchResult(feedId, fetchedFeed([item]), at, db);
}

async function story(db: BroadsheetDb): Promise<Article[]> {
  return (await db.articles.toArray()).filter((article) => article.title === WIRE);
}

describe('stories repository', () => {
  it('groups three sources of one story into one row of All, the fullest leading', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 'Short wire copy.');
    await deliver(db, 'b', 'y', 'The full wire copy, with every paragraph the agency sent.');
    await deliver(db, 'c', 'z', 'A trimmed wire copy.');

    const copies = await story(db);
    expect(copies.map((article) => article.storyId)).toEqual(['a|x', 'a|x', 'a|x']);
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id)).toEqual(['b|y']);
    // Each feed still lists and counts its own copy.
    expect(await countUnread('c', db)).toBe(1);
    const rows = await db.fingerprints.where('storyId').equals('a|x').primaryKeys();
    expect(rows.sort()).toEqual(['a|x', 'b|y', 'c|z']);
  });

  it('never makes a quiet feed’s copy the lead, however full', async () => {
    const db = await withFeeds('a', 'b');
    await db.feeds.update('b', { quiet: true });
    await deliver(db, 'a', 'x', 'Short.');
    await deliver(db, 'b', 'y', 'A much, much longer and fuller copy of the same wire story.');
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id)).toEqual(['a|x']);
  });

  it('reading one copy marks every copy read and clears each feed’s count', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 'One.');
    await deliver(db, 'b', 'y', 'Two two.');
    await deliver(db, 'c', 'z', 'Three three three.');
    await markRead('c|z', NOW, db);
    expect((await story(db)).map((article) => article.unread)).toEqual([0, 0, 0]);
    for (const feed of ['a', 'b', 'c']) expect(await countUnread(feed, db)).toBe(0);
  });

  it('marking All read marks the copies of the stories it marks', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 'One.');
    await deliver(db, 'b', 'y', 'Two two.');
    await markAllRead({ kind: 'all' }, { now: NOW }, db);
    expect(await countUnread('a', db)).toBe(0);
    expect(await countUnread('b', db)).toBe(0);
  });

  it('a copy split from its story stands alone and never rejoins it', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 'The fullest copy of all of them.');
    await deliver(db, 'b', 'y', 'Two.');
    await splitFromStory('a|x', db);

    const x = await db.articles.get('a|x');
    expect(x?.storyId).toBeUndefined();
    expect((await db.articles.get('b|y'))?.storyLead).toBe(1);
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id).sort()).toEqual(['a|x', 'b|y']);

    // A later copy joins the story, not the split one.
    await deliver(db, 'c', 'z', 'Three.');
    expect((await db.articles.get('c|z'))?.storyId).toBe('a|x');
    expect((await db.articles.get('a|x'))?.storyId).toBeUndefined();

    // Purged, then fetched again: still out of that story.
    await deleteArticles(['a|x'], db);
    await deliver(db, 'a', 'x', 'The fullest copy of all of them.');
    const back = await db.articles.get('a|x');
    expect(back?.storyId).not.toBe('a|x');
    expect(back?.crowd).toBe(1);
  });

  it('deleting the lead hands the story to another copy and forgets its fingerprint', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 'Short.');
    await deliver(db, 'b', 'y', 'The longer copy leads.');
    await unsubscribeFeed('b', NOW, db);
    expect(await db.fingerprints.get('b|y')).toBeUndefined();
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id)).toEqual(['a|x']);
  });

  it('a fuller copy arriving later takes the lead', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 'Short.');
    expect((await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id)).toEqual(['a|x']);
    await deliver(db, 'b', 'y', 'The longer copy takes over the row.');
    expect((await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id)).toEqual(['b|y']);
  });
});
