/**
 * A restore of a large library holds a chunk of rows at a time, never the whole library, and
 * stays all or nothing: what it writes into the library is observed through Dexie's own core
 * (every put request and its size), and failures are made there too.
 */
import Dexie, {
  RangeSet,
  type DBCore,
  type DBCoreMutateRequest,
  type ObservabilitySet,
} from 'dexie';
import { describe, expect, it } from 'vitest';
import { backUpLibrary, type BackupProgress } from '@renderer/db/backup-repository';
import { restoreLibrary } from '@renderer/db/restore-repository';
import type { Feed } from '@renderer/db/entities';
import { dropRestoreLeftovers, stagingName } from '@renderer/db/restore-leftovers';
import { RESTORE_ROWS_PER_CHUNK } from '@renderer/db/restore-staging';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { storedArticle } from './fixtures';
import { testDatabases } from './test-db';

const newDb = testDatabases('bounded');

/** Each put the library's core is asked for, by table, with its row count. */
interface Watch {
  puts: { table: string; rows: number }[];
  /** Fails the nth put of `table` (1-based), as a disk or a browser fault would. */
  failAt?: { table: string; nth: number };
}

function watched(db: BroadsheetDb): Watch {
  const watch: Watch = { puts: [] };
  db.use({
    stack: 'dbcore',
    name: 'watch-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            if (req.type === 'put' || req.type === 'add') {
              watch.puts.push({ table: name, rows: req.values.length });
              const fail = watch.failAt;
              const nth = watch.puts.filter((p) => p.table === name).length;
              if (fail && fail.table === name && fail.nth === nth) {
                return Promise.reject(new Error('the disk failed'));
              }
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return watch;
}

const feed = (id: string): Feed => ({
  id,
  url: `https://${id}.example/feed`,
  title: `Feed ${id}`,
  createdAt: 1,
});

const ARTICLES = 1_100;
const SHARED = 'https://a.example/shared.png';
const pad = (i: number) => String(i).padStart(4, '0');

/** A backup of `ARTICLES` articles with some text each, as the app's own file. */
async function largeBackup(options: { images?: boolean } = {}): Promise<Blob> {
  const source = newDb();
  await source.feeds.bulkPut([feed('a')]);
  await source.articles.bulkPut(
    Array.from({ length: ARTICLES }, (_, i) =>
      storedArticle(`a|${pad(i)}`, {
        feedId: 'a',
        contentHtml: `<p>${'Words of story '.repeat(20)}${i}</p>`,
        // The first and the last article show one image; the middle ones none.
        images: i === 0 || i === ARTICLES - 1 ? [SHARED] : [],
        offline: 'complete',
      }),
    ),
  );
  await source.settings.put({ key: 'readerStyle', value: { theme: 'dark' } });
  const made = JSON.parse(await (await backUpLibrary(source, options)).text()) as BackupJson;
  made.data.databaseName = 'broadsheet';
  // The image, as the app writes one (typeson's Blob): fake-indexeddb cannot store jsdom's Blobs
  // to be backed up, so it goes straight into the file.
  const images = made.data.data.find((t) => t.tableName === 'images');
  if (images) {
    images.rows = [
      {
        url: SHARED,
        articleIds: ['a|0000', `a|${pad(ARTICLES - 1)}`],
        status: 'ok',
        contentType: 'image/png',
        bytes: 3,
        attempts: 1,
        blob: { type: 'image/png', stringContents: 'PNG' },
        $types: { blob: 'blob' },
      },
    ];
    made.data.tables.find((t) => t.name === 'images')!.rowCount = 1;
  }
  return new Blob([JSON.stringify(made)]);
}

interface BackupJson {
  data: {
    databaseName: string;
    tables: { name: string; rowCount: number }[];
    data: { tableName: string; rows: unknown[] }[];
  };
}

/** Every table's rows, to compare a library before and after. */
async function snapshot(db: BroadsheetDb): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const table of db.tables) all[table.name] = await table.toArray();
  return all;
}

/** A library the reader has, different from the backup's. */
async function existingLibrary(db: BroadsheetDb): Promise<void> {
  await db.feeds.bulkPut([feed('mine')]);
  await db.articles.bulkPut([
    storedArticle('mine|1', { feedId: 'mine' }),
    storedArticle('mine|2', { feedId: 'mine', bookmarkedAt: 7 }),
  ]);
  await db.settings.put({ key: 'readerStyle', value: { theme: 'sepia' } });
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '');
}

