import { describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { setBookmarked } from '@renderer/db/articles-repository';
import { createHighlight } from '@renderer/db/highlights-repository';
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { trackArticleChanges } from '@renderer/db/article-changes';
import {
  deleteArticles,
  measureStorage,
  PURGE_CHUNK,
  PURGE_PAGE,
  purgeArticles,
} from '@renderer/db/retention-repository';
import type { BroadsheetDb } from '@renderer/db/schema';
import { spyOnReads, type AskedRead } from './read-spy';
import { testDatabases } from './test-db';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 27);
const freshDb = testDatabases('retention');

const article = (id: string, daysOld: number, extra: Partial<Article> = {}): Article => ({
  id,
  feedId: 'f',
  guid: id,
  title: id,
  authors: [],
  publishedAt: NOW - daysOld * DAY,
  fetchedAt: NOW - daysOld * DAY,
  images: [],
  categories: [],
  unread: 1,
  tags: [],
  contentHtml: '<p>text</p>',
  ...extra,
});

async function seed(db: BroadsheetDb, articles: Article[]) {
  await db.feeds.add({ id: 'f', url: 'https://e.com/feed', title: 'F', createdAt: 0 });
  await db.articles.bulkAdd(articles);
}

/**
 * Every read a pass asks for, and at each commit that deleted articles how many reads had been
 * asked: `deletesBefore(read)` counts the deleting commits before that read.
 */
function watchPass(db: BroadsheetDb) {
  const reads = spyOnReads(db);
  const commits: number[] = [];
  trackArticleChanges(db, (changes) => {
    if (changes.deleted.length) commits.push(reads.length);
  });
  const deletesBefore = (read: AskedRead) =>
    commits.filter((at) => at <= reads.indexOf(read)).length;
  return { reads, commits, deletesBefore };
}

