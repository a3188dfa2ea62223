/**
 * How deeply a Markdown file nests, measured in one linear pass before any parser sees it.
 *
 * marked lexes a quote or list item by recursion, re-reading the nested text at every level:
 * 100,000 `>` on one line overflowed the stack, and lines each quoted one level deeper than the
 * last stalled the import (docs/bench/2026-12-06-hostile-inputs.md). HTML parsers keep their
 * open elements in arrays they shift or search on every tag
 * (htmlparser2, which the sanitizer runs on, and parse5 alike), so raw HTML of unclosed `<div>`s
 * is quadratic in its depth. No article nests anything a hundred levels deep; a file that does
 * is refused before it costs seconds.
 *
 * Both measures err on the deep side (an upper bound on what the parsers will build), so a file
 * that passes cannot nest deeper than the limit; a file nesting a little less may be refused.
 */

/** Quotes and list items, counted together: `> - > -` is four levels. */
export const MAX_MARKDOWN_NESTING = 100;
/** Elements, which marked adds per level (a list is `<ul><li>`), plus any raw HTML. */
export const MAX_HTML_NESTING = 256;
/**
 * As for web pages (extract-article.ts): building and walking a DOM costs per element, and a
 * table of one-letter cells made enough of them from a small file to take seconds
 * (docs/bench/2026-12-06-hostile-inputs.md).
 */
export const MAX_HTML_ELEMENTS = 100_000;

/**
 * The deepest quote and list nesting of any line, or a number above `stopAbove` as soon as one
 * line goes past it. Quote markers count on the line that carries them; list items also count
 * while later lines are indented into them.
 */
export function markdownNesting(markdown: string, stopAbove = MAX_MARKDOWN_NESTING): number {
  let deepest = 0;
  // Content columns of the list items later lines may still sit in, outermost first.
  const items: number[] = [];
  let start = 0;
  while (start < markdown.length) {
    let end = markdown.indexOf('\n', start);
    if (end < 0) end = markdown.length;
    let i = start;
    let column = 0;
    let quotes = 0;
    let markersOnLine = 0;
    for (;;) {
      while (i < end && (markdown[i] === ' ' || markdown[i] === '\t')) {
        column = markdown[i] === '\t' ? column + 4 - (column % 4) : column + 1;
        i += 1;
      }
      if (markdown[i] === '>' && i < end) {
        quotes += 1;
        i += 1;
        column += 1;
        continue;
      }
      const markerEnd = listMarkerEnd(markdown, i, end);
      if (markerEnd < 0) break;
      if (markersOnLine === 0) {
        // A marker left of an open item's content starts a sibling or an outer item.
        while (items.length && column < (items[items.length - 1] ?? 0)) items.pop();
        // Four columns past where content would start is indented code, not a list.
        if (column >= (items[items.length - 1] ?? 0) + 4) break;
      }
      markersOnLine += 1;
      column += markerEnd - i + 1;
      i = markerEnd;
      items.push(column);
    }
    deepest = Math.max(deepest, quotes + (markersOnLine ? items.length : 0));
    if (deepest > stopAbove) return deepest;
    start = end + 1;
  }
  return deepest;
}

/** Where a list marker (`-`, `*`, `+`, `1.`, `1)`) at `i` ends, or -1 when there is none. */
function listMarkerEnd(text: string, i: number, end: number): number {
  let j = i;
  const first = text[j];
  if (first === '-' || first === '*' || first === '+') j += 1;
  else {
    while (j < end && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j += 1;
    if (j === i || (text[j] !== '.' && text[j] !== ')')) return -1;
    j += 1;
  }
  if (j > end) return -1;
  const next = text[j];
  return j === end || next === ' ' || next === '\t' ? j : -1;
}

const VOID = new Set(
  'area base br col embed hr img input keygen link meta param source track wbr'.split(' '),
);
/**
 * Their content is text up to the matching end tag, whatever it looks like, for htmlparser2 (the
 * sanitizer's parser) too. Not `noscript`: htmlparser2, and parse5 without scripting, build
 * elements inside it, so its content counts.
 */
const RAW_TEXT = new Set(
  'script style textarea title xmp iframe noembed noframes plaintext'.split(' '),
);
/** An open one of these ends when a sibling of the same kind starts. */
const SIBLING_ENDS: Record<string, string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  option: ['option'],
  tr: ['tr'],
  td: ['td', 'th'],
  th: ['td', 'th'],
};

export interface HtmlShape {
  /** The deepest nesting of elements. */
  depth: number;
  /** Start tags. */
  elements: number;
}

/**
 * How deeply the elements of an HTML string nest and how many there are, read tag by tag
 * without building anything (each character is looked at a bounded number of times). Reading
 * stops as soon as either goes past its limit. Tags a parser closes implicitly mostly stay open
 * here, so the depth is never less than what a parser builds.
 */
export function htmlShape(
  html: string,
  limits = { depth: MAX_HTML_NESTING, elements: MAX_HTML_ELEMENTS },
): HtmlShape {
  const lower = html.toLowerCase();
  const open: string[] = [];
  let deepest = 0;
  let elements = 0;
  let i = lower.indexOf('<');
  while (i >= 0 && i < lower.length) {
    if (lower.startsWith('<!--', i)) {
      const close = lower.indexOf('-->', i + 4);
      if (close < 0) break;
      i = lower.indexOf('<', close + 3);
      continue;
    }
    const closing = lower[i + 1] === '/';
    const nameStart = closing ? i + 2 : i + 1;
    let j = nameStart;
    while (j < lower.length && /[a-z0-9-]/.test(lower[j]!)) j += 1;
    if (j === nameStart || !/[a-z]/.test(lower[nameStart]!)) {
      i = lower.indexOf('<', i + 1);
      continue;
    }
    const name = lower.slice(nameStart, j);
    const tagEnd = endOfTag(lower, j);
    if (tagEnd < 0) break;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else if ((elements += 1) > limits.elements) {
      break;
    } else if (!VOID.has(name)) {
      const ends = SIBLING_ENDS[name];
      if (ends && ends.includes(open[open.length - 1] ?? '')) open.pop();
      open.push(name);
      deepest = Math.max(deepest, open.length);
      if (deepest > limits.depth) break;
      if (RAW_TEXT.has(name)) {
        const close = lower.indexOf(`</${name}`, tagEnd);
        if (close < 0) break;
        open.pop();
        i = lower.indexOf('<', close + 2);
        continue;
      }
    }
    i = lower.indexOf('<', tagEnd);
  }
  return { depth: deepest, elements };
}

/**
 * The index after the `>` that ends a tag whose name ends at `i`, or -1. As in the HTML
 * tokenizer, a quote starts a quoted value only right after `=`, and `>` inside it is text.
 */
function endOfTag(html: string, i: number): number {
  let j = i;
  while (j < html.length) {
    const char = html[j];
    if (char === '>') return j + 1;
    if (char === '=') {
      j += 1;
      while (j < html.length && /\s/.test(html[j]!)) j += 1;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, j + 1);
        if (close < 0) return -1;
        j = close + 1;
        continue;
      }
      continue;
    }
    j += 1;
  }
  return -1;
}
