/**
 * RSS 2.0 and 0.9x (`<rss>`) and RSS 1.0 / 0.90 (`<rdf:RDF>`): the same vocabulary, except
 * that RDF puts items and the image next to the channel instead of inside it.
 */
import type { Enclosure, ParsedFeed } from '../../../shared/feed-model';
import { fallbackTitle, type ParseContext } from './context';
import { parseDate } from '../../dates/parse-date';
import { resolveHtmlUrls } from './html-urls';
import { ItemSelection, type ItemDraft } from './item-builder';
import { isImageType, itunesImage, makeEnclosure, readMedia } from './media';
import { NS } from './namespaces';
import {
  collapseWhitespace,
  escapeHtml,
  htmlToText,
  languageTag,
  plainTitle,
} from '../../html/text';
import { looksLikeWebUrl, resolveUrl } from './urls';
import {
  childText,
  findChild,
  type NamespaceSet,
  findChildren,
  getAttribute,
  hasChildElements,
  innerMarkup,
  isNamed,
  textContent,
  type XmlElement,
} from './xml-tree';

/**
 * Reads the feed's items while the parser is still going: given each element as it ends, it
 * reads and keeps the feed's items and says so (true), so the parser drops them from the tree.
 * `readRss` then reads the channel, and any item still left in the tree, into the same
 * selection.
 */
export function rssItemTaker(
  root: XmlElement,
  format: 'rss' | 'rdf',
  selection: ItemSelection,
): (element: XmlElement, parent: XmlElement) => boolean {
  const rootNs = rootNamespaces(root, format);
  let channel: XmlElement | undefined;
  // Root children already searched for the channel: each is looked at once, however many
  // elements a hostile document puts next to it.
  let searched = 0;
  // One array per container, so the namespace lookups it keys stay cached (xml-tree.ts).
  let scope = { container: root, ns: [...rootNs, root.uri] as NamespaceSet };
  return (element, parent) => {
    if (element.local.length !== 4 || element.local.toLowerCase() !== 'item') return false;
    for (; !channel && searched < root.children.length; searched += 1) {
      const child = root.children[searched];
      if (child.kind === 'element' && isNamed(child, rootNs, 'channel')) channel = child;
    }
    const container = channel ?? root;
    if (parent !== container && parent !== root) return false;
    if (scope.container !== container) scope = { container, ns: [...rootNs, container.uri] };
    if (!isNamed(element, scope.ns, 'item')) return false;
    selection.add(readItem(element, scope.ns));
    // The item, the root's last child, leaves the tree: the search resumes where it was.
    if (parent === root) searched = Math.min(searched, root.children.length - 1);
    return true;
  };
}

export function readRss(
  root: XmlElement,
  format: 'rss' | 'rdf',
  context: ParseContext,
  selection = new ItemSelection(context.now, context.maxItems),
): ParsedFeed {
  const rootNs = rootNamespaces(root, format);
  // Some feeds have the channel as root, or items outside the channel; read what is there.
  const channel = findChild(root, rootNs, 'channel') ?? root;
  const ns: NamespaceSet = [...rootNs, channel.uri];
  // What rssItemTaker did not take already (all of them when the tree was built whole).
  const items =
    channel === root
      ? findChildren(root, ns, 'item')
      : [...findChildren(channel, ns, 'item'), ...findChildren(root, ns, 'item')];
  for (const item of items) selection.add(readItem(item, ns));
  const siteUrl =
    elementUrl(findChild(channel, ns, 'link')) ??
    atomLink(channel, 'alternate') ??
    // CDF, RSS's Microsoft precursor, links with an attribute.
    resolveUrl(getAttribute(channel, 'href'), channel.base);
  const feedUrl = atomLink(channel, 'self') ?? context.url;
  const description =
    childText(channel, ns, 'description') ??
    childText(channel, ns, 'abstract') ??
    childText(channel, NS.itunes, 'summary') ??
    childText(channel, NS.itunes, 'subtitle');
  const feed: ParsedFeed = {
    format,
    title: titleOf(channel, ns) || fallbackTitle(siteUrl, feedUrl),
    feedUrl,
    items: selection.finish(),
  };
  if (siteUrl) feed.siteUrl = siteUrl;
  if (description) feed.description = htmlToText(description);
  const language = languageTag(
    childText(channel, ns, 'language') ?? childText(channel, NS.dc, 'language') ?? channel.lang,
  );
  if (language) feed.language = language;
  const iconUrl = channelImage(channel, root, ns);
  if (iconUrl) feed.iconUrl = iconUrl;
  return feed;
}

