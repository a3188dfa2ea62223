import { isWebUrl } from '@shared/web-url';
import type { BookmarkRecord } from './bookmark-record';
import { escapeMarkdown, linkTarget, safeNoteLinks } from './bookmarks-markdown';
import { translate } from '../../i18n/current-locale';

/**
 * One Markdown file per bookmarked article, for a notes app's vault (Obsidian, Logseq): YAML
 * front matter (title, source, url, dates, tags as a list) that both read as page properties,
 * then the title, the article's note, and each highlight as a `>` quote followed by its note.
 * Quotes are article text, so they are escaped to stay text; notes keep their own Markdown
 * without raw HTML or links other than http(s) and mailto, as in the bookmarks Markdown.
 */
export interface MarkdownFile {
  name: string;
  text: string;
}

export function toArticleMarkdownFiles(bookmarks: readonly BookmarkRecord[]): MarkdownFile[] {
  const used = new Set<string>();
  return bookmarks.map((bookmark) => ({
    name: uniqueName(fileName(bookmark), used),
    text: articleMarkdown(bookmark),
  }));
}

export function articleMarkdown(bookmark: BookmarkRecord): string {
  const title = oneLine(
    bookmark.title || bookmark.url || translate('lib.bookmarks.markdown.untitled'),
  );
  const url = bookmark.url && isWebUrl(bookmark.url) ? bookmark.url : undefined;
  const out = [
    '---',
    `title: ${yamlString(title)}`,
    `source: ${yamlString(oneLine(bookmark.source))}`,
    ...(url ? [`url: ${yamlString(url)}`] : []),
    `published: ${day(bookmark.publishedAt)}`,
    `bookmarked: ${day(bookmark.bookmarkedAt)}`,
    // Obsidian's tags hold no spaces; a space becomes a hyphen there (and here, for both).
    `tags: [${bookmark.tags.map((tag) => yamlString(tag.replace(/\s+/g, '-'))).join(', ')}]`,
    '---',
    '',
    `# ${escapeMarkdown(title)}`,
    '',
    [
      bookmark.source && escapeMarkdown(oneLine(bookmark.source)),
      url && `[${escapeMarkdown(url)}](${linkTarget(url)})`,
      day(bookmark.publishedAt),
    ]
      .filter(Boolean)
      .join(' · '),
    '',
  ];
  const note = bookmark.note.trim();
  if (note) out.push(cleanNote(note), '');
  const highlights = bookmark.highlights ?? [];
  if (highlights.length > 0) {
    out.push(`## ${translate('lib.bookmarks.markdown.highlights')}`, '');
    for (const highlight of highlights) {
      for (const line of highlight.quote.split(/\r?\n/))
        out.push(`> ${escapeMarkdown(line)}`.trimEnd());
      out.push('');
      const said = highlight.note.trim();
      if (said) out.push(cleanNote(said), '');
    }
  }
  return out.join('\n');
}

function cleanNote(note: string): string {
  return safeNoteLinks(note).replace(/</g, '&lt;');
}

/** JSON's double-quoted strings are YAML's too (same escapes), so a title can hold anything. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A name every file system takes: the title without characters Windows, macOS or a vault
 * refuse (`\ / : * ? " < > | # ^ [ ]`), trimmed to 80 characters, never empty, never a
 * reserved Windows device name.
 */
function fileName(bookmark: BookmarkRecord): string {
  const untitled = translate('lib.bookmarks.markdown.untitled');
  let base = oneLine(bookmark.title || untitled)
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|#^[\]\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 80)
    .trim();
  if (!base) base = untitled;
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base))
    base = translate('lib.bookmarks.markdown.reservedName', { name: base });
  return base;
}

function uniqueName(base: string, used: Set<string>): string {
  let name = `${base}.md`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n}).md`;
  used.add(name.toLowerCase());
  return name;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
