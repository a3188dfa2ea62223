/**
 * A small namespace-aware element tree (built by parse-xml.ts) and the queries the format
 * readers make of it.
 */
import { escapeText } from '../../html/entities';

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

/** A namespace URI or a list of acceptable spellings of it. */
export type NamespaceSet = string | readonly string[];

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

// HTML void elements that sloppy feeds embed unescaped and unclosed (`<br>`); the forgiving
// parser would nest everything after them inside them, so their content goes to the parent.
// Only names that no feed vocabulary uses unprefixed (RSS has `source`, `link`, `image`).
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
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
  const name = element.local;
  // Cheap rejections first: this runs for every child of every element a reader looks into.
  if (name.length !== local.length) return false;
  if (name !== local && name.toLowerCase() !== local.toLowerCase()) return false;
  return inNamespace(element, ns);
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element');
}

export function findChildren(element: XmlElement, ns: NamespaceSet, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  for (const child of element.children) {
    if (child.kind === 'element' && isNamed(child, ns, local)) found.push(child);
  }
  return found;
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

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
