/**
 * Builds the namespace-aware element tree of xml-tree.ts from the forgiving tokenizer, so
 * slightly broken real-world feeds still parse: end tags close whatever they match further up
 * (an unmatched one is text), and elements left open at the end are kept.
 *
 * Security: nothing is fetched, and the entities a DOCTYPE declares are never expanded (an
 * entity bomb stays a literal `&lol9;`); see xml-scanner.ts.
 */
import { scanXml } from './xml-scanner';
import {
  inNamespace,
  VOID_ELEMENTS,
  XHTML_NS,
  XML_NS,
  type XmlAttribute,
  type XmlDocument,
  type XmlElement,
} from './xml-tree';

export interface ParseXmlOptions {
  /** Absolute URL of the document, the base that `xml:base` values are resolved against. */
  baseUrl?: string;
  /** Namespace URIs for prefixes that a document uses without declaring them. */
  unboundPrefixes?: Readonly<Record<string, string>>;
  /**
   * Called as each element below the root is closed, complete with its content. Returning
   * true drops it from the tree: a feed reader takes its items as they end, so the tree never
   * holds a huge feed's items all at once. Elements left open at the end are not reported.
   */
  onElementEnd?: (element: XmlElement, parent: XmlElement, root: XmlElement) => boolean;
}

// Deeper than any feed needs; past it elements are dropped (their text is kept) so a hostile
// document cannot make the recursive readers overflow the stack.
const MAX_DEPTH = 256;

/** Prefix → namespace URI. Prefixes compare without case, as feeds are sloppy about it. */
type Scope = Readonly<Record<string, string>>;

const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Record<string, string>, {
  xml: XML_NS,
  xmlns: 'http://www.w3.org/2000/xmlns/',
});

interface Frame {
  /** The element's name in lower case, which end tags are matched against. */
  name: string;
  /** Where text and child elements go while this element is open. */
  container: XmlElement;
  /** Nesting depth of the container in the tree. */
  depth: number;
  /** The element this frame opened and where it went, when it is in the tree and not void. */
  element?: XmlElement;
  parent?: XmlElement;
  scope: Scope;
  base?: string;
  lang?: string;
}

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlDocument {
  // A BOM or stray whitespace before `<?xml` makes strict XML parsers give up; skip them.
  const source = text.replace(/^[\uFEFF\s]+/, '');
  const unbound = options.unboundPrefixes ?? {};
  const document: XmlDocument = {};
  const open = new OpenElements((frame) => {
    const { element, parent } = frame;
    if (!element || !parent || !document.root || !options.onElementEnd) return;
    if (!options.onElementEnd(element, parent, document.root)) return;
    // It was the last child added to its parent, so the search from the end is one step.
    const index = parent.children.lastIndexOf(element);
    if (index >= 0) parent.children.splice(index, 1);
  });

  scanXml(source, {
    doctype(value) {
      document.doctype ??= value.trim();
    },

    openTag(name, rawAttributes, selfClosing) {
      // Only the first root element counts; what follows it is not part of the document.
      if (!open.size && document.root) return;
      const parent = open.top();
      const scope = declareNamespaces(parent?.scope ?? ROOT_SCOPE, rawAttributes);
      const attributes = readAttributes(rawAttributes, scope, unbound);
      const base = resolveBase(attributes, parent ? parent.base : options.baseUrl);
      const lang = findXmlAttribute(attributes, 'lang')?.trim() || parent?.lang;
      const lower = name.toLowerCase();
      const depth = (parent?.depth ?? 0) + 1;
      if (parent && depth > MAX_DEPTH) {
        if (!selfClosing) {
          open.push({ name: lower, container: parent.container, depth: parent.depth, scope });
        }
        return;
      }
      const colon = name.indexOf(':');
      const prefix = colon >= 0 ? name.slice(0, colon) : '';
      const element: XmlElement = {
        kind: 'element',
        name,
        local: colon >= 0 ? name.slice(colon + 1) : name,
        prefix,
        uri: namespaceOf(prefix, scope, unbound),
        attributes,
        children: [],
        base,
        lang,
      };
      if (parent) parent.container.children.push(element);
      else document.root = element;
      if (selfClosing) return;
      const html = element.uri === '' || inNamespace(element, XHTML_NS);
      const isVoid = parent && html && VOID_ELEMENTS.has(element.local.toLowerCase());
      open.push({
        name: lower,
        container: isVoid ? parent.container : element,
        depth: isVoid ? parent.depth : depth,
        scope,
        base,
        lang,
        ...(isVoid ? {} : { element, parent: parent?.container }),
      });
    },

    closeTag(name) {
      if (!open.close(name.toLowerCase())) {
        // No such element is open: the end tag is text, as lenient parsers read it.
        appendText(open.top(), `</${name}>`);
        return true;
      }
      return open.size > 0;
    },

    text(value) {
      appendText(open.top(), value);
    },
  });
  return document;
}

