/**
 * Relative URLs inside escaped HTML content (`<img src="/a.png">` in an RSS description) made
 * absolute against the content's base. Stored articles are read with no page around them, and
 * the sanitizer drops links and images it cannot place, so unresolved they would be lost.
 *
 * A single forward scan over start tags rather than a full HTML parse: only URL attributes
 * change, everything else stays byte for byte as published, and hostile markup (unclosed
 * quotes, thousands of tags) costs linear time.
 */
import { srcsetTokens } from '../../../shared/srcset';
import { resolveWebUrl } from '../../../shared/web-url';
import { decodeEntities } from '../../html/text';

const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'poster',
  'cite',
  'background',
  'longdesc',
  'action',
  'srcset',
]);
const TAG_NAME = /<[a-zA-Z][a-zA-Z0-9:-]*/y;
// Between attributes a `/` is noise (`<br/>`); around `=` only whitespace may stand.
const SEPARATOR = /[\s/]*/y;
const SPACE = /\s*/y;
const ATTRIBUTE_NAME = /[^\s=>/]+/y;
const UNQUOTED = /[^\s>]*/y;
// Already absolute (any scheme); the sanitizer decides about the scheme later.
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

// A URL attribute whose value has no scheme and is not a fragment: one that needs resolving
// (any srcset, whose later candidates may be relative). Most feeds write absolute URLs; this
// check lets their content through without a scan.
const ABSOLUTE = '(?![a-z][a-z0-9+.-]*:|#)';
const RELATIVE_URL_ATTRIBUTE = new RegExp(
  `(?:href|src|poster|cite|background|longdesc|action)\\s*=\\s*` +
    `(?:"\\s*${ABSOLUTE}|'\\s*${ABSOLUTE}|(?!["'\\s])${ABSOLUTE})|srcset`,
  'i',
);

export function resolveHtmlUrls(html: string, base: string | undefined): string {
  if (!base || !html.includes('<') || !RELATIVE_URL_ATTRIBUTE.test(html)) return html;
  const parts: string[] = [];
  let copied = 0;
  let index = html.indexOf('<');
  while (index >= 0) {
    TAG_NAME.lastIndex = index;
    if (!TAG_NAME.test(html)) {
      index = html.indexOf('<', index + 1);
      continue;
    }
    let position = TAG_NAME.lastIndex;
    while (position < html.length && html[position] !== '>') {
      position = skip(SEPARATOR, html, position);
      if (html[position] === '>' || position >= html.length) break;
      const nameEnd = skip(ATTRIBUTE_NAME, html, position);
      const name = html.slice(position, nameEnd).toLowerCase();
      position = skip(SPACE, html, Math.max(nameEnd, position + 1));
      if (html[position] !== '=') continue;
      position = skip(SPACE, html, position + 1);
      const quote = html[position];
      const isQuoted = quote === '"' || quote === "'";
      let valueStart = position;
      let valueEnd: number;
      if (isQuoted) {
        valueStart = position + 1;
        valueEnd = html.indexOf(quote, valueStart);
        // An unclosed quote: the rest is not markup we can read.
        if (valueEnd < 0) return [...parts, html.slice(copied)].join('');
        position = valueEnd + 1;
      } else {
        valueEnd = skip(UNQUOTED, html, position);
        position = valueEnd;
      }
      if (!URL_ATTRIBUTES.has(name)) continue;
      const value = decodeEntities(html.slice(valueStart, valueEnd));
      const resolved = name === 'srcset' ? resolveSrcset(value, base) : resolveOne(value, base);
      if (resolved === undefined) continue;
      const escaped = resolved
        .replace(/&/g, '&amp;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
      // An unquoted value gets quotes: a resolved URL may hold characters that end one.
      parts.push(html.slice(copied, valueStart), isQuoted ? escaped : `"${escaped}"`);
      copied = valueEnd;
    }
    index = html.indexOf('<', position);
  }
  parts.push(html.slice(copied));
  return parts.join('');
}

function skip(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  pattern.test(text);
  return Math.max(pattern.lastIndex, from);
}

/**
 * Only ever an http(s) address: the URL parser drops tabs and newlines anywhere, so a value
 * like `java\tscript:…` has no scheme to HAS_SCHEME yet resolves to a clean `javascript:` URL,
 * which must not be written back.
 */
function resolveOne(value: string, base: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed || trimmed.startsWith('#') || HAS_SCHEME.test(trimmed)) return undefined;
  return resolveWebUrl(trimmed, base);
}

/**
 * `srcset="a.jpg 1x, b.jpg 2x"`: each candidate's URL, descriptors kept. Candidates are read
 * as the HTML standard reads them (shared/srcset.ts): a CDN's `w_400,h_300` inside a URL is
 * part of it, not a separator.
 */
function resolveSrcset(value: string, base: string): string | undefined {
  let changed = false;
  const candidates = srcsetTokens(value).map(({ url, descriptors }) => {
    const resolved = resolveOne(url, base);
    if (resolved !== undefined) changed = true;
    return [resolved ?? url, ...descriptors].join(' ');
  });
  return changed ? candidates.join(', ') : undefined;
}
