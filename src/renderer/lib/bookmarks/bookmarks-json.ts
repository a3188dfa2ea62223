import { z } from 'zod';
import { methodParams } from '@shared/contract';
import { getLocaleState, translate } from '../../i18n/current-locale';
import { formatBytes } from '../../i18n/formats';
import { LocalizedError } from '../../i18n/localized-error';
import { said, type MessageRef } from '../message-ref';
import { addressFault, MAX_NOTE_LENGTH, type BookmarkRecord } from './bookmark-record';

/**
 * Broadsheet's bookmark file, version 2 (version 1 without `highlights`, still read):
 *
 * ```json
 * { "format": "broadsheet-bookmarks", "version": 1, "exportedAt": "2026-11-27T21:00:00.000Z",
 *   "bookmarks": [{ "id": "feed|guid", "url": "https://…", "title": "…", "source": "Feed name",
 *     "publishedAt": "<ISO 8601>", "bookmarkedAt": "<ISO 8601>", "tags": ["…"], "note": "…",
 *     "highlights": [{ "quote": "…", "prefix": "…", "suffix": "…", "start": 120, "note": "…",
 *       "createdAt": "<ISO 8601>" }] }] }
 * ```
 *
 * Version 2 added `highlights`; a version 1 reader would drop them silently, so the version moved.
 *
 * `url` is null for articles imported from files. Readers ignore keys they do not know, so a
 * later version may add some; a change that old readers would misread bumps `version`.
 * Importing judges each bookmark on its own: one that cannot be read (no date, an address that
 * is not http(s) or is longer than 4,096 characters) is skipped and named, the others come in.
 */
export const BOOKMARKS_FORMAT = 'broadsheet-bookmarks';
export const BOOKMARKS_VERSION = 2;
/** Versions this Broadsheet reads: 1 has no highlights. */
const READABLE_VERSIONS = new Set([1, 2]);
/** Most highlights one bookmark may carry in a file. */
const MAX_HIGHLIGHTS = 5_000;
/** A bookmarks file larger than this is refused before it is read. */
export const MAX_BOOKMARKS_FILE_BYTES = 20 * 1024 * 1024;
const MAX_BOOKMARKS = 100_000;

export class BookmarkFileError extends LocalizedError {}