/**
 * Generators invent default namespaces for RSS 2.0 (`xmlns="https://cyber.harvard.edu/…"`);
 * whatever the root element and the channel use counts as RSS.
 */
function rootNamespaces(root: XmlElement, format: 'rss' | 'rdf'): readonly string[] {
  return format === 'rss' ? [...NS.rss, root.uri] : NS.rss;
}

function readItem(item: XmlElement, ns: NamespaceSet): ItemDraft {
  const guidElement = findChild(item, ns, 'guid');
  const guid = guidElement && textContent(guidElement).trim();
  const about = getAttribute(item, 'about', NS.rdf)?.trim();
  const permalink =
    guidElement &&
    guid &&
    getAttribute(guidElement, 'isPermaLink')?.trim().toLowerCase() !== 'false'
      ? guid
      : undefined;
  const url =
    elementUrl(findChild(item, ns, 'link')) ??
    atomLink(item, 'alternate') ??
    resolveUrl(getAttribute(item, 'href'), item.base) ??
    (permalink && looksLikeWebUrl(permalink) ? resolveUrl(permalink, undefined) : undefined) ??
    (about && looksLikeWebUrl(about) ? resolveUrl(about, undefined) : undefined);
  const media = readMedia(item);
  const enclosures = findChildren(item, ns, 'enclosure')
    .map(readEnclosure)
    .filter((enclosure): enclosure is Enclosure => !!enclosure);
  const summary =
    htmlOf(findChild(item, ns, 'description')) ??
    htmlOf(findChild(item, NS.dc, 'description')) ??
    htmlOf(findChild(item, ns, 'abstract')) ??
    htmlOf(findChild(item, NS.itunes, 'summary')) ??
    (media.description ? escapeHtml(media.description) : undefined);
  const categories = [
    ...findChildren(item, ns, 'category').map(textContent),
    ...findChildren(item, NS.dc, 'subject').map(textContent),
    ...itunesCategories(item),
  ];
  return {
    id: guid || about,
    url,
    origLink: elementUrl(findChild(item, NS.feedburner, 'origLink')),
    title: titleOf(item, ns) || plainTitle(media.title ?? ''),
    authors: readAuthors(item, ns),
    published:
      dateOf(item, ns, 'pubDate') ??
      dateOf(item, NS.dc, 'date') ??
      dateOf(item, NS.atom, 'published') ??
      dateOf(item, NS.dc, 'issued') ??
      dateOf(item, NS.dc, 'created'),
    updated:
      dateOf(item, NS.atom, 'updated') ??
      dateOf(item, NS.dc, 'modified') ??
      parseDate(getAttribute(item, 'lastmod')),
    summary,
    // content:encoded is the standard; XHTML bodies and `fullitem` predate it.
    contentHtml:
      htmlOf(findChild(item, NS.content, 'encoded')) ??
      htmlOf(findChild(item, NS.xhtml, 'body') ?? findChild(item, ns, 'body')) ??
      htmlOf(findChild(item, ns, 'fullitem')),
    images: [...media.images, ...enclosures.filter((e) => isImageType(e.type)).map((e) => e.url)],
    enclosures: [...enclosures, ...media.enclosures],
    // Media RSS categories are often machine taxonomies; they stand in only for missing ones.
    categories: categories.some((category) => category.trim()) ? categories : media.categories,
  };
}

function titleOf(element: XmlElement, ns: NamespaceSet): string {
  return plainTitle(childText(element, ns, 'title') ?? childText(element, NS.dc, 'title') ?? '');
}

