import { isWebUrl } from '@shared/web-url';
import type { BookmarkRecord } from './bookmark-record';

/**
 * The Netscape bookmark file every browser imports. Chromium's reader goes line by line: it
 * wants the charset META on its own line, each bookmark as `<DT><A HREF="…" …>title</A>` on a
 * single line with double-quoted attributes, `<DL>`/`</DL>` at the start of their lines for
 * folders, and ADD_DATE in whole seconds. Firefox also reads TAGS (comma-separated) and the
 * `<DD>` after a link as its description, which is where the note goes.
 */
export function toNetscapeHtml(bookmarks: readonly BookmarkRecord[], exportedAt: number): string {
  const folderDate = seconds(exportedAt);
  const lines = [
    '<!DOCTYPE NETSCAPE-Bookmark-file-1>',
    '<!-- This is an automatically generated file.',
    '     It will be read and overwritten.',
    '     DO NOT EDIT! -->',
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    // Opened in a browser, the file runs nothing and loads nothing but data: images.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; img-src data: *; object-src 'none'"></meta>`,
    '<TITLE>Bookmarks</TITLE>',
    '<H1>Bookmarks</H1>',
    '<DL><p>',
    `    <DT><H3 ADD_DATE="${folderDate}" LAST_MODIFIED="${folderDate}">Broadsheet</H3>`,
    '    <DL><p>',
  ];
  for (const bookmark of bookmarks) {
    if (!bookmark.url || !isWebUrl(bookmark.url)) continue;
    const added = seconds(bookmark.bookmarkedAt);
    const tags = bookmark.tags.length > 0 ? ` TAGS="${escapeHtml(bookmark.tags.join(','))}"` : '';
    lines.push(
      `        <DT><A HREF="${escapeHtml(bookmark.url)}" ADD_DATE="${added}" LAST_MODIFIED="${added}"${tags}>${escapeHtml(oneLine(bookmark.title || bookmark.url))}</A>`,
    );
    if (bookmark.note.trim()) lines.push(`        <DD>${escapeHtml(bookmark.note.trim())}`);
  }
  lines.push('    </DL><p>', '</DL><p>', '');
  return lines.join('\n');
}

/** Escapes text and attribute values alike; the importers unescape exactly these five. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Chromium reads one bookmark per line, so a title must not break across lines. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Whole seconds since the epoch; Chromium refuses anything outside 1..2³²−1. */
function seconds(ms: number): number {
  return Math.min(Math.max(Math.floor(ms / 1000), 1), 2 ** 32 - 1);
}
