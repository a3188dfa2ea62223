import { describe, expect, it } from 'vitest';
import { importBookmarks } from '@renderer/db/bookmark-import-repository';
import { listBookmarksForExport } from '@renderer/db/bookmarks-repository';
import { createHighlight, setHighlightNote } from '@renderer/db/highlights-repository';
import { SAVED_FEED_ID } from '@renderer/db/entities';
import {
  checkBookmarksFileSize,
  describeSkippedBookmarks,
  parseBookmarksJson,
  toBookmarksJson,
} from '@renderer/lib/bookmarks/bookmarks-json';
import { said } from '@renderer/lib/message-ref';
import { testDatabases } from './test-db';
import { storedArticle as article } from './fixtures';

const freshDb = testDatabases('bookmark-import');
const NOW = Date.UTC(2026, 10, 27, 12);
const DAY = 24 * 3600 * 1000;

async function seedLibrary() {
  const db = freshDb();
  await db.feeds.add({
    id: 'f1',
    url: 'https://feed.example/rss',
    title: 'Feed One',
    createdAt: 1,
  });
  await db.articles.bulkAdd([
    article('f1|a', {
      title: 'Alpha & <Omega>',
      bookmarkedAt: NOW - 3 * DAY,
      tags: ['Climate', 'energy'],
      note: 'Read twice.\nSecond line "quoted"',
    }),
    article('f1|b', { title: 'Beta', bookmarkedAt: NOW - DAY, tags: [] }),
    article('f1|c', { title: 'Not bookmarked' }),
  ]);
  return db;
}

