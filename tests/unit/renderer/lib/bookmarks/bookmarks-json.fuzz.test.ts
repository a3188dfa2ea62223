/**
 * The bookmarks file under fuzzing: parseBookmarksJson reads any text into bookmarks the
 * library can take (a web address or none, real dates, bounded fields) or says clearly why the
 * file is no bookmarks file; and exported records read back as they were.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BookmarkFileError,
  parseBookmarksJson,
  toBookmarksJson,
} from '@renderer/lib/bookmarks/bookmarks-json';
import { fuzz, fuzzTimeoutMs } from '../../../fuzz';
import { bookmarksText, validRecord } from './bookmark-arbitraries';

const TARGET = 'renderer/lib/bookmarks/bookmarks-json';
const isWeb = (url: string) => {
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
};
const isDate = (time: number) => Number.isFinite(time) && !Number.isNaN(new Date(time).getTime());

const run = { timeout: fuzzTimeoutMs() };

describe('parseBookmarksJson under fuzzing', () => {
  it('reads any text into importable bookmarks or throws a BookmarkFileError', run, async () => {
    await fuzz(
      TARGET,
      'any text: records with web-or-no url and real dates, each skip with a reason; or BookmarkFileError',
      fc.property(bookmarksText, (text) => {
        let file;
        try {
          file = parseBookmarksJson(text);
        } catch (error) {
          if (error instanceof BookmarkFileError && error.message) return;
          throw error;
        }
        for (const record of file.records) {
          if (record.url !== null && !isWeb(record.url)) throw new Error(`url ${record.url}`);
          if (!isDate(record.publishedAt) || !isDate(record.bookmarkedAt)) throw new Error('date');
          if (!Array.isArray(record.tags) || typeof record.note !== 'string')
            throw new Error('shape');
          // What was read can be written again.
          toBookmarksJson([record], 0);
        }
        for (const skipped of file.skipped) {
          if (!(skipped.position >= 1) || !skipped.reason.id)
            throw new Error('skip without a reason');
        }
      }),
    );
  });

  it('reads exported bookmarks back as they were', run, async () => {
    await fuzz(
      TARGET,
      'toBookmarksJson -> parseBookmarksJson keeps every record',
      fc.property(fc.array(validRecord, { maxLength: 6 }), (records) => {
        const file = parseBookmarksJson(toBookmarksJson(records, Date.UTC(2026, 11, 6)));
        expect(file.skipped).toEqual([]);
        expect(file.records).toEqual(records.map((record) => ({ id: undefined, ...record })));
      }),
    );
  });
});
