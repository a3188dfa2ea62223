/**
 * Importing bookmarks under fuzzing: whatever a bookmarks file holds (parsed as the app parses
 * it), importBookmarks never throws, never loses what the library had (a bookmark stays, with
 * its date, tags and note), and importing the same file again adds nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBookmarks } from '@renderer/db/bookmark-import-repository';
import { BookmarkFileError, parseBookmarksJson } from '@renderer/lib/bookmarks/bookmarks-json';
import type { BookmarkRecord } from '@renderer/lib/bookmarks/bookmark-record';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';
import { bookmarksText, validRecord } from '../lib/bookmarks/bookmark-arbitraries';
import { storedArticle } from './fixtures';
import { testDatabases } from './test-db';

const TARGET = 'renderer/db/bookmark-import-repository';
const freshDb = testDatabases('bookmark-import-fuzz');
const NOW = Date.UTC(2026, 11, 6, 12);

function recordsOf(text: string): BookmarkRecord[] {
  try {
    return parseBookmarksJson(text).records;
  } catch (error) {
    if (error instanceof BookmarkFileError) return [];
    throw error;
  }
}

/** Records aimed at what is stored: same ids and addresses, other tags and notes. */
const aimed = fc.array(
  fc
    .tuple(
      validRecord,
      fc.constantFrom('f1|a', 'f1|b', undefined),
      fc.constantFrom('https://example.com/a', 'https://example.com/c', undefined),
    )
    .map(([record, id, url]) => ({ ...record, ...(id ? { id } : {}), ...(url ? { url } : {}) })),
  { maxLength: 5 },
);

describe('importBookmarks under fuzzing', () => {
  it(
    'keeps every bookmark the library had, and a second import adds nothing',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'never throws; existing bookmarks keep date, tags, note; re-import adds 0',
        fc.asyncProperty(fc.oneof(bookmarksText.map(recordsOf), aimed), async (records) => {
          const db = freshDb();
          const before = [
            storedArticle('f1|a', {
              bookmarkedAt: NOW - 1000,
              tags: ['Climate'],
              note: 'Read twice.',
            }),
            storedArticle('f1|b', { bookmarkedAt: NOW - 2000, tags: [] }),
            storedArticle('f1|c'),
          ];
          await db.articles.bulkAdd(before);
          await importBookmarks(records, NOW, db);
          for (const old of before.filter((article) => article.bookmarkedAt !== undefined)) {
            const now = await db.articles.get(old.id);
            expect(now?.bookmarkedAt).toBeDefined();
            expect(now?.bookmarkedAt).toBeLessThanOrEqual(old.bookmarkedAt!);
            const tags = new Set(now?.tags.map((tag) => tag.toLocaleLowerCase()));
            for (const tag of old.tags) expect(tags.has(tag.toLocaleLowerCase())).toBe(true);
            if (old.note) expect(now?.note).toContain(old.note);
          }
          const count = await db.articles.count();
          const again = await importBookmarks(records, NOW + 1000, db);
          expect(again.added).toBe(0);
          expect(await db.articles.count()).toBe(count);
        }),
      );
    },
  );
});