// fake-indexeddb takes seconds over a thousand articles, written three times.
describe('a restore of a large library', { timeout: 60_000 }, () => {
  it('writes the library at most a chunk of rows at a time, and reads the file in many chunks', async () => {
    const file = await largeBackup();
    const db = newDb();
    const watch = watched(db);
    const progress: BackupProgress[] = [];
    const report = await restoreLibrary(file, db, {
      chunkBytes: 16 * 1024,
      onProgress: (p) => progress.push({ ...p }),
    });

    expect(report.restored).toMatchObject({ feeds: 1, articles: ARTICLES, images: 1 });
    expect(await db.articles.count()).toBe(ARTICLES);
    // Into the library: never more than one chunk of rows in a write, and no write is missed.
    const articlePuts = watch.puts.filter((p) => p.table === 'articles');
    expect(Math.max(...articlePuts.map((p) => p.rows))).toBeLessThanOrEqual(RESTORE_ROWS_PER_CHUNK);
    expect(articlePuts.reduce((sum, p) => sum + p.rows, 0)).toBe(ARTICLES);
    expect(articlePuts.length).toBeGreaterThanOrEqual(Math.ceil(ARTICLES / RESTORE_ROWS_PER_CHUNK));

    // From the file: the rows arrive a small slice at a time, each step a fraction of the
    // whole (16 KiB of about 400-byte rows), counted up to every row of the file.
    const read = progress.filter((p) => p.phase === 'read');
    const steps = read.slice(1).map((p, i) => p.done - read[i]!.done);
    expect(read.length).toBeGreaterThan(10);
    expect(Math.max(...steps)).toBeLessThan(ARTICLES / 5);
    const write = progress.filter((p) => p.phase === 'write');
    expect(write.at(-1)).toEqual({ phase: 'write', done: ARTICLES + 3, total: ARTICLES + 3 });
    // Nothing is left beside the library.
    expect(await databaseNames()).not.toContain(stagingName(db.name));
  });

  it('leaves the library exactly as it was when a write fails half-way through the switch', async () => {
    const file = await largeBackup();
    const db = newDb();
    // Dexie takes a core's middleware before the database opens.
    const watch = watched(db);
    await existingLibrary(db);
    const before = await snapshot(db);
    watch.puts.length = 0;
    // The third chunk of articles: the library is cleared and two chunks are in by then.
    watch.failAt = { table: 'articles', nth: 3 };
    await expect(restoreLibrary(file, db, { chunkBytes: 16 * 1024 })).rejects.toThrow();
    expect(watch.puts.filter((p) => p.table === 'articles').length).toBe(3);
    expect(await snapshot(db)).toEqual(before);
    expect(await databaseNames()).not.toContain(stagingName(db.name));
  });

  it('leaves the library exactly as it was when the file breaks off after many chunks', async () => {
    const whole = await (await largeBackup()).text();
    // Cut inside the articles, well past the first chunks.
    const cut = new Blob([whole.slice(0, Math.floor(whole.length * 0.7))]);
    const db = newDb();
    await existingLibrary(db);
    const before = await snapshot(db);
    const progress: BackupProgress[] = [];
    await expect(
      restoreLibrary(cut, db, { chunkBytes: 16 * 1024, onProgress: (p) => progress.push(p) }),
    ).rejects.toThrow(/damaged|cut short/);
    // It had read (and staged) a good part of the file before it found out.
    expect(progress.filter((p) => p.phase === 'read').length).toBeGreaterThan(5);
    expect(progress.some((p) => p.phase === 'write')).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('restores the images, and links those an image-less backup leaves out across chunks', async () => {
    const shared = SHARED;
    const last = `a|${pad(ARTICLES - 1)}`;

    const withImages = newDb();
    await restoreLibrary(await largeBackup(), withImages, { chunkBytes: 16 * 1024 });
    const restored = await withImages.images.toArray();
    expect(restored.map((i) => [i.url, i.articleIds])).toEqual([[shared, ['a|0000', last]]]);
    expect((await withImages.articles.get(last))?.offline).toBe('complete');

    // No images in the file: the one stored here is kept, linked to the restored articles that
    // show it — one in the first chunk, one in the last.
    const without = newDb();
    await without.images.put({
      url: shared,
      articleIds: ['old|1'],
      status: 'ok',
      contentType: 'image/png',
      bytes: 3,
      attempts: 1,
    });
    await restoreLibrary(await largeBackup({ images: false }), without, {
      chunkBytes: 16 * 1024,
    });
    expect((await without.images.toArray()).map((i) => [i.url, i.articleIds])).toEqual([
      [shared, ['a|0000', last]],
    ]);
    expect((await without.articles.get(last))?.offline).toBe('complete');

    // Restored where that image is not stored: the articles showing it are queued again.
    const empty = newDb();
    await restoreLibrary(await largeBackup({ images: false }), empty, { chunkBytes: 16 * 1024 });
    expect(await empty.images.count()).toBe(0);
    expect((await empty.articles.get('a|0000'))?.offline).toBe('pending');
    expect((await empty.articles.get(last))?.offline).toBe('pending');
    expect((await empty.articles.get('a|0500'))?.offline).toBe('complete');
  });

  it('upgrades a large backup an older version made, chunk by chunk', async () => {
    const name = `bounded-v3-${Math.random().toString(36).slice(2)}`;
    const old = createDb(name, 3);
    await old.table('feeds').put(feed('a'));
    await old.table('articles').bulkPut(
      // As v3 stored them: no placement, no `unreadAt` (no hooks below v6 add them).
      Array.from({ length: ARTICLES }, (_, i) =>
        storedArticle(`a|${pad(i)}`, {
          feedId: 'a',
          unread: i % 2 === 0 ? 1 : 0,
          fetchedAt: 1_000 + i,
        }),
      ),
    );
    const made = await (await backUpLibrary(old)).text();
    old.close();
    await createDb(name, 3).delete();
    expect(made).toContain('"databaseVersion":3');

    const db = newDb();
    await restoreLibrary(
      new Blob([made.replace(`"databaseName":"${name}"`, '"databaseName":"broadsheet"')]),
      db,
      { chunkBytes: 16 * 1024 },
    );
    const articles = await db.articles.toArray();
    expect(articles).toHaveLength(ARTICLES);
    // v6's upgrade placed every article and stamped the unread ones.
    expect(articles.every((a) => a.crowd !== undefined)).toBe(true);
    expect(articles.filter((a) => a.unread === 1).every((a) => a.unreadAt === a.fetchedAt)).toBe(
      true,
    );
    expect(articles.some((a) => a.unread === 0 && a.unreadAt !== undefined)).toBe(false);
  });
});

// A large backup restored in small chunks, as above: seconds under a loaded full run.
describe('the staging database', { timeout: 60_000 }, () => {
  it('tells no live query of its writes, however small its chunks', async () => {
    // Rows of a few kilobytes (images): few to a slice of the file, so Dexie would report each
    // key, and every live query in the page (none watches staging) would keep them all.
    const made = JSON.parse(await (await largeBackup()).text()) as BackupJson;
    const images = Array.from({ length: 120 }, (_, i) => ({
      url: `https://a.example/${i}.png`,
      articleIds: [`a|${pad(i)}`],
      status: 'ok',
      contentType: 'image/png',
      bytes: 1000,
      attempts: 1,
      blob: { type: 'image/png', stringContents: 'P'.repeat(1000) },
      $types: { blob: 'blob' },
    }));
    made.data.data.find((t) => t.tableName === 'images')!.rows = images;
    made.data.tables.find((t) => t.name === 'images')!.rowCount = images.length;
    const db = newDb();
    const heard: ObservabilitySet[] = [];
    const listen = (parts: ObservabilitySet) => heard.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      const report = await restoreLibrary(new Blob([JSON.stringify(made)]), db, {
        chunkBytes: 16 * 1024,
      });
      expect(report.restored.images).toBe(120);
    } finally {
      Dexie.on.storagemutated.unsubscribe(listen);
    }
    // What is heard of staging is the whole of each table, once, when Dexie creates the
    // database; not one key of a row staged.
    const staged = heard.flatMap((parts) =>
      Object.entries(parts).filter(([part]) => part.startsWith(`idb://${stagingName(db.name)}/`)),
    );
    const ranges = staged.flatMap(([, tree]) => [...RangeSet(tree)]);
    expect(ranges.length).toBe(staged.length);
    expect(ranges.every((range) => range.from === -Infinity)).toBe(true);
    // The library's own commit is heard as usual.
    expect(heard.some((parts) => Object.keys(parts).some((p) => p.includes(`//${db.name}/`)))).toBe(
      true,
    );
  });
});

describe('a restore cut short by a crash', () => {
  it('leaves a staging database that the next start drops, the library untouched', async () => {
    const db = newDb();
    await existingLibrary(db);
    const before = await snapshot(db);
    // What a kill during staging leaves: a half-filled staging database beside the library.
    const leftover = createDb(stagingName(db.name));
    await leftover.articles.put(storedArticle('staged|1'));
    leftover.close();
    expect(await databaseNames()).toContain(stagingName(db.name));

    await dropRestoreLeftovers(db.name);
    expect(await databaseNames()).not.toContain(stagingName(db.name));
    expect(await snapshot(db)).toEqual(before);
  });
});
