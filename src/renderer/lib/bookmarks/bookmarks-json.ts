import { z } from 'zod';
import { isWebUrl, MAX_NOTE_LENGTH, type BookmarkRecord } from './bookmark-record';

/**
 * Broadsheet's bookmark file, version 1:
 *
 * ```json
 * { "format": "broadsheet-bookmarks", "version": 1, "exportedAt": "2026-11-27T21:00:00.000Z",
 *   "bookmarks": [{ "id": "feed|guid", "url": "https://…", "title": "…", "source": "Feed name",
 *     "publishedAt": "<ISO 8601>", "bookmarkedAt": "<ISO 8601>", "tags": ["…"], "note": "…" }] }
 * ```
 *
 * `url` is null for articles imported from files. Readers ignore keys they do not know, so a
 * later version may add some; a change that old readers would misread bumps `version`.
 */
export const BOOKMARKS_FORMAT = 'broadsheet-bookmarks';
export const BOOKMARKS_VERSION = 1;
/** A bookmarks file larger than this is refused before it is read. */
export const MAX_BOOKMARKS_FILE_BYTES = 20 * 1024 * 1024;
const MAX_BOOKMARKS = 100_000;

export class BookmarkFileError extends Error {}

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
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isoDate = z
  .string()
  .max(64)
  .refine((value) => Number.isFinite(Date.parse(value)), 'is not a date');

const bookmarkSchema = z.object({
  id: z.string().min(1).max(4096).optional(),
  url: z.string().max(8192).refine(isWebUrl, 'is not a web address').nullable(),
  title: z.string().max(2000),
  source: z.string().max(1000).default(''),
  publishedAt: isoDate.optional(),
  bookmarkedAt: isoDate,
  tags: z.array(z.string().max(200)).max(100).default([]),
  note: z.string().max(MAX_NOTE_LENGTH).default(''),
});

const fileSchema = z.object({
  bookmarks: z.array(bookmarkSchema).max(MAX_BOOKMARKS),
});

/** Refuses a file too big to be a bookmarks file before any of it is read. */
export function checkBookmarksFileSize(bytes: number): void {
  if (bytes <= MAX_BOOKMARKS_FILE_BYTES) return;
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  throw new BookmarkFileError(
    `This file is too big (${mb(bytes)} MB); a bookmarks file may be at most ${mb(MAX_BOOKMARKS_FILE_BYTES)} MB.`,
  );
}

/**
 * Reads a bookmarks file, or throws a BookmarkFileError that says what is wrong with it in
 * words a reader can act on. Nothing is written until the whole file has passed.
 */
export function parseBookmarksJson(text: string): BookmarkRecord[] {
  let data: unknown;
  try {
    // Editors on Windows like to start a UTF-8 file with a byte-order mark; JSON.parse does not.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BookmarkFileError('This file is not JSON, so it cannot be a bookmarks file.');
  }
  const head = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (head.format !== BOOKMARKS_FORMAT) {
    throw new BookmarkFileError(
      'This is not a Broadsheet bookmarks file (it should say "format": "broadsheet-bookmarks").',
    );
  }
  if (head.version !== BOOKMARKS_VERSION) {
    throw new BookmarkFileError(
      typeof head.version === 'number' && head.version > BOOKMARKS_VERSION
        ? `This bookmarks file is version ${head.version}, made by a newer Broadsheet; this one reads version ${BOOKMARKS_VERSION}.`
        : `This bookmarks file has an unknown version (${JSON.stringify(head.version ?? null)}).`,
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) throw new BookmarkFileError(describeIssue(parsed.error.issues[0]));
  return parsed.data.bookmarks.map((b) => {
    const bookmarkedAt = Date.parse(b.bookmarkedAt);
    return {
      id: b.id,
      url: b.url,
      title: b.title,
      source: b.source,
      publishedAt: b.publishedAt ? Date.parse(b.publishedAt) : bookmarkedAt,
      bookmarkedAt,
      tags: b.tags,
      note: b.note,
    };
  });
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'This bookmarks file is damaged.';
  const [list, index, field] = issue.path;
  if (list !== 'bookmarks') return 'This bookmarks file has no list of bookmarks.';
  if (index === undefined) {
    return issue.code === 'too_big'
      ? `This file holds more than ${MAX_BOOKMARKS.toLocaleString('en')} bookmarks.`
      : 'This bookmarks file has no list of bookmarks.';
  }
  const which = `Bookmark ${Number(index) + 1}`;
  if (field === undefined) return `${which} is not a bookmark.`;
  const what =
    issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
  return `${which}: “${String(field)}” ${what}.`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
