/**
 * Highlight anchoring: a highlight is kept as its quote with some text either side (and where it
 * started, as a hint), never as DOM offsets, so it survives re-renders, theme and font changes
 * and an upstream edit of other paragraphs. Everything here works on the reader's content
 * element and a "text model" of it: its text with whitespace runs collapsed to one space and a
 * space between blocks, each character mapped back to the text node it came from.
 */
import { BLOCK_ELEMENTS } from '@shared/block-elements';

/** How much text either side of a quote is kept to tell equal quotes apart. */
export const CONTEXT_CHARS = 32;

/** What is stored to find a passage again (entities.ts#Highlight without its bookkeeping). */
export interface TextSelector {
  quote: string;
  prefix: string;
  suffix: string;
  /** Where the quote started in the model's text when it was made. */
  start?: number;
}

interface TextModel {
  text: string;
  /** For each character of `text`: its text node, or undefined for a block separator. */
  nodes: (Text | undefined)[];
  /** For each character: its offset in that node (the next node's start for a separator). */
  offsets: number[];
}

const isSpace = (ch: string): boolean => /\s/.test(ch);

/** The nearest block element holding `node` inside `root` (root itself at worst). */
function blockOf(node: Node, root: Element): Node {
  for (let at = node.parentNode; at && at !== root; at = at.parentNode) {
    if (BLOCK_ELEMENTS.has((at as Element).tagName)) return at;
  }
  return root;
}

function buildModel(root: Element): TextModel {
  const text: string[] = [];
  const nodes: (Text | undefined)[] = [];
  const offsets: number[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let lastBlock: Node | undefined;
  // Starting "after a space" drops leading whitespace.
  let afterSpace = true;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const value = node.data;
    if (!value) continue;
    const block = blockOf(node, root);
    if (lastBlock && block !== lastBlock && !afterSpace) {
      text.push(' ');
      nodes.push(undefined);
      offsets.push(0);
      afterSpace = true;
    }
    lastBlock = block;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i]!;
      if (isSpace(ch)) {
        if (afterSpace) continue;
        text.push(' ');
        afterSpace = true;
      } else {
        text.push(ch);
        afterSpace = false;
      }
      nodes.push(node);
      offsets.push(i);
    }
  }
  return { text: text.join(''), nodes, offsets };
}

/** Whitespace runs as one space, trimmed: how quotes and context are compared. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first model index at or after (node, offset), in document order. */
function indexAt(model: TextModel, root: Element, node: Node, offset: number): number {
  const range = root.ownerDocument.createRange();
  range.setStart(node, offset);
  // Binary search on document order: the model is in document order.
  let lo = 0;
  let hi = model.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = model.nodes[mid] ?? nextNodeOf(model, mid);
    const cmp = at ? range.comparePoint(at, at === model.nodes[mid] ? model.offsets[mid]! : 0) : 1;
    // cmp: -1 before the point, 0 at it, 1 after.
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextNodeOf(model: TextModel, index: number): Text | undefined {
  for (let i = index + 1; i < model.nodes.length; i++) if (model.nodes[i]) return model.nodes[i];
  return undefined;
}

/**
 * A selector for the passage a Range selects inside `root`, or undefined when it selects no
 * text of it (collapsed, outside, only whitespace).
 */
export function selectorFromRange(root: Element, range: Range): TextSelector | undefined {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return undefined;
  const model = buildModel(root);
  let start = indexAt(model, root, range.startContainer, range.startOffset);
  let end = indexAt(model, root, range.endContainer, range.endOffset);
  while (start < end && model.text[start] === ' ') start++;
  while (end > start && model.text[end - 1] === ' ') end--;
  if (start >= end) return undefined;
  return {
    quote: model.text.slice(start, end),
    prefix: model.text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: model.text.slice(end, end + CONTEXT_CHARS),
    start,
  };
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where a selector's quote is in `text` (a model's text): every exact occurrence is scored by
 * how much of the stored prefix and suffix still surrounds it; the `start` hint only breaks
 * ties. Undefined when the quote is no longer there: the highlight is orphaned.
 */
export function locateQuote(
  text: string,
  selector: TextSelector,
): { start: number; end: number } | undefined {
  const quote = normalizeText(selector.quote);
  if (!quote) return undefined;
  const prefix = selector.prefix.replace(/\s+/g, ' ');
  const suffix = selector.suffix.replace(/\s+/g, ' ');
  let best: { start: number; score: number } | undefined;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    const context =
      commonSuffix(text.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefix(text.slice(at + quote.length, at + quote.length + suffix.length), suffix);
    // Context counts in whole characters; the distance from the hint is a fraction below one.
    const distance = selector.start === undefined ? 0 : Math.abs(at - selector.start);
    const score = context - distance / (text.length + 1);
    if (!best || score > best.score) best = { start: at, score };
  }
  return best && { start: best.start, end: best.start + quote.length };
}

/** Finds a selector's passage in `root`'s text (see locateQuote). */
export function locateInElement(
  root: Element,
  selector: TextSelector,
): { start: number; end: number } | undefined {
  return locateQuote(buildModel(root).text, selector);
}

export const MARK_CLASS = 'highlight-mark';

/**
 * Wraps a selector's passage in `<mark>` elements (one per text node it spans), in the live
 * DOM only: marks are never part of the stored article. Returns the marks, or an empty list when
 * the passage is gone (orphaned).
 */
export function markSelector(root: Element, selector: TextSelector, id: string): HTMLElement[] {
  const model = buildModel(root);
  const found = locateQuote(model.text, selector);
  if (!found) return [];
  // Each text node's piece of the passage, in document order.
  const pieces: { node: Text; from: number; to: number }[] = [];
  for (let i = found.start; i < found.end; i++) {
    const node = model.nodes[i];
    if (!node) continue;
    const last = pieces.at(-1);
    if (last?.node === node) last.to = model.offsets[i]! + 1;
    else pieces.push({ node, from: model.offsets[i]!, to: model.offsets[i]! + 1 });
  }
  const marks: HTMLElement[] = [];
  for (const { node, from, to } of pieces) {
    // splitText keeps the head in `node`, so each piece is cut out of its own node safely.
    const tail = from > 0 ? node.splitText(from) : node;
    if (to - from < tail.data.length) tail.splitText(to - from);
    const mark = root.ownerDocument.createElement('mark');
    mark.className = MARK_CLASS;
    mark.dataset.highlightId = id;
    tail.parentNode!.replaceChild(mark, tail);
    mark.appendChild(tail);
    marks.push(mark);
  }
  return marks;
}

/** Takes every highlight mark out of `root`, leaving its text as it was. */
export function clearMarks(root: Element): void {
  const marks = root.querySelectorAll<HTMLElement>(`mark.${MARK_CLASS}`);
  const parents = new Set<Node>();
  for (const mark of marks) {
    const parent = mark.parentNode;
    if (!parent) continue;
    while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
    parent.removeChild(mark);
    parents.add(parent);
  }
  for (const parent of parents) parent.normalize();
}
