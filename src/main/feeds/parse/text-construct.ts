/**
 * Atom text constructs (title, subtitle, summary, content): `type` says whether the element
 * holds plain text, escaped HTML or inline XHTML. Atom 0.3 used MIME types and a `mode`.
 */
import { resolveHtmlUrls } from './html-urls';
import { collapseWhitespace, escapeHtml, htmlToText } from '../../html/text';
import { decodeUtf8Strict } from '../../text/utf8';
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
  const kind = textKind(type);
  // Atom 0.3 says base64 with `mode`; Atom 1.0 base64-encodes every other media type.
  if (mode === 'base64' || (!kind && !type.includes('xml'))) {
    const decoded = decodeBase64Text(textContent(element));
    if (decoded === undefined) return undefined;
    if (kind === 'html') return { kind, value: resolveHtmlUrls(decoded, element.base) };
    return { kind: 'text', value: decoded };
  }
  if (hasChildElements(element)) {
    // TypePad wraps escaped HTML in an XHTML div: the div's text is the HTML.
    const wrapper = loneDiv(element);
    if (kind === 'html' && wrapper && !hasChildElements(wrapper)) {
      return { kind, value: resolveHtmlUrls(textContent(wrapper), wrapper.base) };
    }
    // Sloppy feeds put unescaped HTML in `text` and `html` constructs alike.
    return { kind: 'html', value: xhtmlOf(element) };
  }
  if (kind === 'text') return { kind, value: textContent(element) };
  if (kind === 'html') return { kind, value: resolveHtmlUrls(textContent(element), element.base) };
  // Other media types (base64 images, arbitrary XML) are not readable text.
  return undefined;
}

/** Base64 that holds text (UTF-8, no control characters); binary media is not for reading. */
function decodeBase64Text(encoded: string): string | undefined {
  const text = decodeUtf8Strict(Buffer.from(encoded, 'base64'));
  return text !== undefined && !hasControlCharacters(text) ? text : undefined;
}

function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      return true;
    }
  }
  return false;
}

function textKind(type: string): TextConstruct['kind'] | undefined {
  if (type === 'text' || type === 'text/plain') return 'text';
  if (type === 'html' || type === 'text/html') return 'html';
  // Other text types (text/css, text/x-markdown…) read best as text.
  return type.startsWith('text/') ? 'text' : undefined;
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
  return innerMarkup(loneDiv(element) ?? element, { resolveUrls: true }).trim();
}

function loneDiv(element: XmlElement): XmlElement | undefined {
  const children = childElements(element);
  const only = children.length === 1 ? children[0] : undefined;
  return only?.local.toLowerCase() === 'div' &&
    element.children.every((child) => child === only || !textOf(child).trim())
    ? only
    : undefined;
}

function textOf(node: XmlElement['children'][number]): string {
  return node.kind === 'text' ? node.value : textContent(node);
}
