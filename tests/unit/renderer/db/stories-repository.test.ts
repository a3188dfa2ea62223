import { describe, expect, it } from 'vitest';
import { markAllRead, markRead } from '@renderer/db/articles-repository';
import type { Article } from '@renderer/db/entities';
import { storeFetchResult, unsubscribeFeed } from '@renderer/db/feeds-repository';
import { mergeFeedInto } from '@renderer/db/merge-feeds';
import { listArticles, countUnread } from '@renderer/db/queries';
import { deleteArticles } from '@renderer/db/retention-repository';
import {
  electLeads,
  refingerprintRecent,
  splitFromStory,
  warmStoryKeys,
} from '@renderer/db/stories-repository';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { fetchedFeed, parsedItem, storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const newDb = testDatabases('stories');
const NOW = Date.UTC(2026, 11, 6, 12);
const WIRE = 'Magnitude 6.1 earthquake shakes northern coastal towns overnight';
/** The wire copy's paragraphs: sources run all of them, or trim from the bottom. */
const PARAGRAPHS = [
  'A magnitude 6.1 earthquake struck off the northern coast shortly after midnight, rattling windows in three fishing towns and sending residents into the streets, the national seismological service said.',
  'There were no immediate reports of deaths, but the regional fire brigade said it had received dozens of calls about fallen chimneys, cracked walls and a partly collapsed warehouse near the harbour.',
  'The quake was centred about 40 kilometres offshore at a depth of 12 kilometres, the service said, and was followed by at least eight aftershocks, the strongest of magnitude 4.3.',
  'Authorities briefly issued a tsunami advisory for the coastline before lifting it an hour later, after tide gauges recorded only small changes in sea level.',
  'Schools in the affected towns will remain closed on Tuesday while engineers inspect buildings, the regional education office said in a statement.',
];
const wire = (paragraphs: number) => PARAGRAPHS.slice(0, paragraphs).join('</p><p>');

async function withFeeds(...ids: string[]): Promise<BroadsheetDb> {
  const db = newDb();
  await db.feeds.bulkPut(ids.map((id) => storedFeed(id)));
  return db;
}

async function deliver(
  db: BroadsheetDb,
  feedId: string,
  guid: string,
  paragraphs: number,
  at = NOW,
) {
  const item = parsedItem(guid, {
    title: WIRE,
    contentHtml: `<p>${wire(paragraphs)}</p>`,
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
    await deliver(db, 'a', 'x', 2);
    await deliver(db, 'b', 'y', 5);
    await deliver(db, 'c', 'z', 3);

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
    await deliver(db, 'a', 'x', 2);
    await deliver(db, 'b', 'y', 5);
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id)).toEqual(['a|x']);
  });

  it('reading one copy marks every copy read and clears each feed’s count', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 3);
    await deliver(db, 'b', 'y', 4);
    await deliver(db, 'c', 'z', 5);
    await markRead('c|z', NOW, db);
    expect((await story(db)).map((article) => article.unread)).toEqual([0, 0, 0]);
    for (const feed of ['a', 'b', 'c']) expect(await countUnread(feed, db)).toBe(0);
  });

  it('marking All read marks the copies of the stories it marks', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 3);
    await deliver(db, 'b', 'y', 4);
    await markAllRead({ kind: 'all' }, { now: NOW }, db);
    expect(await countUnread('a', db)).toBe(0);
    expect(await countUnread('b', db)).toBe(0);
  });

  it('a copy split from its story stands alone and never rejoins it', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 5);
    await deliver(db, 'b', 'y', 3);
    await splitFromStory('a|x', db);

    const x = await db.articles.get('a|x');
    expect(x?.storyId).toBeUndefined();
    expect((await db.articles.get('b|y'))?.storyLead).toBe(1);
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id).sort()).toEqual(['a|x', 'b|y']);

    // A later copy joins the story, not the split one.
    await deliver(db, 'c', 'z', 2);
    expect((await db.articles.get('c|z'))?.storyId).toBe('a|x');
    expect((await db.articles.get('a|x'))?.storyId).toBeUndefined();

    // Purged, then fetched again: still out of that story.
    await deleteArticles(['a|x'], db);
    await deliver(db, 'a', 'x', 5);
    const back = await db.articles.get('a|x');
    expect(back?.storyId).not.toBe('a|x');
    expect(back?.crowd).toBe(1);
  });

  it('deleting the lead hands the story to another copy and forgets its fingerprint', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 2);
    await deliver(db, 'b', 'y', 5);
    await unsubscribeFeed('b', NOW, db);
    expect(await db.fingerprints.get('b|y')).toBeUndefined();
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id)).toEqual(['a|x']);
  });

  it('a fuller copy arriving later takes the lead', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 2);
    expect((await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id)).toEqual(['a|x']);
    await deliver(db, 'b', 'y', 5);
    expect((await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id)).toEqual(['b|y']);
  });

  it('an unrelated article under another headline stays a row of its own', async () => {
    const db = await withFeeds('a', 'b');
    await deliver(db, 'a', 'x', 5);
    const other = parsedItem('w', {
      title: 'City council approves new budget for harbour repairs after long debate',
      contentHtml:
        '<p>The city council voted on Monday to approve a budget for repairs to the old harbour wall, ending months of debate over how the work should be paid for and which contractor would carry it out.</p>',
      url: 'https://b.example/w',
      published: NOW,
    });
    await storeFetchResult('b', fetchedFeed([other]), NOW, db);
    expect((await db.articles.get('b|w'))?.storyId).toBeUndefined();
    expect((await listArticles({ kind: 'all' }, {}, db)).length).toBe(2);
  });

  it('reading a story queues the read of its account copy in the same transaction', async () => {
    const db = await withFeeds('a', 'acct');
    await db.articles.bulkPut([
      storedArticle('a|x', { storyId: 'a|x', storyLead: 1 }),
      storedArticle('acct|y', {
        storyId: 'a|x',
        accountId: 'account-1',
        remoteId: 'tag:google.com,2005:reader/item/00000000000000ff',
      }),
    ]);
    await markRead('a|x', NOW, db);
    const queued = await db.outbox.toArray();
    expect(queued.map((entry) => entry.change)).toEqual([
      { kind: 'read', itemIds: ['tag:google.com,2005:reader/item/00000000000000ff'] },
    ]);
  });

  it('a story restored without fingerprints still hands its row on when the lead is split', async () => {
    const db = await withFeeds('a', 'b');
    // A backup carries articles with their stories but no fingerprints (derived data).
    await db.articles.bulkPut([
      storedArticle('a|x', { storyId: 'a|x', storyLead: 1, contentHtml: '<p>one two three</p>' }),
      storedArticle('b|y', { storyId: 'a|x', contentHtml: '<p>one two</p>' }),
    ]);
    await splitFromStory('a|x', db);
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id).sort()).toEqual(['a|x', 'b|y']);
  });

  it('a merged feed’s copies take their fingerprints along and keep their story', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 2);
    await deliver(db, 'c', 'z', 5);
    await mergeFeedInto('c', 'b', db);
    expect(await db.fingerprints.get('c|z')).toBeUndefined();
    expect((await db.fingerprints.get('b|z'))?.storyId).toBe('a|x');
    const all = await listArticles({ kind: 'all' }, {}, db);
    expect(all.map((article) => article.id)).toEqual(['b|z']);
    // A later copy still finds the moved one.
    await db.feeds.put(storedFeed('d'));
    await deliver(db, 'd', 'w', 3);
    expect((await db.articles.get('d|w'))?.storyId).toBe('a|x');
  });

  it('electLeads hands the row on when a rule hides the lead or its feed goes quiet', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 5);
    await deliver(db, 'b', 'y', 3);
    await deliver(db, 'c', 'z', 2);
    const shown = async () => (await listArticles({ kind: 'all' }, {}, db)).map((a) => a.id);
    expect(await shown()).toEqual(['a|x']);
    // What a hide (rules) or a quiet feed (feed options) does, then asks for a new lead.
    await db.transaction('rw', db.articles, db.fingerprints, async () => {
      await db.articles.update('a|x', { hiddenAt: NOW, hiddenBy: 'rule-1' });
      await electLeads(db, ['a|x']);
    });
    expect(await shown()).toEqual(['b|y']);
    await db.transaction('rw', db.articles, db.fingerprints, async () => {
      await db.articles.update('b|y', { quiet: 1 });
      await electLeads(db, ['a|x']);
    });
    expect(await shown()).toEqual(['c|z']);
  });

  it('a restored library gets its recent fingerprints again, so a new copy joins its story', async () => {
    const db = await withFeeds('a', 'b', 'c');
    await deliver(db, 'a', 'x', 5);
    await deliver(db, 'b', 'y', 4);
    // As a restore leaves it: the articles with their story, no fingerprints.
    await db.fingerprints.clear();
    expect(await refingerprintRecent(db, NOW)).toBe(2);
    expect(await refingerprintRecent(db, NOW)).toBe(0);
    await deliver(db, 'c', 'z', 3);
    expect((await story(db)).map((article) => article.storyId)).toEqual(['a|x', 'a|x', 'a|x']);
    // Articles past every grouping window are left alone.
    await db.fingerprints.clear();
    expect(await refingerprintRecent(db, NOW + 30 * 86_400_000)).toBe(0);
  });

  it('an arrival dated before the key cache reaches looks its candidates up in the index', async () => {
    const db = await withFeeds('a', 'b', 'c');
    const old = NOW - 20 * 86_400_000;
    // This page's key cache is filled by a recent arrival…
    await deliver(db, 'a', 'x', 5, NOW);
    // …then another connection (another window) stores an old copy this page never saw.
    const other = createDb(db.name);
    await deliver(other, 'b', 'y', 5, old);
    other.close();
    await deliver(db, 'c', 'z', 4, old);
    const copies = (await story(db)).filter((article) => article.feedId !== 'a');
    expect(copies.map((article) => article.storyId)).toEqual(['b|y', 'b|y']);
  });

  it('the key cache can be filled ahead of the first refresh, with the recent fingerprints only', async () => {
    const db = await withFeeds('a', 'b', 'c');
    const old = NOW - 20 * 86_400_000;
    // Stored by another connection, as a previous session of the app would have.
    const earlier = createDb(db.name);
    await deliver(earlier, 'a', 'x', 5, NOW);
    await deliver(earlier, 'b', 'old', 5, old);
    earlier.close();
    expect(await warmStoryKeys(db, NOW)).toBe(1);
    // Already filled: a second call (or one racing a refresh) keeps what is there.
    expect(await warmStoryKeys(db, NOW)).toBeUndefined();
    await deliver(db, 'c', 'z', 3, NOW);
    expect((await db.articles.get('c|z'))!.storyId).toBe('a|x');
  });
});
