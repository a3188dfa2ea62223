/** Small text helpers for turning feed markup into display strings. */
import { decodeEntities, escapeText } from './entities';

// Feeds escape twice (`&amp;amp;`, `&amp;#8217;`); what is left after XML parsing decodes here.
export { decodeEntities };

// Runs of spaces and line breaks become one space; the ideographic space stays, because East
// Asian headlines use it on purpose as a separator.
export function collapseWhitespace(text: string): string {
  // Most strings are clean already; testing first spares an allocation per title and name.
  if (!NEEDS_COLLAPSE.test(text)) return text;
  return text.replace(/[^\S\u3000]+/g, ' ').trim();
}

const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

/** A language tag as BCP 47 writes it: `en_US` is a common misspelling of `en-US`. */
export function languageTag(value: string | undefined): string | undefined {
  const tag = value?.trim().replace(/_/g, '-');
  return tag || undefined;
}

/** Plain text as HTML, so a `type="text"` Atom construct can travel as HTML like the rest. */
export function escapeHtml(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/**
 * A title as one line of plain text. Titles are meant as plain text, but publishers escape
 * them twice (`&amp;amp;`) or put markup in them (`ft<sup>2</sup>`); they read as HTML when
 * they look like it.
 */
export function plainTitle(text: string): string {
  if (HTML_TAG.test(text)) return htmlToText(text);
  const decoded = decodeEntities(text);
  // Markup escaped twice (`&amp;lt;b&amp;gt;`) is still markup once decoded.
  return HTML_TAG.test(decoded) ? htmlToText(decoded) : collapseWhitespace(decoded);
}

/**
 * Readable text of an HTML fragment: tags dropped (an image stands for its alt text), scripts
 * and comments dropped, entities decoded, whitespace collapsed. A linear scan, so hostile
 * markup (unclosed comments, quotes and scripts by the thousand) cannot make it slow.
 *
 * Main's one HTML→text for raw feed and page markup. Two others exist on purpose: the search
 * engine's (search-engine/core/html-text.ts) may import nothing of the app and fixes what the
 * index holds, and the renderer's list excerpt (renderer/lib/format.ts) reads sanitized HTML
 * with the DOM it has, and its output is stored as Article.listText.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<')) return collapseWhitespace(decodeEntities(html));
  const lower = html.toLowerCase();
  let text = '';
  let copied = 0;
  let index = html.indexOf('<');
  while (index >= 0) {
    const end = markupEnd(html, lower, index);
    if (end < 0) {
      index = html.indexOf('<', index + 1);
      continue;
    }
    text += html.slice(copied, index) + markupText(html.slice(index, end));
    copied = end;
    index = html.indexOf('<', end);
  }
  text += html.slice(copied);
  return collapseWhitespace(decodeEntities(text));
}

const TAG_START = /^<\/?[a-z]/i;
const HIDDEN_ELEMENT = /^<(script|style|template)\b/i;

/** Where the markup that starts at `index` ends: a tag, a comment, or a whole script; -1 if
 * it is not markup but a literal `<`. */
function markupEnd(html: string, lower: string, index: number): number {
  if (html.startsWith('<!--', index)) {
    const close = html.indexOf('-->', index + 4);
    return close < 0 ? html.length : close + 3;
  }
  const head = html.slice(index, index + 12);
  // `<!DOCTYPE …>`, `<![CDATA[`, `<?xml …?>`: declarations, not text (unless never closed).
  if (/^<[!?][a-z[]/i.test(head)) {
    const close = html.indexOf('>', index);
    return close < 0 ? -1 : close + 1;
  }
  if (!TAG_START.test(head)) return -1;
  const tagEnd = startTagEnd(html, index);
  const hidden = HIDDEN_ELEMENT.exec(head);
  if (!hidden) return tagEnd;
  const close = lower.indexOf(`</${hidden[1].toLowerCase()}`, tagEnd);
  if (close < 0) return html.length;
  const closeEnd = html.indexOf('>', close);
  return closeEnd < 0 ? html.length : closeEnd + 1;
}

/** The end of a tag, stepping over quoted attribute values that may hold `>`. */
function startTagEnd(html: string, index: number): number {
  let position = index + 1;
  while (position < html.length) {
    const char = html[position];
    if (char === '>') return position + 1;
    if (char === '"' || char === "'") {
      const close = html.indexOf(char, position + 1);
      // An unclosed quote: end the tag at the next `>` after all.
      if (close < 0) {
        const end = html.indexOf('>', position);
        return end < 0 ? html.length : end + 1;
      }
      position = close + 1;
    } else position += 1;
  }
  return html.length;
}

// Elements that sit inside a line of text (`ft<sup>2</sup>`, `<b>Bold</b>ly`); any other
// tag separates words.
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'font',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
]);

/** What a piece of markup reads as: an image its alt text, an inline tag nothing, the rest a
 * space. */
function markupText(markup: string): string {
  const name = /^<\/?([a-z][a-z0-9]*)/i.exec(markup)?.[1].toLowerCase();
  if (name === 'img') {
    const alt = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(markup);
    return ` ${alt?.slice(1).find((value) => value) ?? ''} `;
  }
  return name && INLINE.has(name) ? '' : ' ';
}

/** At most `max` characters, cut at a word boundary when one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  const cut = characters.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,.;:!?-]+$/, '')}…`;
}
