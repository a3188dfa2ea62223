/**
 * A small namespace-aware element tree built with sax in its forgiving (non-strict) mode, so
 * slightly broken real-world feeds still parse.
 *
 * Security: sax never fetches anything, keeps a DOCTYPE's internal subset as an opaque string
 * and never expands the entities it declares (an entity bomb stays a literal `&lol9;`).
 * Only the XML entities, numeric references and sax's built-in HTML entity table decode.
 */
import sax from 'sax';
import type { QualifiedAttribute, QualifiedTag } from 'sax';

export interface XmlText {
  readonly kind: 'text';
  value: string;
}

export interface XmlAttribute {
  /** Qualified name as written in the document, e.g. `isPermaLink` or `rdf:about`. */
  name: string;
  local: string;
  prefix: string;
  uri: string;
  value: string;
}

export interface XmlElement {
  readonly kind: 'element';
  /** Qualified name as written in the document, e.g. `content:encoded`. */
  name: string;
  /** Local name as written; compare it case-insensitively, feeds are sloppy about case. */
  local: string;
  prefix: string;
  /** Namespace URI, '' when none. Compare it with `inNamespace`, which is forgiving. */
  uri: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** Absolute base URL in effect here: the document URL, overridden by any `xml:base`. */
  base?: string;
  /** `xml:lang` in effect here. */
  lang?: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  root?: XmlElement;
  /** The DOCTYPE declaration's text, e.g. `html`, when the document has one. */
  doctype?: string;
}

export interface ParseXmlOptions {
  /** Absolute URL of the document, the base that `xml:base` values are resolved against. */
  baseUrl?: string;
  /** Namespace URIs for prefixes that a document uses without declaring them. */
  unboundPrefixes?: Readonly<Record<string, string>>;
}

/** A namespace URI or a list of acceptable spellings of it. */
export type NamespaceSet = string | readonly string[];

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

// Deeper than any feed needs; past it elements are dropped (their text is kept) so a hostile
// document cannot make the recursive readers below overflow the stack.
const MAX_DEPTH = 256;

// HTML void elements that sloppy feeds embed unescaped and unclosed (`<br>`); the forgiving
// parser would nest everything after them inside them, so their content goes to the parent.
// Only names that no feed vocabulary uses unprefixed (RSS has `source`, `link`, `image`).
const VOID_ELEMENTS = new Set([
  'area',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'param',
  'track',
  'wbr',
]);

interface Frame {
  /** Where text and child elements go while this element is open. */
  container: XmlElement;
  /** Nesting depth of the container in the tree. */
  depth: number;
  base?: string;
  lang?: string;
}

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlDocument {
  const source = stripPreamble(text);
  const parser = sax.parser(false, {
    xmlns: true,
    lowercase: true,
    noscript: true,
    position: true,
  });
  const document: XmlDocument = {};
  const stack: Frame[] = [];
  const unbound = options.unboundPrefixes ?? {};

  parser.ondoctype = (doctype) => {
    document.doctype = doctype.trim();
  };

  parser.onopentag = (node) => {
    const tag = node as QualifiedTag;
    const parent = stack.at(-1);
    const raw = source.slice(parser.startTagPosition - 1, parser.position);
    const names = originalNames(raw);
    const attributes = readAttributes(tag, names.attributes, unbound);
    const base = resolveBase(attributes, parent ? parent.base : options.baseUrl);
    const lang = findXmlAttribute(attributes, 'lang')?.trim() || parent?.lang;
    const depth = (parent?.depth ?? 0) + 1;
    if (parent && depth > MAX_DEPTH) {
      stack.push({ container: parent.container, depth: parent.depth, base, lang });
      return;
    }
    const name = names.tag.toLowerCase() === tag.name ? names.tag : tag.name;
    const colon = name.indexOf(':');
    const element: XmlElement = {
      kind: 'element',
      name,
      local: colon >= 0 ? name.slice(colon + 1) : name,
      prefix: colon >= 0 ? name.slice(0, colon) : '',
      uri: resolveUnbound(tag.prefix, tag.uri, unbound),
      attributes,
      children: [],
      base,
      lang,
    };
    if (parent) parent.container.children.push(element);
    else if (!document.root) document.root = element;
    const html = element.uri === '' || inNamespace(element, XHTML_NS);
    if (parent && html && VOID_ELEMENTS.has(element.local.toLowerCase())) {
      stack.push({ container: parent.container, depth: parent.depth, base, lang });
    } else {
      stack.push({ container: element, depth, base, lang });
    }
  };

  parser.onclosetag = () => {
    stack.pop();
  };

  const appendText = (value: string) => {
    const frame = stack.at(-1);
    if (!frame || !value) return;
    const children = frame.container.children;
    const last = children.at(-1);
    if (last?.kind === 'text') last.value += value;
    else children.push({ kind: 'text', value });
  };
  parser.ontext = appendText;
  parser.oncdata = appendText;

  parser.onerror = () => {
    // Forgiving mode only reports a truncated document, whose elements so far are kept, and
    // sax's 64 KiB cap on one name or value, which it checks only between writes: with the
    // whole document in one write that means the document ended inside such a part.
    parser.resume();
  };

  parser.write(source).close();
  return document;
}

