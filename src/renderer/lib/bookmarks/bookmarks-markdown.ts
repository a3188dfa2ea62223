import { isWebUrl } from '@shared/web-url';
import type { BookmarkRecord } from './bookmark-record';
import { translate } from '../../i18n/current-locale';

/**
 * A list to read or paste anywhere: each bookmark a linked title with its source and date, then
 * its tags and its note (quoted). Titles are escaped so they never turn into markup; a note keeps
 * its own Markdown but not raw HTML, and only its http(s) and mailto links stay links: the file
 * may be opened in any Markdown viewer, and a `javascript:` link there runs in the viewer's page.
 */
export function toMarkdown(bookmarks: readonly BookmarkRecord[], exportedAt: number): string {
  // The words are the reader's language; dates stay ISO, as every Markdown tool reads them.
  const out = [
    `# ${translate('lib.bookmarks.markdown.heading')}`,
    '',
    translate('lib.bookmarks.markdown.exported', {
      date: day(exportedAt),
      count: bookmarks.length,
    }),
    '',
  ];
  for (const bookmark of bookmarks) {
    const title = escapeMarkdown(
      oneLine(bookmark.title || bookmark.url || translate('lib.bookmarks.markdown.untitled')),
    );
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
      const tags = bookmark.tags.map((tag) => escapeMarkdown(tag)).join(', ');
      out.push(`  ${translate('lib.bookmarks.markdown.tags', { tags })}`);
    }
    const note = bookmark.note.trim();
    if (note) {
      out.push('');
      // Links are judged on the whole note: a link's target may start on the next line.
      for (const line of safeNoteLinks(note).split(/\r?\n/))
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

/**
 * An http(s) address as a Markdown link target that reads back as the same address: whatever
 * would end the target early or be read as Markdown (spaces, parentheses, brackets, angle
 * brackets, backslashes) is percent-encoded, and an `&` that would start a character reference
 * is written `&amp;`. The host is left alone: an IPv6 host keeps its brackets.
 */
export function linkTarget(url: string): string {
  const parsed = new URL(url);
  const href = parsed.href;
  const hostEnd = href.indexOf(parsed.host, parsed.protocol.length) + parsed.host.length;
  const rest = href
    .slice(hostEnd)
    .replace(/[\s()[\]<>\\"'`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;');
  return href.slice(0, hostEnd) + rest;
}

/** Only these link targets survive in a note; everything else (relative ones too) is text. */
const ALLOWED_TARGET = /^(?:https?:\/\/|mailto:)/i;

/**
 * Turns every inline link, image and reference definition in a note whose target is not
 * http(s) or mailto into plain text, by escaping the one character that makes it syntax.
 * The check is on the target as written: `javascript&#58;…` or `<javascript:…>` never starts
 * with an allowed scheme, so an obfuscated one is refused rather than decoded and judged.
 */
export function safeNoteLinks(note: string): string {
  // `[text](target)` and `![alt](target)`: without its `(` the bracket is text.
  const inline = note.replace(
    /\]\(([ \t]*(?:\r?\n)?[ \t]*)/g,
    (match, space: string, at: number) =>
      ALLOWED_TARGET.test(note.slice(at + match.length)) ? match : `]\\(${space}`,
  );
  // `[label]: target` defines a reference; one can open any block (a list item, a quote), so
  // every such pattern is judged wherever it stands, and a refused one loses its `[`. A `[`
  // already escaped (odd backslashes before it) is text and stays as it is.
  return inline.replace(
    /(\\*)\[((?:[^\]\\\n]|\\.)*)\]:([ \t]*(?:\r?\n)?[ \t]*)(\S*)/g,
    (match, slashes: string, label: string, space: string, target: string) =>
      slashes.length % 2 === 1 || ALLOWED_TARGET.test(target)
        ? match
        : `${slashes}\\[${label}]:${space}${target}`,
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
