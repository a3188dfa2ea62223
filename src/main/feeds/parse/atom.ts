/** Atom 1.0 (RFC 4287), and Atom 0.3 where it differs only in names. */
import type { ParsedFeed } from '../../../shared/feed-model';
import { fallbackTitle, type ParseContext } from './context';
import { parseDate } from '../../dates/parse-date';
import { ItemSelection, type ItemDraft } from './item-builder';
import { isImageType, makeEnclosure, readMedia } from './media';
import { NS } from './namespaces';
import { readTextConstruct, textConstructHtml, textConstructPlain } from './text-construct';
import { languageTag } from '../../html/text';
import { looksLikeWebUrl, resolveUrl } from './urls';
import {
  childText,
  findChild,
  findChildren,
  getAttribute,
  inNamespace,
  isNamed,
  textContent,
  type NamespaceSet,
  type XmlElement,
} from './xml-tree';

/**
 * Reads the feed's entries while the parser is still going: given each element as it ends, it
 * reads and keeps the entries and says so (true), so the parser drops them from the tree.
 * `readAtom` then reads the feed's own elements, and any entry still left, into the same
 * selection.
 */
export function atomEntryTaker(
  root: XmlElement,
  selection: ItemSelection,
): (element: XmlElement, parent: XmlElement) => boolean {
  const ns = feedNamespaces(root);
  return (element, parent) => {
    if (parent !== root || !isNamed(element, ns, 'entry')) return false;
    selection.add(readEntry(element, ns));
    return true;
  };
}

export function readAtom(
  root: XmlElement,
  context: ParseContext,
  selection = new ItemSelection(context.now, context.maxItems),
): ParsedFeed {
  const ns = feedNamespaces(root);
  const links = readLinks(root, ns);
  const siteUrl = alternateLink(links);
  const feedUrl = links.find((link) => link.rel === 'self')?.href ?? context.url;
  // What atomEntryTaker did not take already (all of them when the tree was built whole).
  for (const entry of findChildren(root, ns, 'entry')) selection.add(readEntry(entry, ns));
  // RFC 4287 §4.2.1: an entry without an author of its own or its source's has the feed's.
  // Applied at the end: the feed's author may come after its entries.
  const feedAuthors = firstNonEmpty(readAuthors(root, ns));
  const feed: ParsedFeed = {
    format: 'atom',
    title: plainText(root, ns, 'title') || fallbackTitle(siteUrl, feedUrl),
    feedUrl,
    items: selection.finish((draft) => ({
      ...draft,
      authors: draft.authors.length ? draft.authors : feedAuthors,
      // Only an entry in another language than the feed's carries its own.
      language: draft.language === root.lang ? undefined : draft.language,
    })),
  };
  if (siteUrl) feed.siteUrl = siteUrl;
  const description = plainText(root, ns, 'subtitle') || plainText(root, ns, 'tagline');
  if (description) feed.description = description;
  const language = languageTag(root.lang);
  if (language) feed.language = language;
  const iconUrl = elementUrl(root, ns, 'icon') ?? elementUrl(root, ns, 'logo');
  if (iconUrl) feed.iconUrl = iconUrl;
  return feed;
}

/** A `<feed>` outside the Atom namespace is a broken Atom feed; read its elements as Atom. */
function feedNamespaces(root: XmlElement): NamespaceSet {
  return inNamespace(root, NS.atom) ? NS.atom : [...NS.atom, root.uri];
}

