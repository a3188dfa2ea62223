/**
 * A fetched document to the normalized feed model. Detects the format by the root element and
 * hands over to the reader for it. Throws only AppError: 'not-a-feed' for documents that are
 * something else (a web page, plain JSON) and 'parse' for documents that cannot be read at all.
 *
 * Content HTML is returned as published; sanitizing is a separate step.
 */
import type { ParsedFeed } from '../../../shared/feed-model';
import { AppError } from '../../../shared/result';
import { atomEntryTaker, readAtom } from './atom';
import type { ParseContext } from './context';
import { decodeFeedBytes } from './decode-feed';
import { ItemSelection } from './item-builder';
import { readJsonFeed } from './json-feed';
import { NS, WELL_KNOWN_PREFIXES } from './namespaces';
import { parseXml } from './parse-xml';
import { readRss, rssItemTaker } from './rss';
import {
  childElements,
  findChild,
  inNamespace,
  type XmlDocument,
  type XmlElement,
} from './xml-tree';

export interface ParseFeedOptions {
  /** The URL the document came from: the base for relative URLs and the default feedUrl. */
  url: string;
  /** The Content-Type header, for its charset. */
  contentType?: string;
  /** Epoch ms; dates further in the future are clamped to it. Defaults to Date.now(). */
  now?: number;
  /**
   * Keep only this many items, the newest (by published, else updated date; undated ones
   * count as newest, ties go to document order) and return them in document order. Memory
   * is bounded by it too: XML items are read and dropped from the tree as the parser closes
   * them. No cap when absent (the CLI shows a feed whole).
   */
  maxItems?: number;
}

export function parseFeed(input: string | Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const context: ParseContext = { url: options.url, now: options.now ?? Date.now() };
  if (options.maxItems !== undefined) context.maxItems = Math.max(0, Math.floor(options.maxItems));
  try {
    const text = typeof input === 'string' ? input : decodeFeedBytes(input, options.contentType);
    return parseText(text, context, options.contentType);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A bug or a pathological document: still an answer the user can read, not a stack trace.
    const detail = error instanceof Error ? error.message : String(error);
    throw new AppError('parse', 'main.feed.unreadable', { detail });
  }
}

function parseText(text: string, context: ParseContext, contentType?: string): ParsedFeed {
  const start = text.replace(/^[\uFEFF\s]+/, '');
  if (!start) throw new AppError('parse', 'main.feed.empty');
  const json = /\bjson\b/i.test(contentType ?? '') && !start.startsWith('<');
  if (json || start.startsWith('{') || start.startsWith('[')) return readJsonFeed(start, context);
  if (!start.startsWith('<')) {
    throw new AppError('parse', 'main.feed.notXmlOrJson');
  }
  // When the root says which feed this is, its items are read as the parser closes them and
  // leave the tree at once: only the newest maxItems are ever held.
  const selection = new ItemSelection(context.now, context.maxItems);
  let take: ((element: XmlElement, parent: XmlElement) => boolean) | null | undefined;
  const document = parseXml(start, {
    baseUrl: absoluteUrl(context.url),
    unboundPrefixes: WELL_KNOWN_PREFIXES,
    onElementEnd(element, parent, root) {
      if (take === undefined) take = itemTaker(root, selection) ?? null;
      return take ? take(element, parent) : false;
    },
  });
  const root = document.root;
  if (!root) throw new AppError('parse', 'main.feed.noElements');
  const feed = readFeedElement(root, context, false, selection);
  if (feed) return feed;
  // A feed wrapped in something else (seen: an XHTML page around an Atom feed).
  const nested = findFeedElement(root);
  const nestedFeed = nested && readFeedElement(nested, context, true);
  if (nestedFeed) return nestedFeed;
  throw notAFeed(document, root);
}

function readFeedElement(
  element: XmlElement,
  context: ParseContext,
  nested = false,
  selection?: ItemSelection,
): ParsedFeed | undefined {
  const kind = feedKind(element, nested);
  if (kind === 'atom') return readAtom(element, context, selection);
  if (kind) return readRss(element, kind, context, selection);
  return undefined;
}

/** The feed's item reader for the parser, when the root element is a feed. */
function itemTaker(root: XmlElement, selection: ItemSelection) {
  const kind = feedKind(root, false);
  if (kind === 'atom') return atomEntryTaker(root, selection);
  if (kind) return rssItemTaker(root, kind, selection);
  return undefined;
}

function feedKind(element: XmlElement, nested: boolean): 'rss' | 'rdf' | 'atom' | undefined {
  const name = element.local.toLowerCase();
  if (name === 'rss' || (name === 'channel' && inNamespace(element, NS.rss))) return 'rss';
  if (name === 'rdf' && (inNamespace(element, NS.rdf) || element.prefix.toLowerCase() === 'rdf')) {
    return 'rdf';
  }
  // A root `<feed>` without the Atom namespace (none, or a made-up one) is a sloppy Atom feed;
  // inside a page it could be anything.
  if (name === 'feed' && (inNamespace(element, NS.atom) || !nested)) return 'atom';
  return undefined;
}

const SEARCH_LIMIT = 10_000;

function findFeedElement(root: XmlElement): XmlElement | undefined {
  const queue = childElements(root);
  for (let index = 0; index < queue.length && index < SEARCH_LIMIT; index += 1) {
    const element = queue[index];
    const name = element.local.toLowerCase();
    if (
      (name === 'feed' && inNamespace(element, NS.atom)) ||
      (name === 'rss' && findChild(element, NS.rss, 'channel'))
    ) {
      return element;
    }
    queue.push(...childElements(element));
  }
  return undefined;
}

function notAFeed(document: XmlDocument, root: XmlElement): AppError {
  const found = `<${root.name.toLowerCase()}>`;
  const isWebPage =
    ['html', 'head', 'body'].includes(root.local.toLowerCase()) ||
    /^html\b/i.test(document.doctype ?? '');
  return new AppError('not-a-feed', isWebPage ? 'main.feed.webPage' : 'main.feed.otherXml', {
    found,
  });
}

function absoluteUrl(url: string): string | undefined {
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}
