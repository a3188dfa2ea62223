/** fast-check arbitraries for bookmark records and bookmarks files, valid and hostile. */
import fc from 'fast-check';
import type { BookmarkRecord } from '@renderer/lib/bookmarks/bookmark-record';

// Whole milliseconds a Date can hold and ISO 8601 can write with a four-digit year.
const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) });

/** Records as the library exports them (within the JSON file's bounds). */
export const validRecord: fc.Arbitrary<BookmarkRecord> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 40 }),
    url: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constant(null)),
    title: fc.string({ maxLength: 60 }),
    source: fc.string({ maxLength: 30 }),
    publishedAt: instant,
    bookmarkedAt: instant,
    tags: fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
    note: fc.string({ maxLength: 80 }),
  },
  { requiredKeys: ['url', 'title', 'source', 'publishedAt', 'bookmarkedAt', 'tags', 'note'] },
);

const hostile = fc.oneof(
  fc.constantFrom(
    null,
    '',
    'javascript:alert(1)',
    'data:text/html,x',
    ' https://example.com/ ',
    'https://example.com/' + 'a'.repeat(5000),
    '2026-13-45',
    'Tue, 01 Dec 2026 10:00:00 GMT',
    '+275760-09-13T00:00:00.000Z',
    '+275760-09-13T00:00:00.001Z',
    '<script>alert(1)</script>',
    [],
    {},
    1e300,
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)), {
    maxLength: 4,
  }),
);

/** A bookmark entry as a hand-edited or foreign file might hold it. */
const hostileEntry = fc.oneof(
  validRecord.map((record) => ({
    ...record,
    publishedAt: new Date(record.publishedAt).toISOString(),
    bookmarkedAt: new Date(record.bookmarkedAt).toISOString(),
  })),
  fc.dictionary(
    fc.constantFrom(
      'id',
      'url',
      'title',
      'source',
      'publishedAt',
      'bookmarkedAt',
      'tags',
      'note',
      'x',
    ),
    hostile,
  ),
  hostile,
);

/** Text that is, nearly is, or is not a bookmarks file. */
export const bookmarksText = fc
  .oneof(
    fc.string(),
    fc
      .record(
        {
          format: fc.constantFrom('broadsheet-bookmarks', 'netscape', 1),
          version: fc.constantFrom(1, 1, 1, 2, 0, '1', null),
          exportedAt: fc.constantFrom('2026-11-27T21:00:00.000Z', 'x'),
          bookmarks: fc.oneof(fc.array(hostileEntry, { maxLength: 8 }), hostile),
        },
        { requiredKeys: [] },
      )
      .map((file) => JSON.stringify(file)),
    fc.json(),
  )
  .map((text) => text);
