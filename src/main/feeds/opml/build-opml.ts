/**
 * Folders of feeds to an OPML 2.0 subscription list, for export. Every feed is written with
 * both `text` and `title` (readers disagree on which they read) and `type="rss"`, which the
 * spec uses for every feed format.
 */
import type { OpmlFeed, OpmlFolder } from '../../../shared/contract';
import { MAX_FOLDER_DEPTH } from './opml-limits';

const INDENT = '  ';

export function buildOpml(title: string, root: OpmlFolder, now: Date): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${rfc822(now)}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  writeFolderContents(lines, root, 1);
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}

/** `depth` is the folder depth of the outlines written here: 1 for the top level. */
function writeFolderContents(lines: string[], folder: OpmlFolder, depth: number): void {
  const indent = INDENT.repeat(depth + 1);
  for (const feed of folder.feeds) lines.push(indent + feedOutline(feed));
  for (const child of folder.folders) {
    const name = `text="${escapeXml(child.title)}" title="${escapeXml(child.title)}"`;
    if (depth > MAX_FOLDER_DEPTH) {
      // Deeper than an import would keep as folders: keep the feeds, one level up.
      for (const feed of feedsWithin(child)) lines.push(indent + feedOutline(feed));
    } else if (!child.feeds.length && !child.folders.length) {
      lines.push(`${indent}<outline ${name}/>`);
    } else {
      lines.push(`${indent}<outline ${name}>`);
      writeFolderContents(lines, child, depth + 1);
      lines.push(`${indent}</outline>`);
    }
  }
}

function feedOutline(feed: OpmlFeed): string {
  const title = escapeXml(feed.title);
  const html = feed.htmlUrl ? ` htmlUrl="${escapeXml(feed.htmlUrl)}"` : '';
  return `<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeXml(feed.xmlUrl)}"${html}/>`;
}

/** Every feed in a folder and its subfolders, without recursion (the tree may be deep). */
function feedsWithin(folder: OpmlFolder): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  const pending = [folder];
  for (let next = pending.pop(); next; next = pending.pop()) {
    feeds.push(...next.feeds);
    pending.push(...[...next.folders].reverse());
  }
  return feeds;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Attribute values are whitespace-normalized by XML readers; character references survive.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Text safe in element content and double-quoted attributes of an XML 1.0 document. */
function escapeXml(value: string): string {
  return (
    value
      // Characters XML 1.0 cannot carry at all, including halves of broken surrogate pairs.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/[&<>"\t\n\r]/g, (char) => ESCAPES[char] ?? char)
  );
}

/** RFC 822 (as RFC 1123 spells it, with a four-digit year), which OPML 2.0 asks for. */
function rfc822(date: Date): string {
  const valid = Number.isNaN(date.getTime()) ? new Date(0) : date;
  return valid.toUTCString();
}
