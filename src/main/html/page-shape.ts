/**
 * A cheap look at a page's shape before jsdom builds it: how deep its elements nest, how many
 * there are, how many frames and players it embeds. jsdom's cost grows with depth × elements
 * (every insertion walks the ancestors; Readability recurses and measures text per level), so a
 * small page of deeply nested `<div>`s, or one of thousands of iframes, held a thread far longer
 * than a reader waits (docs/bench/2026-12-06-hostile-inputs.md). One linear pass over the text,
 * at the tokenizer's level, refuses such pages first.
 *
 * Past 512 levels a page is refused, not flattened. Chromium flattens there so that it can still
 * paint something; we want an article, and no hand-written article nests past a few dozen levels
 * (the saved news pages in the tests nest under ten). Flattening faithfully would take a real tree
 * builder to know which end tag belongs to a dropped element; a guess would silently rearrange
 * the text we keep, while a refusal says plainly what happened.
 *
 * The depth is an estimate: the scan keeps a stack of open elements and applies the end tags the
 * HTML parser implies most often (a `<p>` or a block closes an open `<p>`, `<li>` closes `<li>`,
 * table cells and rows, unclosed `<a>`), so sloppy but ordinary markup does not read as deep. It
 * does not rebuild formatting elements the way the parser does, so it may count a little less
 * than the DOM has, never wildly more. What slips under it is still bounded by the extraction
 * worker's wall-clock timeout.
 */
import { AppError, type MainText } from '../../shared/result';

export interface PageShape {
  /** The deepest nesting of elements seen (counted until a limit is passed). */
  depth: number;
  elements: number;
  /** Frames, embeds, objects, video and audio players. */
  embeds: number;
}

/** Chromium's limit for the depth of a parsed DOM. */
export const MAX_PAGE_DEPTH = 512;
/** News pages have 2,000–6,000 elements; a very long encyclopedia article some 30,000. */
export const MAX_PAGE_ELEMENTS = 50_000;
/** Each embed becomes a link card; thousands of them make no article, only work. */
export const MAX_PAGE_EMBEDS = 2_000;

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Their content is text up to their own end tag, however many `<` it holds. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed']);
const EMBEDS = new Set(['iframe', 'frame', 'embed', 'object', 'video', 'audio']);
const FOREIGN = new Set(['svg', 'math']);
/** Start tags that close an open `<p>` (the HTML standard's "close a p element"). */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dd',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'listing',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'search',
  'section',
  'summary',
  'table',
  'ul',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements an implied end tag never reaches past (the standard's scopes, simplified). */
const SCOPE = new Set([
  'applet',
  'button',
  'caption',
  'html',
  'marquee',
  'object',
  'table',
  'td',
  'template',
  'th',
  'svg',
  'math',
]);
const LIST_SCOPE = new Set([...SCOPE, 'ol', 'ul', 'dl']);
const TABLE_SCOPE = new Set(['html', 'table', 'template']);
const ROW_SCOPE = new Set([...TABLE_SCOPE, 'tr']);
const DEFINITIONS = new Set(['dd', 'dt']);
const CELLS = new Set(['td', 'th']);
const TABLE_SECTIONS = new Set(['tbody', 'thead', 'tfoot']);

class OpenElements {
  private readonly names: string[] = [];
  private readonly open = new Map<string, number>();
  foreign = 0;

  get depth(): number {
    return this.names.length;
  }

  push(name: string): void {
    this.names.push(name);
    this.open.set(name, (this.open.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) this.foreign++;
  }

  isOpen(name: string): boolean {
    return (this.open.get(name) ?? 0) > 0;
  }

  top(): string | undefined {
    return this.names[this.names.length - 1];
  }

  /** Pops up to and including the nearest `name`, unless a scope boundary comes first. */
  close(names: ReadonlySet<string> | string, boundary?: ReadonlySet<string>): void {
    const match = (name: string) => (typeof names === 'string' ? name === names : names.has(name));
    for (let at = this.names.length - 1; at >= 0; at--) {
      const name = this.names[at]!;
      if (match(name)) {
        while (this.names.length > at) this.pop();
        return;
      }
      if (boundary?.has(name)) return;
    }
  }

  private pop(): void {
    const name = this.names.pop()!;
    this.open.set(name, (this.open.get(name) ?? 1) - 1);
    if (FOREIGN.has(name)) this.foreign--;
  }
}

const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isSpace = (code: number) =>
  code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

/** One pass over the page; stops counting as soon as any limit is passed. */
export function measurePage(html: string): PageShape {
  const shape: PageShape = { depth: 0, elements: 0, embeds: 0 };
  const stack = new OpenElements();
  const length = html.length;
  let at = 0;
  while (at < length) {
    const open = html.indexOf('<', at);
    if (open < 0) break;
    const next = html.charCodeAt(open + 1);
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      at = end < 0 ? length : end + 3;
    } else if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf('>', open + 2);
      at = end < 0 ? length : end + 1;
    } else if (next === 47 /* / */ && isLetter(html.charCodeAt(open + 2))) {
      const name = tagName(html, open + 2);
      const end = html.indexOf('>', open + 2 + name.length);
      at = end < 0 ? length : end + 1;
      if (stack.isOpen(name)) stack.close(name);
    } else if (isLetter(next)) {
      const name = tagName(html, open + 1);
      const end = startTagEnd(html, open + 1 + name.length);
      at = end + 1;
      shape.elements++;
      if (EMBEDS.has(name)) shape.embeds++;
      if (name === 'plaintext') break; // the rest of the page is text
      impliedEndTags(stack, name);
      const selfClosing = html.charCodeAt(end - 1) === 47 && stack.foreign > 0;
      if (!VOID.has(name) && !selfClosing) {
        stack.push(name);
        shape.depth = Math.max(shape.depth, stack.depth);
      }
      if (RAW_TEXT.has(name) && stack.foreign === 0) {
        at = rawTextEnd(html, at, name);
        stack.close(name);
      }
      if (
        shape.depth > MAX_PAGE_DEPTH ||
        shape.elements > MAX_PAGE_ELEMENTS ||
        shape.embeds > MAX_PAGE_EMBEDS
      ) {
        break;
      }
    } else {
      at = open + 1;
    }
  }
  return shape;
}