describe('retention', () => {
  it('counts age from arrival, so an old back catalogue just fetched stays', async () => {
    const db = freshDb();
    await seed(db, [article('old-but-new-here', 400, { fetchedAt: NOW - DAY })]);
    expect(
      await purgeArticles({ keepReadDays: 7, keepUnreadDays: 7, maxPerFeed: null }, NOW, db),
    ).toBe(0);
  });

  it('purges read articles after the read limit and unread ones after the unread limit', async () => {
    const db = freshDb();
    await seed(db, [
      article('read-old', 40, { unread: 0, readAt: NOW - 35 * DAY }),
      article('read-recently', 40, { unread: 0, readAt: NOW - 2 * DAY }),
      article('unread-40', 40),
      article('unread-100', 100),
      article('fresh', 1, { unread: 0, readAt: NOW }),
    ]);
    const purged = await purgeArticles(
      { keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null },
      NOW,
      db,
    );
    expect(purged).toBe(2);
    expect((await db.articles.toCollection().primaryKeys()).sort()).toEqual([
      'fresh',
      'read-recently',
      'unread-40',
    ]);
  });

  it('never purges bookmarked or saved articles, whatever their age or the cap', async () => {
    const db = freshDb();
    await seed(db, [
      article('bookmarked', 1000, { unread: 0, readAt: 0, bookmarkedAt: 5 }),
      article('saved', 1000, { savedAt: 5 }),
      article('plain', 1000),
    ]);
    await purgeArticles({ keepReadDays: 1, keepUnreadDays: 1, maxPerFeed: 0 }, NOW, db);
    expect((await db.articles.toCollection().primaryKeys()).sort()).toEqual([
      'bookmarked',
      'saved',
    ]);
  });

  it('by the cap alone, keeps bookmarked and saved articles past it, and remembers the account items it purges', async () => {
    const db = freshDb();
    await seed(db, [
      article('f|new', 1),
      article('f|bookmarked', 10, { unread: 0, readAt: 0, bookmarkedAt: 5 }),
      article('f|saved', 11, { savedAt: 5 }),
      article('f|old', 12),
    ]);
    await db.feeds.add({
      id: 'acc-feed',
      url: 'https://rss.example.com/feed',
      title: 'Account feed',
      createdAt: 0,
      accountId: 'acc',
      remoteId: 'feed/1',
    });
    await db.articles.bulkAdd([
      { ...article('acc-feed|i1', 1), feedId: 'acc-feed', accountId: 'acc', remoteId: 'i1' },
      { ...article('acc-feed|i2', 20), feedId: 'acc-feed', accountId: 'acc', remoteId: 'i2' },
    ]);
    expect(
      await purgeArticles({ keepReadDays: null, keepUnreadDays: null, maxPerFeed: 1 }, NOW, db),
    ).toBe(2);
    expect((await db.articles.toCollection().primaryKeys()).sort()).toEqual([
      'acc-feed|i1',
      'f|bookmarked',
      'f|new',
      'f|saved',
    ]);
    expect(await db.purged.toArray()).toEqual([{ accountId: 'acc', remoteId: 'i2', at: NOW }]);
  });

  it('never purges an article with highlights, even once it is unbookmarked', async () => {
    const db = freshDb();
    await seed(db, [
      article('highlighted', 1000, { accountId: 'acc', remoteId: 'r1' }),
      article('plain', 1000, { accountId: 'acc', remoteId: 'r2' }),
    ]);
    await createHighlight(
      'highlighted',
      { quote: 'text', prefix: '', suffix: '', start: 0 },
      NOW,
      db,
    );
    await setBookmarked('highlighted', false, NOW, db);
    expect((await db.articles.get('highlighted'))?.bookmarkedAt).toBeUndefined();

    expect(
      await purgeArticles({ keepReadDays: 1, keepUnreadDays: 1, maxPerFeed: 0 }, NOW, db),
    ).toBe(1);
    expect(await db.articles.toCollection().primaryKeys()).toEqual(['highlighted']);
    // Only what went is remembered as purged, so a sync does not skip the one kept.
    expect((await db.purged.toArray()).map((item) => item.remoteId)).toEqual(['r2']);
  });

  it('keeps only the newest articles of a feed beyond its cap', async () => {
    const db = freshDb();
    await seed(db, [article('a', 1), article('b', 2), article('c', 3), article('d', 4)]);
    await purgeArticles({ keepReadDays: null, keepUnreadDays: null, maxPerFeed: 2 }, NOW, db);
    expect((await db.articles.toCollection().primaryKeys()).sort()).toEqual(['a', 'b']);
  });

  it('reads a measured feed within its cap not at all, and one over it no further than its size', async () => {
    // Past a feed's last article lie the entries of those purged before, which IndexedDB walks
    // one by one until it compacts them: a pass reads up to the size the feed's tally keeps.
    const db = freshDb();
    const reads = spyOnReads(db);
    const walks = () =>
      reads.filter((read) => read.table === 'articles' && read.index === '[feedId+publishedAt]');
    await seed(db, [article('f|a', 1), article('f|b', 2), article('f|c', 3)]);
    const byCap = (maxPerFeed: number) =>
      purgeArticles({ keepReadDays: null, keepUnreadDays: null, maxPerFeed }, NOW, db);
    // Never measured: read as before.
    expect(await byCap(3)).toBe(0);
    expect(walks()).toHaveLength(1);
    await measureStorage(db);
    reads.length = 0;
    expect(await byCap(3)).toBe(0);
    expect(walks()).toEqual([]);
    // Over the cap: read, and no further than the tally says the feed holds. (A tally short of
    // the rows, made here by hand, shows where the read stops: one past the cap, not two.)
    await db.tallies.update('feed:f', { count: 2 });
    expect(await byCap(1)).toBe(1);
    expect(walks()).toHaveLength(1);
    expect(await db.articles.toCollection().primaryKeys()).toEqual(['f|a', 'f|c']);
  });

  it(
    'purges a feed past its cap a page at a time, each page read below the last, ties across pages kept whole',
    { timeout: 30_000 },
    async () => {
      // Holding the whole purge's ids kept the page's collector busy at 1,000,000 articles; and a
      // page read again from the range's start would walk the entries of the rows just deleted.
      const db = freshDb();
      const cap = 3;
      const count = 2 * PURGE_PAGE + 50;
      // n = 0 is the newest; seven articles share each date, the lower n the higher id, so the walk
      // from the newest visits them by n. Page one ends inside a date (n 1,001–1,007).
      const rows = Array.from({ length: count }, (_, n) =>
        article(`f|${String(9999 - n).padStart(4, '0')}`, 1, {
          publishedAt: NOW - Math.floor(n / 7) * 1000,
          ...(n % 97 === 50 ? { bookmarkedAt: 1 } : {}),
        }),
      );
      const { reads, commits, deletesBefore } = watchPass(db);
      await seed(db, rows);
      for (const measured of [false, true]) {
        if (measured) {
          await db.articles.clear();
          await db.tallies.clear();
          await db.articles.bulkAdd(rows);
          await measureStorage(db);
        }
        reads.length = 0;
        commits.length = 0;
        const kept = rows.filter((row, n) => n < cap || row.bookmarkedAt !== undefined);
        expect(
          await purgeArticles(
            { keepReadDays: null, keepUnreadDays: null, maxPerFeed: cap },
            NOW,
            db,
          ),
        ).toBe(count - kept.length);
        expect(await db.articles.toCollection().primaryKeys()).toEqual(
          kept.map((row) => row.id).sort(),
        );
        const pages = reads.filter(
          (read) =>
            read.index === '[feedId+publishedAt]' &&
            JSON.stringify(read.range.lower) !== JSON.stringify(read.range.upper),
        );
        expect(pages.length).toBeGreaterThanOrEqual(3);
        expect(pages.every((read) => read.cursor || read.limit! <= PURGE_PAGE)).toBe(true);
        const uppers = pages.map((read) => {
          const date = (read.range.upper as [string, unknown])[1];
          return typeof date === 'number' ? date : Infinity;
        });
        for (let i = 1; i < uppers.length; i++) {
          expect(uppers[i]).toBeLessThan(uppers[i - 1]);
          expect(pages[i].range.upperOpen).toBe(true);
        }
        // The first page's articles were gone before the second page was read.
        expect(deletesBefore(pages[1])).toBeGreaterThan(0);
      }
    },
  );

  it(
    'purges by age a page at a time, oldest first, each page read after the last, ties across pages kept whole',
    { timeout: 30_000 },
    async () => {
      const db = freshDb();
      const count = 2 * PURGE_PAGE + 50;
      // n = 0 arrived first; seven articles share each arrival time, by id in n's order. Page one
      // ends inside one (n 994–1,000). Every fifth was read lately, one in 97 is bookmarked.
      const rows = Array.from({ length: count }, (_, n) =>
        article(`f|${String(n).padStart(4, '0')}`, 400, {
          fetchedAt: NOW - 400 * DAY + Math.floor(n / 7) * 1000,
          ...(n % 5 === 0 ? { unread: 0 as const, readAt: NOW - DAY } : {}),
          ...(n % 97 === 50 ? { bookmarkedAt: 1 } : {}),
        }),
      );
      const { reads, deletesBefore } = watchPass(db);
      await seed(db, rows);
      const kept = rows.filter((row) => row.readAt !== undefined || row.bookmarkedAt !== undefined);
      expect(
        await purgeArticles({ keepReadDays: 30, keepUnreadDays: 30, maxPerFeed: null }, NOW, db),
      ).toBe(count - kept.length);
      expect(await db.articles.toCollection().primaryKeys()).toEqual(kept.map((row) => row.id));
      const pages = reads.filter(
        (read) => read.index === 'fetchedAt' && read.range.lower !== read.range.upper,
      );
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(pages.every((read) => read.limit! <= PURGE_PAGE)).toBe(true);
      const lowers = pages.map((read) => read.range.lower as number);
      for (let i = 1; i < lowers.length; i++) {
        expect(lowers[i]).toBeGreaterThan(lowers[i - 1] ?? -Infinity);
        expect(pages[i].range.lowerOpen).toBe(true);
      }
      expect(deletesBefore(pages[1])).toBeGreaterThan(0);
    },
  );

  it('takes a purged article’s images with it, but not images another article still shows', async () => {
    const db = freshDb();
    await seed(db, [article('old', 200), article('new', 1)]);
    await db.images.bulkAdd([
      {
        url: 'https://e.com/only-old.png',
        articleIds: ['old'],
        status: 'ok',
        attempts: 1,
        bytes: 10,
      },
      {
        url: 'https://e.com/shared.png',
        articleIds: ['old', 'new'],
        status: 'ok',
        attempts: 1,
        bytes: 20,
      },
    ]);
    await purgeArticles({ keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null }, NOW, db);
    expect(await db.images.get('https://e.com/only-old.png')).toBeUndefined();
    expect((await db.images.get('https://e.com/shared.png'))?.articleIds).toEqual(['new']);
  });

  it('leaves no per-article row of a purged article behind, and keeps a bookmarked one’s', async () => {
    const db = freshDb();
    await seed(db, [
      article('old', 200),
      article('kept', 200, { bookmarkedAt: NOW - DAY }),
      article('new', 1),
    ]);
    const ids = ['old', 'kept', 'new'];
    await db.positions.bulkAdd(
      ids.map((articleId) => ({ articleId, fraction: 0.5, updatedAt: NOW })),
    );
    await db.playback.bulkAdd(ids.map((articleId) => ({ articleId, seconds: 30, updatedAt: NOW })));
    await db.fingerprints.bulkAdd(
      ids.map((articleId) => ({ articleId, keys: [`title:${articleId}`], fingerprint: null })),
    );
    await db.images.bulkAdd(
      ids.map((id) => ({
        url: `https://e.com/${id}.jpg`,
        articleIds: [id],
        status: 'ok' as const,
        attempts: 1,
        bytes: 100,
        blob: new Blob([new Uint8Array(100)], { type: 'image/jpeg' }),
      })),
    );
    expect(
      await purgeArticles({ keepReadDays: 30, keepUnreadDays: 30, maxPerFeed: null }, NOW, db),
    ).toBe(1);
    const left = async (table: { toCollection(): { primaryKeys(): Promise<unknown[]> } }) =>
      (await table.toCollection().primaryKeys()).map(String).sort();
    expect(await left(db.articles)).toEqual(['kept', 'new']);
    expect(await left(db.positions)).toEqual(['kept', 'new']);
    expect(await left(db.playback)).toEqual(['kept', 'new']);
    expect(await left(db.fingerprints)).toEqual(['kept', 'new']);
    expect(await left(db.images)).toEqual(['https://e.com/kept.jpg', 'https://e.com/new.jpg']);
  });

  it('remembers the account items it purges (with them, in one transaction), so a sync leaves them', async () => {
    const db = freshDb();
    const item = 'tag:google.com,2005:reader/item/00000000000000a1';
    await seed(db, [
      article('local-old', 40),
      article(`f|${item}`, 40, { accountId: 'acc', remoteId: item }),
      article('account-new', 1, { accountId: 'acc', remoteId: 'kept' }),
    ]);
    expect(
      await purgeArticles({ keepReadDays: 7, keepUnreadDays: 7, maxPerFeed: null }, NOW, db),
    ).toBe(2);
    expect(await db.purged.toArray()).toEqual([{ accountId: 'acc', remoteId: item, at: NOW }]);
  });

  it('purges a large batch in transactions of PURGE_CHUNK, the first ones committed before the last', async () => {
    const db = freshDb();
    const doomed = Array.from({ length: 2 * PURGE_CHUNK + 1 }, (_, n) =>
      article(`old-${String(n).padStart(4, '0')}`, 200),
    );
    const commits: string[][] = [];
    trackArticleChanges(db, (changes) => commits.push(changes.deleted));
    await seed(db, [...doomed, article('fresh', 1)]);
    commits.length = 0;
    expect(
      await purgeArticles({ keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null }, NOW, db),
    ).toBe(doomed.length);
    expect(commits.map((deleted) => deleted.length)).toEqual([PURGE_CHUNK, PURGE_CHUNK, 1]);
    expect(commits.flat().sort()).toEqual(doomed.map((a) => a.id));
    expect(await db.articles.toCollection().primaryKeys()).toEqual(['fresh']);
  });

  it('deletes only the positions and playback a purged article has', async () => {
    const db = freshDb();
    await seed(db, [article('old-read', 200), article('old-unread', 200), article('fresh', 1)]);
    await db.positions.bulkAdd([
      { articleId: 'old-read', fraction: 0.5, updatedAt: 1 },
      { articleId: 'fresh', fraction: 0.2, updatedAt: 1 },
    ]);
    await db.playback.add({ articleId: 'fresh', seconds: 30, updatedAt: 1 });
    await purgeArticles({ keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null }, NOW, db);
    expect(await db.positions.toCollection().primaryKeys()).toEqual(['fresh']);
    expect(await db.playback.toCollection().primaryKeys()).toEqual(['fresh']);
  });

  it('tells live queries no purged key, only the tables it wrote, whole, after its last commit', async () => {
    const db = freshDb();
    const doomed = Array.from({ length: PURGE_CHUNK + 1 }, (_, n) => article(`old-${n}`, 200));
    await seed(db, [...doomed, article('fresh', 1)]);
    await db.positions.add({ articleId: 'old-0', fraction: 0.5, updatedAt: 1 });
    // What the commits tell every live query in the page changed.
    const mutated: ObservabilitySet[] = [];
    const listen = (parts: ObservabilitySet) => mutated.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      await purgeArticles({ keepReadDays: 30, keepUnreadDays: 90, maxPerFeed: null }, NOW, db);
    } finally {
      Dexie.on.storagemutated.unsubscribe(listen);
    }
    const startsOf = (set: ObservabilitySet, table: string) => {
      const tree = set[`idb://${db.name}/${table}/`];
      return tree ? [...RangeSet(tree)].map((node) => node.from) : [];
    };
    for (const table of ['articles', 'positions', 'images']) {
      const starts = mutated.flatMap((set) => startsOf(set, table));
      // Whole tables only (from the lowest key), never a key of the purge.
      expect(starts.length).toBeGreaterThan(0);
      expect(starts.every((from) => from === -Infinity)).toBe(true);
      expect(startsOf(mutated.at(-1)!, table)).toEqual([-Infinity]);
    }
  });

  it('measures storage per feed, images included', async () => {
    const db = freshDb();
    // Article ids are `${feedId}|${guid}` (feeds-repository.ts articleId), as images count.
    await seed(db, [article('f|a', 1)]);
    await db.images.add({
      url: 'https://e.com/a.png',
      articleIds: ['f|a'],
      status: 'ok',
      attempts: 1,
      bytes: 1000,
    });
    const use = await measureStorage(db);
    expect(use.perFeed).toEqual([
      { feedId: 'f', articles: 1, bytes: 1000 + 2 * ('<p>text</p>'.length + 'f|a'.length) },
    ]);
    expect(use.totalBytes).toBe(use.perFeed[0]!.bytes);
  });

  it('measures a source once, then reads what every write keeps beside the rows', async () => {
    const db = freshDb();
    await seed(db, [article('f|a', 1), article('f|b', 2)]);
    // Saved items have no feed row; they are a source all the same.
    await db.articles.add({ ...article('saved|s', 1), feedId: 'saved' });
    expect(await db.tallies.get('feed:f')).toBeUndefined();
    const reads: string[] = [];
    db.articles.hook('reading', (row) => (reads.push(row.id), row));
    const first = await measureStorage(db);
    // Never measured: each source's rows were read once.
    expect(reads.sort()).toEqual(['f|a', 'f|b', 'saved|s']);
    const text = (id: string) => 2 * ('<p>text</p>'.length + id.length);
    expect(first.perFeed).toEqual([
      { feedId: 'f', articles: 2, bytes: text('f|a') + text('f|b') },
      { feedId: 'saved', articles: 1, bytes: text('saved|s') },
    ]);
    expect(await db.tallies.get('feed:f')).toEqual({
      key: 'feed:f',
      count: 2,
      bytes: text('f|a') + text('f|b'),
    });

    // Writes after the measure move the kept figures; the report reads them, not the rows.
    await db.articles.add(article('f|c', 1, { contentHtml: '<p>much longer text</p>' }));
    await db.images.add({
      url: 'https://e.com/c.png',
      articleIds: ['f|c'],
      status: 'ok',
      attempts: 1,
      bytes: 700,
    });
    await deleteArticles(['f|a'], db);
    const tally = await db.tallies.get('feed:f');
    expect(tally?.count).toBe(2);
    reads.length = 0;
    const second = await measureStorage(db);
    expect(reads).toEqual([]);
    expect(second.perFeed[0]).toEqual({
      feedId: 'f',
      articles: 2,
      bytes: text('f|b') + 2 * ('<p>much longer text</p>'.length + 'f|c'.length) + 700,
    });
  });
});