/**
 * The elements open at the current point, innermost last. Counting them by name answers "is
 * one of these open?" at once, so a flood of stray end tags in a deep document stays cheap.
 */
class OpenElements {
  private readonly frames: Frame[] = [];
  private readonly counts = new Map<string, number>();

  /** `closed` hears of every frame that an end tag closes, innermost first. */
  constructor(private readonly closed: (frame: Frame) => void) {}

  get size(): number {
    return this.frames.length;
  }

  top(): Frame | undefined {
    return this.frames.at(-1);
  }

  push(frame: Frame): void {
    this.frames.push(frame);
    this.counts.set(frame.name, (this.counts.get(frame.name) ?? 0) + 1);
  }

  /** Closes the innermost open element of that name and all inside it; false if none. */
  close(name: string): boolean {
    if (!this.counts.get(name)) return false;
    for (;;) {
      const frame = this.frames.pop();
      if (!frame) return false;
      this.counts.set(frame.name, (this.counts.get(frame.name) ?? 1) - 1);
      this.closed(frame);
      if (frame.name === name) return true;
    }
  }
}

function appendText(frame: Frame | undefined, value: string): void {
  if (!frame || !value) return;
  const children = frame.container.children;
  const last = children.at(-1);
  if (last?.kind === 'text') last.value += value;
  else children.push({ kind: 'text', value });
}

function declareNamespaces(parent: Scope, attributes: [string, string][]): Scope {
  let scope: Record<string, string> | undefined;
  for (const [name, value] of attributes) {
    const lower = name.toLowerCase();
    let prefix: string;
    if (lower === 'xmlns') prefix = '';
    else if (lower.startsWith('xmlns:')) prefix = lower.slice(6);
    else continue;
    scope ??= Object.create(parent) as Record<string, string>;
    scope[prefix] = value;
  }
  return scope ?? parent;
}

function namespaceOf(
  prefix: string,
  scope: Scope,
  unbound: Readonly<Record<string, string>>,
): string {
  const key = prefix.toLowerCase();
  const uri = scope[key];
  if (uri || !prefix) return uri ?? '';
  // An undeclared prefix: the vocabulary everyone means by it, else the prefix itself.
  return Object.hasOwn(unbound, key) ? unbound[key] : prefix;
}

function readAttributes(
  raw: [string, string][],
  scope: Scope,
  unbound: Readonly<Record<string, string>>,
): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  for (const [name, value] of raw) {
    const colon = name.indexOf(':');
    const prefix = colon >= 0 ? name.slice(0, colon) : '';
    if (prefix.toLowerCase() === 'xmlns' || name.toLowerCase() === 'xmlns') continue;
    attributes.push({
      name,
      local: colon >= 0 ? name.slice(colon + 1) : name,
      prefix,
      // Unprefixed attributes are in no namespace, whatever the default one is.
      uri: prefix ? namespaceOf(prefix, scope, unbound) : '',
      value,
    });
  }
  return attributes;
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