export function toBookmarksJson(bookmarks: readonly BookmarkRecord[], exportedAt: number): string {
  const file = {
    format: BOOKMARKS_FORMAT,
    version: BOOKMARKS_VERSION,
    exportedAt: iso(exportedAt),
    bookmarks: bookmarks.map((b) => ({
      id: b.id,
      url: b.url,
      title: b.title,
      source: b.source,
      publishedAt: iso(b.publishedAt),
      bookmarkedAt: iso(b.bookmarkedAt),
      tags: b.tags,
      note: b.note,
      highlights: (b.highlights ?? []).map((h) => ({
        quote: h.quote,
        prefix: h.prefix,
        suffix: h.suffix,
        ...(h.start !== undefined && { start: h.start }),
        note: h.note,
        createdAt: iso(h.createdAt),
      })),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isoDate = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)), 'is not a date');

const highlightSchema = z.object({
  quote: z.string().trim().min(1).max(100_000),
  prefix: z
    .string()
    .max(1000)
    .nullish()
    .transform((v) => v ?? ''),
  suffix: z
    .string()
    .max(1000)
    .nullish()
    .transform((v) => v ?? ''),
  start: z.number().int().min(0).max(100_000_000).optional(),
  note: z
    .string()
    .max(MAX_NOTE_LENGTH)
    .nullish()
    .transform((v) => v ?? ''),
  createdAt: isoDate.optional(),
});

const bookmarkSchema = z.object({
  id: z.string().min(1).max(4096).optional(),
  // The contract's address: a saved page must be one main will fetch (http(s), ≤ 4,096).
  url: methodParams['articles.fetchFull'].shape.url.nullable(),
  title: z.string().max(2000),
  // Written as null by hand or by another tool: as good as left out.
  source: z
    .string()
    .max(1000)
    .nullish()
    .transform((v) => v ?? ''),
  publishedAt: isoDate.optional(),
  bookmarkedAt: isoDate,
  tags: z
    .array(z.string().max(200))
    .max(100)
    .nullish()
    .transform((v) => v ?? []),
  note: z
    .string()
    .max(MAX_NOTE_LENGTH)
    .nullish()
    .transform((v) => v ?? ''),
  highlights: z
    .array(highlightSchema)
    .max(MAX_HIGHLIGHTS)
    .nullish()
    .transform((v) => v ?? []),
});

const fileSchema = z.object({
  bookmarks: z.array(z.unknown()).max(MAX_BOOKMARKS),
});

/** A bookmark left out of an import: where it stands in the file (from 1) and why. */
export interface SkippedBookmark {
  position: number;
  /** A `lib.bookmarks.skipped.` message: "bookmark {position} has a javascript: URL". */
  reason: MessageRef;
}

export interface BookmarksFile {
  records: BookmarkRecord[];
  skipped: SkippedBookmark[];
}

/** Refuses a file too big to be a bookmarks file before any of it is read. */
export function checkBookmarksFileSize(bytes: number): void {
  if (bytes <= MAX_BOOKMARKS_FILE_BYTES) return;
  const { locale } = getLocaleState();
  throw new BookmarkFileError('lib.bookmarks.error.tooBig', {
    size: formatBytes(bytes, locale, { roundUp: true }),
    max: formatBytes(MAX_BOOKMARKS_FILE_BYTES, locale),
  });
}

/**
 * Reads a bookmarks file: every bookmark that passes, and each one that does not with its
 * reason. A file that is not a bookmarks file at all throws a BookmarkFileError that says what is
 * wrong with it in words a reader can act on. Nothing is written here.
 */
export function parseBookmarksJson(text: string): BookmarksFile {
  let data: unknown;
  try {
    // Editors on Windows like to start a UTF-8 file with a byte-order mark; JSON.parse does not.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BookmarkFileError('lib.bookmarks.error.notJson');
  }
  const head = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (head.format !== BOOKMARKS_FORMAT) {
    throw new BookmarkFileError('lib.bookmarks.error.notBookmarks');
  }
  if (typeof head.version !== 'number' || !READABLE_VERSIONS.has(head.version)) {
    if (typeof head.version === 'number' && head.version > BOOKMARKS_VERSION)
      throw new BookmarkFileError('lib.bookmarks.error.newer', {
        version: String(head.version),
        latest: String(BOOKMARKS_VERSION),
      });
    throw new BookmarkFileError('lib.bookmarks.error.unknownVersion', {
      version: JSON.stringify(head.version ?? null),
    });
  }
  const file = fileSchema.safeParse(data);
  if (!file.success) {
    if (file.error.issues[0]?.code === 'too_big')
      throw new BookmarkFileError('lib.bookmarks.error.tooMany', { max: MAX_BOOKMARKS });
    throw new BookmarkFileError('lib.bookmarks.error.noList');
  }
  const result: BookmarksFile = { records: [], skipped: [] };
  file.data.bookmarks.forEach((input, index) => {
    const parsed = bookmarkSchema.safeParse(input);
    if (!parsed.success) {
      result.skipped.push({
        position: index + 1,
        reason: describeIssue(parsed.error.issues[0], input),
      });
      return;
    }
    const b = parsed.data;
    const bookmarkedAt = Date.parse(b.bookmarkedAt);
    result.records.push({
      id: b.id,
      url: b.url,
      title: b.title,
      source: b.source,
      publishedAt: b.publishedAt ? Date.parse(b.publishedAt) : bookmarkedAt,
      bookmarkedAt,
      tags: b.tags,
      note: b.note,
      // Left out when there are none, as a version 1 record reads.
      ...(b.highlights.length > 0 && {
        highlights: b.highlights.map((h) => ({
          quote: h.quote,
          prefix: h.prefix,
          suffix: h.suffix,
          ...(h.start !== undefined && { start: h.start }),
          note: h.note,
          createdAt: h.createdAt ? Date.parse(h.createdAt) : bookmarkedAt,
        })),
      }),
    });
  });
  return result;
}

/** Why one bookmark was left out ("bookmark 3 has a javascript: URL"). */
function describeIssue(issue: z.core.$ZodIssue | undefined, input: unknown): MessageRef {
  const field = issue?.path[0];
  if (!issue || field === undefined) return { id: 'lib.bookmarks.skipped.notABookmark' };
  const value = (input as Record<string, unknown>)[String(field)];
  if (field === 'url' && typeof value === 'string') {
    const fault = addressFault(value);
    if (fault.kind === 'scheme')
      return { id: 'lib.bookmarks.skipped.scheme', values: { scheme: fault.scheme } };
    if (fault.kind === 'tooLong')
      return { id: 'lib.bookmarks.skipped.addressTooLong', values: { max: fault.max } };
    return { id: 'lib.bookmarks.skipped.invalidAddress' };
  }
  const named = { field: String(field) };
  if (value === undefined) return { id: 'lib.bookmarks.skipped.missing', values: named };
  // The only refinement in the schema is that a date be one.
  if (issue.code === 'custom') return { id: 'lib.bookmarks.skipped.notADate', values: named };
  return { id: 'lib.bookmarks.skipped.badField', values: named };
}

/** "Skipped 2 that could not be read: bookmark 3 has a javascript: URL; bookmark 5 has no …" */
export function describeSkippedBookmarks(skipped: readonly SkippedBookmark[]): string {
  if (skipped.length === 0) return '';
  const SHOWN = 5;
  const named = skipped.slice(0, SHOWN).map((s) => said(s.reason, { position: s.position }));
  if (skipped.length > SHOWN)
    named.push(translate('lib.bookmarks.skipped.more', { count: skipped.length - SHOWN }));
  return translate('lib.bookmarks.skipped.summary', {
    count: skipped.length,
    lines: named.join(translate('lib.bookmarks.skipped.separator')),
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
