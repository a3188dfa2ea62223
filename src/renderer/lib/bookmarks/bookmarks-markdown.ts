import { isWebUrl, type BookmarkRecord } from './bookmark-record';

/**
 * A list to read or paste anywhere: each bookmark a linked title with its source and date, then
 * its tags and its note (quoted). Titles are escaped so they never turn into markup; a note keeps
 * its own Markdown but not raw HTML.
 */
export function toMarkdown(bookmarks: readonly BookmarkRecord[], exportedAt: number): string {
  const count = `${bookmarks.length} ${bookmarks.length === 1 ? 'bookmark' : 'bookmarks'}`;
  const out = ['# Broadsheet bookmarks', '', `Exported ${day(exportedAt)} · ${count}`, ''];
  for (const bookmark of bookmarks) {
    const title = escapeMarkdown(oneLine(bookmark.title || bookmark.url || 'Untitled'));
    const link =
      bookmark.url && isWebUrl(bookmark.url) ? `[${title}](${linkTarget(bookmark.url)})` : title;
    const about = [
      bookmark.source && escapeMarkdown(oneLine(bookmark.source)),
      day(bookmark.publishedAt),
    ]
      .filter(Boolean)
      .join(' · ');
    out.push(`- ${link} — ${about}`);
    if (bookmark.tags.length > 0) {
      out.push(`  Tags: ${bookmark.tags.map((tag) => escapeMarkdown(tag)).join(', ')}`);
    }
    const note = bookmark.note.trim();
    if (note) {
      out.push('');
      for (const line of note.split(/\r?\n/))
        out.push(`  > ${line.replace(/</g, '&lt;')}`.trimEnd());
    }
    out.push('');
  }
  return out.join('\n');
}

/** Backslash-escapes every character Markdown could read as syntax. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

/** Parentheses and spaces would end the link target early. */
function linkTarget(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
