/**
 * Atom text constructs (title, subtitle, summary, content): `type` says whether the element
 * holds plain text, escaped HTML or inline XHTML. Atom 0.3 used MIME types and a `mode`.
 */
import { collapseWhitespace, escapeHtml, htmlToText } from './text';
import {
  childElements,
  getAttribute,
  hasChildElements,
  innerMarkup,
  textContent,
  type XmlElement,
} from './xml-tree';

export interface TextConstruct {
  kind: 'text' | 'html';
  value: string;
}

export function readTextConstruct(element: XmlElement | undefined): TextConstruct | undefined {
  // Out-of-line content (`src`) is not in the document.
  if (!element || getAttribute(element, 'src')) return undefined;
  const type = getAttribute(element, 'type')?.trim().toLowerCase() || 'text';
  const mode = getAttribute(element, 'mode')?.trim().toLowerCase();
  if (type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml') {
    return { kind: 'html', value: xhtmlOf(element) };
  }
  if (mode === 'base64') {
    if (!type.startsWith('text/')) return undefined;
    const decoded = Buffer.from(textContent(element), 'base64').toString('utf8');
    return { kind: type === 'text/plain' ? 'text' : 'html', value: decoded };
  }
  // Sloppy feeds put unescaped HTML in `text` and `html` constructs alike.
  if (hasChildElements(element)) return { kind: 'html', value: xhtmlOf(element) };
  if (type === 'text' || type === 'text/plain')
    return { kind: 'text', value: textContent(element) };
  if (type === 'html' || type === 'text/html') return { kind: 'html', value: textContent(element) };
  // Other media types (base64 images, arbitrary XML) are not readable text.
  return undefined;
}

/** As HTML: what summary and contentHtml carry. Plain text is escaped. */
export function textConstructHtml(construct: TextConstruct | undefined): string | undefined {
  if (!construct) return undefined;
  const html = construct.kind === 'text' ? escapeHtml(construct.value.trim()) : construct.value;
  return html.trim() || undefined;
}

/** As one line of plain text: what titles carry. */
export function textConstructPlain(construct: TextConstruct | undefined): string | undefined {
  if (!construct) return undefined;
  const text =
    construct.kind === 'text' ? collapseWhitespace(construct.value) : htmlToText(construct.value);
  return text || undefined;
}

function xhtmlOf(element: XmlElement): string {
  // RFC 4287 §3.1.1.3: the content is wrapped in one xhtml:div that is not part of it. Sloppy
  // feeds forget the namespace on it, so any lone div counts.
  const children = childElements(element);
  const only = children.length === 1 ? children[0] : undefined;
  const wrapper =
    only?.local.toLowerCase() === 'div' &&
    element.children.every((child) => child === only || !textOf(child).trim())
      ? only
      : element;
  return innerMarkup(wrapper, { resolveUrls: true }).trim();
}

function textOf(node: XmlElement['children'][number]): string {
  return node.kind === 'text' ? node.value : textContent(node);
}