function stripPreamble(text: string): string {
  // A BOM or stray whitespace before `<?xml` makes strict XML parsers give up; skip them.
  return text.replace(/^[\uFEFF\s]+/, '');
}

/** The tag and attribute names in their original case, which forgiving sax lowercases. */
function originalNames(raw: string): { tag: string; attributes: Map<string, string> } {
  const attributes = new Map<string, string>();
  const match = /^<\s*([^\s/>]+)/.exec(raw);
  if (!match) return { tag: '', attributes };
  let index = match[0].length;
  while (index < raw.length) {
    const name = /^[\s/]*([^\s=/>"']+)\s*/.exec(raw.slice(index, index + 1024));
    if (!name) break;
    attributes.set(name[1].toLowerCase(), name[1]);
    index += name[0].length;
    if (raw[index] !== '=') continue;
    index += 1;
    while (/\s/.test(raw[index] ?? '')) index += 1;
    const quote = raw[index];
    if (quote === '"' || quote === "'") {
      const end = raw.indexOf(quote, index + 1);
      index = end < 0 ? raw.length : end + 1;
    } else {
      while (index < raw.length && !/[\s>]/.test(raw[index])) index += 1;
    }
  }
  return { tag: match[1], attributes };
}

function readAttributes(
  tag: QualifiedTag,
  originals: Map<string, string>,
  unbound: Readonly<Record<string, string>>,
): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  for (const attribute of Object.values(tag.attributes) as QualifiedAttribute[]) {
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    const name = originals.get(attribute.name) ?? attribute.name;
    const colon = name.indexOf(':');
    attributes.push({
      name,
      local: colon >= 0 ? name.slice(colon + 1) : name,
      prefix: colon >= 0 ? name.slice(0, colon) : '',
      uri: resolveUnbound(attribute.prefix, attribute.uri, unbound),
      value: attribute.value,
    });
  }
  return attributes;
}

function resolveUnbound(
  prefix: string,
  uri: string,
  unbound: Readonly<Record<string, string>>,
): string {
  // Forgiving sax reports an undeclared prefix as its own namespace URI.
  if (!prefix || uri !== prefix) return uri;
  return Object.hasOwn(unbound, prefix) ? unbound[prefix] : uri;
}

function findXmlAttribute(attributes: XmlAttribute[], local: string): string | undefined {
  return attributes.find((a) => a.uri === XML_NS && a.local.toLowerCase() === local)?.value;
}

function resolveBase(attributes: XmlAttribute[], parentBase: string | undefined) {
  const declared = findXmlAttribute(attributes, 'base')?.trim();
  if (!declared) return parentBase;
  try {
    return new URL(declared, parentBase).href;
  } catch {
    return parentBase;
  }
}

const namespaceKeys = new Map<string, string>();
const namespaceSets = new WeakMap<readonly string[], Set<string>>();

/**
 * Namespace URIs are case-sensitive strings by the book, but feeds misspell them in harmless
 * ways (https, a missing trailing slash, upper case); the key ignores those differences.
 */
export function namespaceKey(uri: string): string {
  let key = namespaceKeys.get(uri);
  if (key === undefined) {
    key = uri
      .trim()
      .toLowerCase()
      .replace(/^https:/, 'http:')
      .replace(/[/#]+$/, '');
    if (namespaceKeys.size < 1000) namespaceKeys.set(uri, key);
  }
  return key;
}

export function inNamespace(node: { uri: string }, ns: NamespaceSet): boolean {
  const key = namespaceKey(node.uri);
  if (typeof ns === 'string') return key === namespaceKey(ns);
  let keys = namespaceSets.get(ns);
  if (!keys) {
    keys = new Set(ns.map(namespaceKey));
    namespaceSets.set(ns, keys);
  }
  return keys.has(key);
}

export function isNamed(element: XmlElement, ns: NamespaceSet, local: string): boolean {
  return element.local.toLowerCase() === local.toLowerCase() && inNamespace(element, ns);
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element');
}

export function findChildren(element: XmlElement, ns: NamespaceSet, local: string): XmlElement[] {
  return childElements(element).filter((child) => isNamed(child, ns, local));
}

export function findChild(
  element: XmlElement,
  ns: NamespaceSet,
  local: string,
): XmlElement | undefined {
  return element.children.find(
    (child): child is XmlElement => child.kind === 'element' && isNamed(child, ns, local),
  );
}

/** Trimmed text of the first such child that has any, else undefined. */
export function childText(
  element: XmlElement,
  ns: NamespaceSet,
  local: string,
): string | undefined {
  for (const child of findChildren(element, ns, local)) {
    const text = textContent(child).trim();
    if (text) return text;
  }
  return undefined;
}

/** An attribute by local name (case-insensitive); `ns` '' means an unprefixed attribute. */
export function getAttribute(
  element: XmlElement,
  local: string,
  ns: NamespaceSet = '',
): string | undefined {
  const wanted = local.toLowerCase();
  return element.attributes.find((a) => a.local.toLowerCase() === wanted && inNamespace(a, ns))
    ?.value;
}

/** All text inside the element, CDATA included, markup dropped. */
export function textContent(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    text += child.kind === 'text' ? child.value : textContent(child);
  }
  return text;
}

export function hasChildElements(element: XmlElement): boolean {
  return element.children.some((child) => child.kind === 'element');
}

// HTML elements that have no closing tag.
const HTML_VOID = new Set([...VOID_ELEMENTS, 'base', 'link', 'meta', 'source']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'background']);

export interface MarkupOptions {
  /** Make `href`/`src`-like attributes absolute against each element's base. */
  resolveUrls?: boolean;
}

/**
 * The element's content as HTML markup: for Atom `xhtml` content and for HTML that a sloppy
 * feed embedded without escaping it. Namespace declarations are dropped, `xml:lang` becomes
 * `lang`, and XHTML elements lose their prefix so an HTML parser reads them as HTML.
 */
export function innerMarkup(element: XmlElement, options: MarkupOptions = {}): string {
  let html = '';
  for (const child of element.children) {
    html += child.kind === 'text' ? escapeText(child.value) : outerMarkup(child, options);
  }
  return html;
}

function outerMarkup(element: XmlElement, options: MarkupOptions): string {
  const plain = element.uri === '' || inNamespace(element, XHTML_NS) || !element.prefix;
  const name = plain ? element.local : `${element.prefix}:${element.local}`;
  let html = `<${name}`;
  for (const attribute of element.attributes) {
    let attributeName = attribute.name;
    let value = attribute.value;
    if (attribute.uri === XML_NS) {
      if (attribute.local.toLowerCase() !== 'lang') continue;
      attributeName = 'lang';
    }
    if (
      options.resolveUrls &&
      !attribute.prefix &&
      URL_ATTRIBUTES.has(attributeName.toLowerCase())
    ) {
      value = resolveAgainst(value, element.base);
    }
    html += ` ${attributeName}="${escapeAttribute(value)}"`;
  }
  html += '>';
  if (plain && HTML_VOID.has(element.local.toLowerCase()) && !hasChildElements(element)) {
    return html;
  }
  return `${html}${innerMarkup(element, options)}</${name}>`;
}

function resolveAgainst(value: string, base: string | undefined): string {
  const trimmed = value.trim();
  if (!base || !trimmed || trimmed.startsWith('#')) return value;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return value;
  }
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Sax's entity table: the XML entities plus the HTML 4 named entities. */
export function namedEntities(): Readonly<Record<string, string>> {
  entities ??= new sax.SAXParser(false).ENTITIES;
  return entities;
}
let entities: Readonly<Record<string, string>> | undefined;
