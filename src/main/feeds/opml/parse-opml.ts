/**
 * An OPML subscription list to folders of feeds, for import. Lenient the way real exports
 * need: broken XML is repaired first (repair-markup.ts), attribute names are matched in any
 * case, titles fall back from `title` to `text` to the feed's host, `feed://` addresses are
 * read as http. Every outline that cannot become a feed is reported as a problem, except plain
 * folders and outlines that say nothing at all.
 */
import type { OpmlFeed, OpmlFolder, OpmlParseResult } from '../../../shared/contract';
import { englishText } from '../../../shared/main-text';
import { AppError, type MainMessageId, type MainValues } from '../../../shared/result';
import { MAX_OPML_CHARS, MAX_OUTLINES, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from './opml-limits';
import { readOutlines, type OutlineNode } from './read-outlines';
import { repairMarkup } from './repair-markup';
import { parseWebUrl } from '../../../shared/web-url';

type Problem = OpmlParseResult['problems'][number];

/** A problem with an outline, said in English and as one of main's messages. */
function problem(outline: string, id: MainMessageId, values?: MainValues): Problem {
  return {
    outline,
    reason: englishText(id, values),
    text: values ? { id, values } : { id },
  };
}

/** Outline types that name something other than a feed, even when an xmlUrl is present. */
const LIST_TYPES = new Set(['include', 'source']);
const MAX_LABEL = 80;

interface Context {
  seen: Set<string>;
  problems: Problem[];
}

export function parseOpml(text: string): OpmlParseResult {
  if (text.length > MAX_OPML_CHARS) {
    throw new AppError('too-large', 'main.opml.tooLarge');
  }
  const start = text.replace(/^[\uFEFF\s]+/, '');
  if (!start) {
    throw new AppError('parse', 'main.opml.empty');
  }
  const document = readOutlines(repairMarkup(start));
  const title = document.title === undefined ? '' : cleanText(document.title);
  const root: OpmlFolder = { title, feeds: [], folders: [] };
  const context: Context = { seen: new Set(), problems: [] };
  addOutlines(document.outlines, root, context);
  if (document.truncated) {
    context.problems.push({
      ...problem(englishText('main.opml.restOfList'), 'main.opml.truncated', {
        max: MAX_OUTLINES,
      }),
      outlineText: { id: 'main.opml.restOfList' },
    });
  }
  return { ...(title ? { title } : {}), root, problems: context.problems };
}

/** Recursion depth is bounded: the reader never nests outlines deeper than the folder cap. */
function addOutlines(outlines: OutlineNode[], folder: OpmlFolder, context: Context): void {
  for (const outline of outlines) addOutline(outline, folder, context);
}

function addOutline(outline: OutlineNode, folder: OpmlFolder, context: Context): void {
  const attributes = outline.attributes;
  const name = cleanText(attribute(outline, 'title') || attribute(outline, 'text'));
  const xmlUrl = attribute(outline, 'xmlurl').trim();
  const type = attribute(outline, 'type').trim().toLowerCase();

  if (xmlUrl) {
    addFeed(outline, name, xmlUrl, type, folder, context);
    // A feed with outlines inside it is not a folder; its outlines still belong to the list.
    addOutlines(outline.children, folder, context);
    return;
  }
  if (outline.children.length) {
    if (!name) {
      // A folder without a name carries nothing but its contents.
      addOutlines(outline.children, folder, context);
      return;
    }
    const child: OpmlFolder = { title: name, feeds: [], folders: [] };
    folder.folders.push(child);
    addOutlines(outline.children, child, context);
    return;
  }
  // Nothing to import: a folder too deep to keep (its contents are already beside it), or an
  // outline that says nothing at all.
  if (outline.tooDeep || !hasContent(attributes)) return;
  const url = attribute(outline, 'url').trim();
  if (LIST_TYPES.has(type) || (type === 'link' && url)) {
    context.problems.push(
      url
        ? problem(label(outline, name), 'main.opml.listLinkAt', { url: shorten(url, 100) })
        : problem(label(outline, name), 'main.opml.listLink'),
    );
    return;
  }
  if (looksLikeFeed(outline, type)) {
    context.problems.push(problem(label(outline, name), 'main.opml.noXmlUrl'));
    return;
  }
  // Only a name: an empty folder, as readers export them.
  if (name) folder.folders.push({ title: name, feeds: [], folders: [] });
  else context.problems.push(problem(label(outline, name), 'main.opml.noXmlUrl'));
}

function addFeed(
  outline: OutlineNode,
  name: string,
  xmlUrl: string,
  type: string,
  folder: OpmlFolder,
  context: Context,
): void {
  const outlineLabel = label(outline, name);
  if (LIST_TYPES.has(type)) {
    context.problems.push(
      problem(outlineLabel, 'main.opml.listLinkAt', { url: shorten(xmlUrl, 100) }),
    );
    return;
  }
  const url = webUrl(xmlUrl);
  if (!url) {
    context.problems.push(
      problem(outlineLabel, 'main.opml.notWebAddress', { url: shorten(xmlUrl, 100) }),
    );
    return;
  }
  if (url.href.length > MAX_URL_LENGTH) {
    context.problems.push(problem(outlineLabel, 'main.opml.addressTooLong'));
    return;
  }
  if (context.seen.has(url.href)) {
    context.problems.push(problem(outlineLabel, 'main.opml.listedTwice'));
    return;
  }
  context.seen.add(url.href);
  const feed: OpmlFeed = { title: name || url.host, xmlUrl: url.href };
  const htmlUrl = webUrl(attribute(outline, 'htmlurl').trim());
  if (htmlUrl && htmlUrl.href.length <= MAX_URL_LENGTH) feed.htmlUrl = htmlUrl.href;
  folder.feeds.push(feed);
}

function attribute(outline: OutlineNode, name: string): string {
  return outline.attributes.get(name) ?? '';
}

function hasContent(attributes: Map<string, string>): boolean {
  for (const value of attributes.values()) if (value.trim()) return true;
  return false;
}

/** Says it is a feed (or points at a site) but gives no feed address. */
function looksLikeFeed(outline: OutlineNode, type: string): boolean {
  return (
    outline.attributes.has('xmlurl') ||
    attribute(outline, 'htmlurl').trim() !== '' ||
    attribute(outline, 'url').trim() !== '' ||
    ['rss', 'atom', 'pie', 'feed', 'rdf', 'json'].includes(type)
  );
}

/**
 * An http(s) URL, or undefined. `feed://host/…` and `feed:https://…` are the old feed
 * schemes some lists still carry; a bare `host.tld/path` is read as http.
 */
function webUrl(value: string): URL | undefined {
  if (!value) return undefined;
  let candidate = value;
  if (/^feed:\/\//i.test(candidate)) candidate = `http://${candidate.slice('feed://'.length)}`;
  else if (/^feed:https?:/i.test(candidate)) candidate = candidate.slice('feed:'.length);
  else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/|$)/i.test(candidate)) {
    candidate = `http://${candidate}`;
  }
  return parseWebUrl(candidate);
}

/** What a problem calls the outline: its name, else an address in it, else its attributes. */
function label(outline: OutlineNode, name: string): string {
  if (name) return shorten(name, MAX_LABEL);
  for (const key of ['xmlurl', 'htmlurl', 'url']) {
    const value = cleanText(attribute(outline, key));
    if (value) return shorten(value, MAX_LABEL);
  }
  const pairs = [...outline.attributes]
    .filter(([, value]) => value.trim())
    .map(([key, value]) => `${key}="${cleanText(value)}"`);
  return shorten(`<outline ${pairs.join(' ')}>`, MAX_LABEL);
}

/** One line of plain text: no control characters, whitespace runs collapsed, bounded length. */
function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return shorten(text.replace(/\s+/g, ' ').trim(), MAX_TITLE_LENGTH);
}

/** At most `max` UTF-16 units (what the contract counts), never splitting a surrogate pair. */
function shorten(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  if (/[\uDC00-\uDFFF]/.test(value[end])) end -= 1;
  return `${value.slice(0, end)}…`;
}