/** Why this page is refused before it is parsed, as one of main's messages; or nothing. */
export function pageShapeProblem(shape: PageShape): MainText | undefined {
  if (shape.depth > MAX_PAGE_DEPTH) {
    return { id: 'main.page.tooDeep', values: { max: MAX_PAGE_DEPTH } };
  }
  if (shape.elements > MAX_PAGE_ELEMENTS) {
    return { id: 'main.page.tooManyElements', values: { max: MAX_PAGE_ELEMENTS } };
  }
  if (shape.embeds > MAX_PAGE_EMBEDS) {
    return { id: 'main.page.tooManyEmbeds', values: { max: MAX_PAGE_EMBEDS } };
  }
  return undefined;
}

/** Throws the reader's explanation when the page is too deep or too big to parse. */
export function checkPageShape(html: string): void {
  const problem = pageShapeProblem(measurePage(html));
  if (problem) throw new AppError('too-large', problem.id, problem.values);
}

function impliedEndTags(stack: OpenElements, name: string): void {
  if (CLOSES_P.has(name) && stack.isOpen('p')) stack.close('p', SCOPE);
  if (name === 'li' && stack.isOpen('li')) stack.close('li', LIST_SCOPE);
  if ((name === 'dd' || name === 'dt') && (stack.isOpen('dd') || stack.isOpen('dt'))) {
    stack.close(DEFINITIONS, LIST_SCOPE);
  }
  if (HEADINGS.has(name) && HEADINGS.has(stack.top() ?? '')) stack.close(stack.top()!);
  if ((name === 'a' || name === 'nobr' || name === 'button') && stack.isOpen(name)) {
    stack.close(name, SCOPE);
  }
  if ((name === 'option' || name === 'optgroup') && stack.top() === 'option') {
    stack.close('option');
  }
  if (name === 'tr' && stack.isOpen('tr')) stack.close('tr', TABLE_SCOPE);
  if ((name === 'td' || name === 'th') && (stack.isOpen('td') || stack.isOpen('th'))) {
    stack.close(CELLS, ROW_SCOPE);
  }
  if (TABLE_SECTIONS.has(name)) stack.close(TABLE_SECTIONS, TABLE_SCOPE);
}

function tagName(html: string, from: number): string {
  let end = from;
  while (end < html.length) {
    const code = html.charCodeAt(end);
    if (isSpace(code) || code === 47 || code === 62) break;
    end++;
  }
  return html.slice(from, end).toLowerCase();
}

/** The `>` that ends a start tag: quoted attribute values may hold one. */
function startTagEnd(html: string, from: number): number {
  let at = from;
  while (at < html.length) {
    const code = html.charCodeAt(at);
    if (code === 62 /* > */) return at;
    if (code === 61 /* = */) {
      at++;
      while (isSpace(html.charCodeAt(at))) at++;
      const quote = html.charCodeAt(at);
      if (quote === 34 || quote === 39) {
        const close = html.indexOf(quote === 34 ? '"' : "'", at + 1);
        if (close < 0) return html.length;
        at = close + 1;
        continue;
      }
    }
    at++;
  }
  return html.length;
}

/** Where the text of a script, style, title… ends: after its own end tag, in any case. */
function rawTextEnd(html: string, from: number, name: string): number {
  let at = from;
  for (;;) {
    const close = html.indexOf('</', at);
    if (close < 0) return html.length;
    const candidate = html.slice(close + 2, close + 2 + name.length).toLowerCase();
    const after = html.charCodeAt(close + 2 + name.length);
    if (candidate === name && (isSpace(after) || after === 47 || after === 62)) {
      const end = html.indexOf('>', close);
      return end < 0 ? html.length : end + 1;
    }
    at = close + 2;
  }
}

/**
 * For callers that only read a page's `<head>` (feed discovery, site icons) and parse it on
 * main's thread: the page's bytes, or when its shape is past a limit, only those before
 * `<body` — where the links they look for live — and none when there is no `<body` to cut at.
 * Scanned as Latin-1, which keeps every ASCII byte where it is in any ASCII-compatible charset.
 */
export function headWhenTooComplex(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!pageShapeProblem(measurePage(text))) return bytes;
  const body = /<body[\s/>]/i.exec(text);
  return bytes.subarray(0, body ? body.index : 0);
}
