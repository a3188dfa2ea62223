import Dexie, { liveQuery, RangeSet, type ObservabilitySet } from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { trackArticleChanges } from '@renderer/db/article-changes';
import {
  commitQuietly,
  QuietAnnouncer,
  quietDatabase,
  wholeTables,
} from '@renderer/db/quiet-writes';
import type { BroadsheetDb } from '@renderer/db/schema';
import { storedArticle, storedFeed } from './fixtures';
import { testDatabases } from './test-db';

const freshDb = testDatabases('quiet');

/** Every `storagemutated` the page hears while `run` runs (into `sets`, if given). */
async function heard(
  run: () => Promise<unknown>,
  sets: ObservabilitySet[] = [],
): Promise<ObservabilitySet[]> {
  const listen = (parts: ObservabilitySet) => sets.push(parts);
  Dexie.on('storagemutated', listen);
  try {
    await run();
  } finally {
    Dexie.on.storagemutated.unsubscribe(listen);
  }
  return sets;
}

/** The keys (range starts) a set names in one table's primary key part. */
const keysIn = (sets: ObservabilitySet[], db: BroadsheetDb, table: string) =>
  sets.flatMap((set) => {
    const tree = set[`idb://${db.name}/${table}/`];
    return tree ? [...RangeSet(tree)].map((node) => node.from) : [];
  });

describe('quiet writes', () => {
  it('a quiet commit tells live queries no key, yet the article change tracker hears it', async () => {
    const db = freshDb();
    const tracked: string[] = [];
    trackArticleChanges(db, (changes) => tracked.push(...changes.deleted));
    await db.articles.bulkPut([storedArticle('f|1'), storedArticle('f|2')]);
    const loud = await heard(() => db.articles.delete('f|1'));
    expect(keysIn(loud, db, 'articles')).toEqual(['f|1']);
    const quiet = await heard(() =>
      db.transaction('rw', db.articles, async () => {
        commitQuietly();
        await db.articles.bulkDelete(['f|2']);
      }),
    );
    expect(keysIn(quiet, db, 'articles')).toEqual([]);
    expect(tracked).toEqual(['f|1', 'f|2']);
    expect(await db.articles.count()).toBe(0);
  });

  it('a quiet database tells live queries no key of any commit, implicit or explicit', async () => {
    const loud = freshDb();
    const quiet = freshDb();
    quietDatabase(quiet);
    await Promise.all([loud.open(), quiet.open()]);
    const write = (db: BroadsheetDb) => async () => {
      await db.feeds.bulkPut([storedFeed('a'), storedFeed('b')]);
      await db.transaction('rw', db.articles, () => db.articles.put(storedArticle('a|1')));
      await db.articles.delete('a|1');
    };
    const fromLoud = await heard(write(loud));
    expect(keysIn(fromLoud, loud, 'feeds')).toEqual(['a', 'b']);
    expect(keysIn(fromLoud, loud, 'articles')).toEqual(['a|1', 'a|1']);
    const fromQuiet = await heard(write(quiet));
    expect(fromQuiet.flatMap((parts) => Object.keys(parts))).toEqual([]);
    // The writes themselves are made.
    expect(await quiet.feeds.count()).toBe(2);
    expect(await quiet.articles.count()).toBe(0);
  });

  it('refuses outside a transaction', () => {
    expect(() => commitQuietly()).toThrow(/outside a transaction/);
  });

  it('names every part of a table, its indexes included, as wholly changed', () => {
    const db = freshDb();
    const parts = wholeTables(db, ['articles']);
    const prefix = `idb://${db.name}/articles/`;
    const indexes = db.articles.schema.indexes.map((index) => `${prefix}${index.name}`);
    expect(Object.keys(parts).sort()).toEqual([prefix, `${prefix}:dels`, ...indexes].sort());
    for (const tree of Object.values(parts)) {
      const [node] = [...RangeSet(tree)];
      expect(node!.from).toBe(-Infinity);
    }
  });

  it('announces what was written at most once an interval, and the rest at flush', async () => {
    const db = freshDb();
    let clock = 0;
    const quiet = new QuietAnnouncer(db, 100, () => clock);
    const sets: ObservabilitySet[] = [];
    await heard(async () => {
      quiet.committed(['articles']);
      clock = 50;
      quiet.committed(['outbox']);
      expect(sets.length).toBe(0);
      clock = 100;
      quiet.committed(['readMarks']);
      expect(sets.length).toBe(1);
      clock = 150;
      quiet.committed(['images']);
      quiet.flush();
      quiet.flush();
    }, sets);
    const tablesOf = (set: ObservabilitySet) =>
      [...new Set(Object.keys(set).map((part) => part.split('/')[3]))].sort();
    // Article and image writes move the tallies in their transactions: announced with them.
    expect(sets.map(tablesOf)).toEqual([
      ['articles', 'outbox', 'readMarks', 'tallies'],
      ['images', 'tallies'],
    ]);
  });

  it('a live query over a quietly written table follows at the announcement', async () => {
    const db = freshDb();
    await db.feeds.put(storedFeed('f'));
    await db.articles.bulkPut([storedArticle('f|1'), storedArticle('f|2')]);
    let latest: number | undefined;
    const subscription = liveQuery(() => db.articles.where('feedId').equals('f').count()).subscribe(
      (value) => (latest = value),
    );
    try {
      await vi.waitFor(() => expect(latest).toBe(2));
      const quiet = new QuietAnnouncer(db, Infinity);
      await db.transaction('rw', db.articles, async () => {
        commitQuietly();
        await db.articles.delete('f|1');
      });
      quiet.committed(['articles']);
      quiet.flush();
      await vi.waitFor(() => expect(latest).toBe(1));
    } finally {
      subscription.unsubscribe();
    }
  });
});