/** An entry; its authors are empty when it has to inherit the feed's (see readAtom). */
function readEntry(entry: XmlElement, ns: NamespaceSet): ItemDraft {
  const links = readLinks(entry, ns);
  const media = readMedia(entry);
  const enclosures = links
    .filter((link) => link.rel === 'enclosure')
    .map((link) => makeEnclosure(link.href, link.type, link.length));
  const source = findChild(entry, ns, 'source');
  const summary = readTextConstruct(findChild(entry, ns, 'summary'));
  const content = readTextConstruct(findChild(entry, ns, 'content'));
  const authors = firstNonEmpty(
    readAuthors(entry, ns),
    findChildren(entry, NS.dc, 'creator').map(textContent),
    // RFC 4287 §4.2.1: an entry without an author inherits its source's, then the feed's.
    source ? readAuthors(source, ns) : [],
  );
  const id = childText(entry, ns, 'id');
  return {
    id,
    // xml:lang in effect on the entry (its own, else the feed's: readAtom drops the feed's).
    language: entry.lang,
    // Entries whose link is missing often have their permalink as id (WordPress: `?p=123`).
    url:
      alternateLink(links) ?? (id && looksLikeWebUrl(id) ? resolveUrl(id, undefined) : undefined),
    origLink: elementUrl(entry, NS.feedburner, 'origLink'),
    title: plainText(entry, ns, 'title'),
    authors,
    published:
      dateOf(entry, ns, 'published') ??
      dateOf(entry, ns, 'issued') ??
      dateOf(entry, ns, 'created') ??
      dateOf(entry, NS.dc, 'date'),
    updated: dateOf(entry, ns, 'updated') ?? dateOf(entry, ns, 'modified'),
    summary:
      textConstructHtml(summary) ??
      (media.description
        ? textConstructHtml({ kind: 'text', value: media.description })
        : undefined),
    contentHtml: textConstructHtml(content),
    images: [...media.images, ...enclosures.filter((e) => isImageType(e.type)).map((e) => e.url)],
    enclosures: [...enclosures, ...media.enclosures],
    categories: [
      ...findChildren(entry, ns, 'category').map(
        (category) => getAttribute(category, 'label') || getAttribute(category, 'term') || '',
      ),
      ...findChildren(entry, NS.dc, 'subject').map(textContent),
    ],
  };
}

interface Link {
  rel: string;
  href: string;
  type?: string;
  length?: string;
}

function readLinks(parent: XmlElement, ns: NamespaceSet): Link[] {
  const links: Link[] = [];
  for (const element of findChildren(parent, ns, 'link')) {
    // Atom puts the URL in `href`; some generators write it as the element's text.
    const href = resolveUrl(getAttribute(element, 'href') ?? textContent(element), element.base);
    if (!href) continue;
    links.push({
      rel: getAttribute(element, 'rel')?.trim().toLowerCase() || 'alternate',
      href,
      type: getAttribute(element, 'type')?.trim().toLowerCase() || undefined,
      length: getAttribute(element, 'length'),
    });
  }
  return links;
}

/** The page a feed or entry stands for: an HTML alternate if there is one. */
function alternateLink(links: Link[]): string | undefined {
  const alternates = links.filter((link) => link.rel === 'alternate');
  const html = alternates.find(
    (link) => !link.type || link.type === 'text/html' || link.type === 'application/xhtml+xml',
  );
  return (html ?? alternates[0])?.href;
}

function readAuthors(parent: XmlElement, ns: NamespaceSet): string[] {
  return findChildren(parent, ns, 'author')
    .map((author) => childText(author, ns, 'name') ?? childText(author, ns, 'email') ?? '')
    .filter(Boolean);
}

function firstNonEmpty(...lists: string[][]): string[] {
  return (
    lists.map((list) => list.filter((value) => value.trim())).find((list) => list.length) ?? []
  );
}

function plainText(parent: XmlElement, ns: NamespaceSet, local: string): string {
  return textConstructPlain(readTextConstruct(findChild(parent, ns, local))) ?? '';
}

function elementUrl(parent: XmlElement, ns: NamespaceSet, local: string): string | undefined {
  const element = findChild(parent, ns, local);
  return element && resolveUrl(textContent(element), element.base);
}

function dateOf(entry: XmlElement, ns: NamespaceSet, local: string): number | undefined {
  for (const element of findChildren(entry, ns, local)) {
    const date = parseDate(textContent(element));
    if (date !== undefined) return date;
  }
  return undefined;
}
