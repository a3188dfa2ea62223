/**
 * Reads a bookmarks file the way Chromium's importer does (chrome/utility/importer/
 * bookmark_html_reader.cc): line by line, spaces trimmed, the charset from a `<META` line,
 * folders from `<DT><H3`, `<DL>`/`</DL>` at a line's start open and close them, and a bookmark
 * is a line starting `<DT><A` with `</A>` on the same line, attributes found as `NAME="`.
 * Anything it would stumble on is reported as a problem rather than guessed around.
 */
export interface ReadBookmark {
  title: string;
  href: string;
  addDate: number;
  tags?: string;
  path: string[];
}

export function readLikeChromium(html: string): {
  charset?: string;
  bookmarks: ReadBookmark[];
  problems: string[];
} {
  const problems: string[] = [];
  const bookmarks: ReadBookmark[] = [];
  const path: string[] = [];
  let pendingFolder: string | undefined;
  let charset: string | undefined;
  let depth = 0;
  for (const raw of html.split('\n')) {
    const line = raw.replace(/^ +| +$/g, '');
    if (line.startsWith('<META') && line.includes('CONTENT="')) {
      charset = /charset=([^"]*)"/.exec(line)?.[1];
      continue;
    }
    if (line.startsWith('<DT><H3')) {
      pendingFolder = unescape(
        line.slice(line.lastIndexOf('>', line.indexOf('</H3>')) + 1, line.indexOf('</H3>')),
      );
      continue;
    }
    if (line.startsWith('<DT><A')) {
      const end = line.indexOf('</A>');
      if (end < 0) {
        problems.push(`bookmark line without </A>: ${line}`);
        continue;
      }
      const tagEnd = line.lastIndexOf('>', end) + 1;
      const attributes = line.slice('<DT><A'.length, tagEnd - 1);
      const href = attribute(attributes, 'HREF');
      const addDate = attribute(attributes, 'ADD_DATE');
      if (href === undefined) problems.push(`no HREF: ${line}`);
      if (addDate === undefined || !/^\d+$/.test(addDate)) {
        problems.push(`ADD_DATE is not whole seconds: ${line}`);
      }
      bookmarks.push({
        title: unescape(line.slice(tagEnd, end)),
        href: unescape(href ?? ''),
        addDate: Number(addDate),
        tags: attribute(attributes, 'TAGS'),
        path: [...path],
      });
      continue;
    }
    if (line.startsWith('<DL>')) {
      depth++;
      if (pendingFolder !== undefined) path.push(pendingFolder);
      pendingFolder = undefined;
    } else if (line.startsWith('</DL>')) {
      depth--;
      if (depth < 0) problems.push('</DL> without <DL>');
      path.pop();
    }
  }
  if (depth !== 0) problems.push(`unbalanced <DL>: ${depth}`);
  return { charset, bookmarks, problems };
}

function attribute(list: string, name: string): string | undefined {
  const begin = list.indexOf(`${name}="`);
  if (begin < 0) return undefined;
  const end = list.indexOf('"', begin + name.length + 2);
  return end < 0 ? undefined : list.slice(begin + name.length + 2, end);
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