describe('bookmarks JSON', () => {
  it('version 2 carries highlights: they round-trip, twice adds nothing twice, and a bad one is named', async () => {
    const source = await seedLibrary();
    await createHighlight(
      'f1|a',
      { quote: 'the storm', prefix: 'expected ', suffix: '.', start: 40 },
      NOW - 2 * DAY,
      source,
    );
    const second = await createHighlight(
      'f1|b',
      { quote: 'a ferry', prefix: '', suffix: ' left' },
      NOW - DAY,
      source,
    );
    await setHighlightNote(second.id, 'Check the timetable', NOW, source);
    const exported = await listBookmarksForExport(source);
    const json = toBookmarksJson(exported, NOW);
    expect(
      (JSON.parse(json) as { bookmarks: { highlights: unknown[] }[] }).bookmarks[1]!.highlights,
    ).toEqual([
      {
        quote: 'the storm',
        prefix: 'expected ',
        suffix: '.',
        start: 40,
        note: '',
        createdAt: new Date(NOW - 2 * DAY).toISOString(),
      },
    ]);

    const empty = freshDb();
    await importBookmarks(parseBookmarksJson(json).records, NOW, empty);
    const rows = async () =>
      (await empty.highlights.toArray())
        .map(({ id: _id, updatedAt: _u, ...rest }) => rest)
        .sort((a, b) => a.createdAt - b.createdAt);
    expect(await rows()).toEqual([
      {
        articleId: 'saved|https://example.com/a',
        quote: 'the storm',
        prefix: 'expected ',
        suffix: '.',
        start: 40,
        createdAt: NOW - 2 * DAY,
      },
      {
        articleId: 'saved|https://example.com/b',
        quote: 'a ferry',
        prefix: '',
        suffix: ' left',
        note: 'Check the timetable',
        createdAt: NOW - DAY,
      },
    ]);
    const once = await rows();
    await importBookmarks(parseBookmarksJson(json).records, NOW + 1, empty);
    expect(await rows()).toEqual(once);
    // Back into the library it came from: matched by id, nothing doubled.
    await importBookmarks(parseBookmarksJson(json).records, NOW + 1, source);
    expect(await source.highlights.count()).toBe(2);

    const { records, skipped } = parseBookmarksJson(
      JSON.stringify({
        format: 'broadsheet-bookmarks',
        version: 2,
        bookmarks: [
          {
            url: 'https://e.example/',
            title: 't',
            bookmarkedAt: '2026-01-01T00:00:00Z',
            highlights: [{ quote: '   ' }],
          },
        ],
      }),
    );
    expect(records).toEqual([]);
    expect(skipped.map((s) => said(s.reason, { position: s.position }))).toEqual([
      'bookmark 1 has a bad “highlights”',
    ]);
  });

  it('still reads version 1 (no highlights)', () => {
    const { records } = parseBookmarksJson(
      JSON.stringify({
        format: 'broadsheet-bookmarks',
        version: 1,
        bookmarks: [
          { url: 'https://e.example/', title: 't', bookmarkedAt: '2026-01-01T00:00:00Z' },
        ],
      }),
    );
    expect(records.map((r) => [r.url, r.highlights])).toEqual([['https://e.example/', undefined]]);
  });

  it('round-trips: export, then import into an empty library, gives the same bookmarks', async () => {
    const source = await seedLibrary();
    const exported = await listBookmarksForExport(source);
    const json = toBookmarksJson(exported, NOW);
    const file = JSON.parse(json) as Record<string, unknown>;
    expect(file).toMatchObject({
      format: 'broadsheet-bookmarks',
      version: 2,
      exportedAt: new Date(NOW).toISOString(),
    });

    const empty = freshDb();
    const summary = await importBookmarks(parseBookmarksJson(json).records, NOW, empty);
    expect(summary).toEqual({ imported: 2, added: 2, skipped: 0 });
    const strip = (rows: typeof exported) => rows.map(({ id: _id, ...rest }) => rest);
    expect(strip(await listBookmarksForExport(empty))).toEqual(strip(exported));
    expect(exported.map((b) => b.title)).toEqual(['Beta', 'Alpha & <Omega>']);

    // New ones are saved articles, queued for their full text, and the tags are in use.
    const saved = (await empty.articles.toArray()).find((a) => a.title === 'Beta')!;
    expect(saved).toMatchObject({
      id: `${SAVED_FEED_ID}|https://example.com/b`,
      feedId: SAVED_FEED_ID,
      fullText: 'pending',
      offline: 'pending',
      unread: 1,
    });
    expect(saved.savedAt).toBe(NOW);
    expect(await empty.articles.where('tags').equals('energy').count()).toBe(1);
  });

  it('exports every bookmark newest first, however many there are', async () => {
    const db = freshDb();
    // More than one read chunk, bookmarked in an order unlike their ids.
    await db.articles.bulkAdd(
      Array.from({ length: 600 }, (_, n) =>
        article(`f1|${String(n).padStart(3, '0')}`, {
          ...(n % 7 === 3 ? {} : { bookmarkedAt: NOW - ((n * 37) % 600) * 1000 }),
        }),
      ),
    );
    const exported = await listBookmarksForExport(db);
    const expected = (await db.articles.toArray())
      .filter((a) => a.bookmarkedAt !== undefined)
      .sort((a, b) => b.bookmarkedAt! - a.bookmarkedAt!)
      .map((a) => a.id);
    expect(expected.length).toBeGreaterThan(500);
    expect(exported.map((b) => b.id)).toEqual(expected);
  });

  it('merges into stored articles by id or address, keeping what is there', async () => {
    const db = await seedLibrary();
    // The same page reached through another feed, bookmarked elsewhere.
    await db.articles.add(article('f2|x', { url: 'https://example.com/shared', title: 'Shared' }));
    const records = parseBookmarksJson(
      JSON.stringify({
        format: 'broadsheet-bookmarks',
        version: 1,
        bookmarks: [
          {
            id: 'f1|a',
            url: 'https://example.com/a',
            title: 'Alpha',
            source: 'Feed One',
            bookmarkedAt: new Date(NOW - 10 * DAY).toISOString(),
            tags: ['climate', 'Policy'],
            note: 'From the laptop',
          },
          {
            url: 'https://example.com/c',
            title: 'Not bookmarked',
            bookmarkedAt: new Date(NOW - 2 * DAY).toISOString(),
            tags: ['ENERGY'],
          },
          {
            id: 'elsewhere|1',
            url: 'https://example.com/shared',
            title: 'Shared',
            bookmarkedAt: new Date(NOW - 5 * DAY).toISOString(),
            note: 'Read twice.',
          },
          {
            id: 'saved|file:gone.md',
            url: null,
            title: 'A file the library does not have',
            bookmarkedAt: new Date(NOW).toISOString(),
          },
        ],
      }),
    ).records;
    const before = await db.articles.count();
    expect(await importBookmarks(records, NOW, db)).toEqual({ imported: 3, added: 0, skipped: 1 });
    expect(await db.articles.count()).toBe(before);

    const [a, c, shared] = await db.articles.bulkGet(['f1|a', 'f1|c', 'f2|x']);
    // Existing bookmark date wins; tags merge under the library's spelling; notes are joined.
    expect(a?.bookmarkedAt).toBe(NOW - 3 * DAY);
    expect(a?.tags).toEqual(['Climate', 'energy', 'Policy']);
    expect(a?.note).toBe('Read twice.\nSecond line "quoted"\n\nFrom the laptop');
    // Matched by address: bookmarked with the file's date and tag, in the library's spelling.
    expect(c?.bookmarkedAt).toBe(NOW - 2 * DAY);
    expect(c?.tags).toEqual(['energy']);
    expect(shared?.bookmarkedAt).toBe(NOW - 5 * DAY);
    expect(shared?.note).toBe('Read twice.');

    // Importing the same file again changes nothing more, and writes no row.
    let writes = 0;
    const count = () => {
      writes++;
    };
    db.articles.hook('updating', count);
    db.articles.hook('creating', count);
    expect(await importBookmarks(records, NOW, db)).toEqual({ imported: 3, added: 0, skipped: 1 });
    expect(writes).toBe(0);
    expect((await db.articles.get('f1|a'))?.note).toBe(a?.note);
    expect((await db.articles.get('f1|a'))?.tags).toEqual(a?.tags);
  });

  it('refuses bad files with a specific reason', () => {
    const file = (body: unknown) => JSON.stringify(body);
    const bookmark = {
      url: 'https://e.example/',
      title: 't',
      bookmarkedAt: '2026-01-01T00:00:00Z',
    };
    const cases: [string, string | RegExp][] = [
      ['{"format": "broadsheet-bookmarks",', 'This file is not JSON'],
      [file([bookmark]), 'This is not a Broadsheet bookmarks file'],
      [file({ format: 'dexie', version: 1 }), 'This is not a Broadsheet bookmarks file'],
      [
        file({ format: 'broadsheet-bookmarks', version: 3, bookmarks: [] }),
        'This bookmarks file is version 3, made by a newer Broadsheet; this one reads version 2.',
      ],
      [
        file({ format: 'broadsheet-bookmarks', version: '1', bookmarks: [] }),
        'This bookmarks file has an unknown version ("1").',
      ],
      [file({ format: 'broadsheet-bookmarks', version: 1 }), 'has no list of bookmarks'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseBookmarksJson(text), text).toThrow(message);
    }
    // A byte-order mark is not a reason to refuse a file.
    expect(
      parseBookmarksJson(
        `\uFEFF${file({ format: 'broadsheet-bookmarks', version: 1, bookmarks: [bookmark] })}`,
      ).records.map((b) => b.url),
    ).toEqual(['https://e.example/']);
    expect(() => checkBookmarksFileSize(20 * 1024 * 1024)).not.toThrow();
    expect(() => checkBookmarksFileSize(25 * 1024 * 1024)).toThrow(
      'This file is too big (25 MB); a bookmarks file may be at most 20 MB.',
    );
  });

  it('skips each bookmark it cannot read, names it and says why, and takes the rest', async () => {
    const good = { url: 'https://e.example/ok', title: 'ok', bookmarkedAt: '2026-01-01T00:00:00Z' };
    const { records, skipped } = parseBookmarksJson(
      JSON.stringify({
        format: 'broadsheet-bookmarks',
        version: 1,
        bookmarks: [
          good,
          'x',
          { ...good, url: 'javascript:alert(1)' },
          { ...good, url: 'data:text/html,<script>alert(1)</script>' },
          { ...good, url: `https://e.example/${'a'.repeat(5000)}` },
          { ...good, bookmarkedAt: 'yesterday' },
          { url: null, title: 'x' },
          { ...good, url: 'https://e.example/two', tags: null },
        ],
      }),
    );
    // A list written as null is as good as none.
    expect(records.map((r) => [r.url, r.tags])).toEqual([
      ['https://e.example/ok', []],
      ['https://e.example/two', []],
    ]);
    expect(skipped.map((s) => said(s.reason, { position: s.position }))).toEqual([
      'bookmark 2 is not a bookmark',
      'bookmark 3 has a javascript: URL',
      'bookmark 4 has a data: URL',
      'bookmark 5 has an address longer than 4,096 characters',
      'bookmark 6 has a “bookmarkedAt” that is not a date',
      'bookmark 7 has no “bookmarkedAt”',
    ]);
    expect(describeSkippedBookmarks(skipped)).toBe(
      'Skipped 6 that could not be read: bookmark 2 is not a bookmark; bookmark 3 has a javascript: URL; bookmark 4 has a data: URL; bookmark 5 has an address longer than 4,096 characters; bookmark 6 has a “bookmarkedAt” that is not a date; 1 more.',
    );
    const db = freshDb();
    expect(await importBookmarks(records, NOW, db)).toEqual({ imported: 2, added: 2, skipped: 0 });
    expect((await db.articles.toArray()).map((a) => a.url).sort()).toEqual([
      'https://e.example/ok',
      'https://e.example/two',
    ]);
  });

  it('leaves the library untouched when an import fails halfway', async () => {
    const db = await seedLibrary();
    const records = parseBookmarksJson(
      toBookmarksJson(
        [
          {
            id: 'f1|c',
            url: 'https://example.com/c',
            title: 'c',
            source: '',
            publishedAt: NOW,
            bookmarkedAt: NOW,
            tags: ['new'],
            note: '',
          },
          {
            url: 'https://example.com/brand-new',
            title: 'n',
            source: '',
            publishedAt: NOW,
            bookmarkedAt: NOW,
            tags: [],
            note: '',
          },
        ],
        NOW,
      ),
    ).records;
    const refuse = () => {
      throw new Error('disk full');
    };
    db.articles.hook('creating', refuse);
    await expect(importBookmarks(records, NOW, db)).rejects.toThrow();
    db.articles.hook('creating').unsubscribe(refuse);
    expect((await db.articles.get('f1|c'))?.bookmarkedAt).toBeUndefined();
    expect(await db.articles.count()).toBe(3);
  });
});