/** An RSS description or content:encoded: escaped HTML, or raw HTML a sloppy feed left in. */
function htmlOf(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  const html = hasChildElements(element)
    ? innerMarkup(element, { resolveUrls: true })
    : resolveHtmlUrls(textContent(element), element.base);
  return html.trim() || undefined;
}

function elementUrl(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  // RSS 1.0 allows the link as `rdf:resource`, and a few feeds put it in `href`.
  const value =
    textContent(element).trim() ||
    getAttribute(element, 'resource', NS.rdf) ||
    getAttribute(element, 'href');
  return resolveUrl(value, element.base);
}

function atomLink(parent: XmlElement, rel: string): string | undefined {
  for (const link of findChildren(parent, NS.atom, 'link')) {
    const linkRel = getAttribute(link, 'rel')?.trim().toLowerCase() || 'alternate';
    if (linkRel !== rel) continue;
    const url = resolveUrl(getAttribute(link, 'href'), link.base);
    if (url) return url;
  }
  return undefined;
}

function channelImage(channel: XmlElement, root: XmlElement, ns: NamespaceSet): string | undefined {
  for (const image of [...findChildren(channel, ns, 'image'), ...findChildren(root, ns, 'image')]) {
    const url = elementUrl(findChild(image, ns, 'url'));
    if (url) return url;
  }
  for (const element of [
    ...findChildren(channel, NS.itunes, 'image'),
    ...findChildren(channel, NS.itunes, 'link'),
  ]) {
    const url = itunesImage(element);
    if (url) return url;
  }
  for (const name of ['icon', 'logo']) {
    const element = findChild(channel, NS.atom, name);
    const url = element && resolveUrl(textContent(element), element.base);
    if (url) return url;
  }
  return undefined;
}

function readEnclosure(element: XmlElement): Enclosure | undefined {
  const url = resolveUrl(getAttribute(element, 'url'), element.base);
  if (!url) return undefined;
  return makeEnclosure(url, getAttribute(element, 'type'), getAttribute(element, 'length'));
}

function readAuthors(item: XmlElement, ns: NamespaceSet): string[] {
  const authors = [
    ...findChildren(item, ns, 'author').map((a) => authorName(textContent(a))),
    ...findChildren(item, NS.dc, 'creator').map((a) => authorName(textContent(a))),
    ...findChildren(item, NS.dc, 'author').map((a) => authorName(textContent(a))),
    ...findChildren(item, NS.atom, 'author').map(
      (a) => childText(a, NS.atom, 'name') ?? childText(a, NS.atom, 'email') ?? '',
    ),
  ].map(collapseWhitespace);
  if (authors.some(Boolean)) return authors;
  return findChildren(item, NS.itunes, 'author').map(textContent);
}

/**
 * RSS wants `email (Name)`; people also write `Name (email)` and `Name <email>`. The name is
 * what readers want.
 */
function authorName(text: string): string {
  const trimmed = text.trim();
  const inParentheses = /^\S+@\S+\s*\(([^)]+)\)$/.exec(trimmed);
  if (inParentheses) return inParentheses[1];
  const beforeParentheses = /^(.+?)\s*\(\s*\S+@\S+\s*\)$/.exec(trimmed);
  if (beforeParentheses) return beforeParentheses[1];
  const beforeAngle = /^(.+?)\s*<\S+@\S+>$/.exec(trimmed);
  if (beforeAngle) return beforeAngle[1].replace(/^"(.*)"$/, '$1');
  return trimmed;
}

/** iTunes categories, nested ones (subcategories) included. */
function itunesCategories(parent: XmlElement, depth = 0): string[] {
  if (depth > 2) return [];
  return findChildren(parent, NS.itunes, 'category').flatMap((category) => [
    getAttribute(category, 'text') ?? '',
    ...itunesCategories(category, depth + 1),
  ]);
}

function dateOf(item: XmlElement, ns: NamespaceSet, local: string): number | undefined {
  for (const element of findChildren(item, ns, local)) {
    const date = parseDate(textContent(element));
    if (date !== undefined) return date;
  }
  return undefined;
}
