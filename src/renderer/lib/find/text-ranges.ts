/**
 * The article's text as one string, and back from offsets in it to DOM Ranges: find works on
 * the text the reader sees, across the element boundaries inside a paragraph ("<b>Élysée</b>
 * Palace" is found as typed).
 */
import type { TextMatch } from './find-matches';

export interface TextMap {
  text: string;
  nodes: Text[];
  /** Where each node's text starts in `text`. */
  starts: number[];
}

/** Text that is never shown: no match may land in it. */
const HIDDEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
const BLOCKS =
  'p, div, li, ul, ol, dl, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, figure, figcaption, ' +
  'table, caption, tr, td, th, section, article, aside, header, footer, details, summary';

export function textMap(root: Node): TextMap {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement && HIDDEN.has(node.parentElement.tagName)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  let block: Element | null | undefined;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // Paragraphs are apart: "bud</p><p>get" is not "budget". The separator belongs to no node.
    const nodeBlock = node.parentElement?.closest(BLOCKS);
    if (block !== undefined && nodeBlock !== block) text += '\n';
    block = nodeBlock ?? null;
    nodes.push(node as Text);
    starts.push(text.length);
    text += (node as Text).data;
  }
  return { text, nodes, starts };
}

/** The node holding offset `at` (the last node starting at or before it). */
function locate(map: TextMap, at: number, end: boolean): [Text, number] {
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    // An end offset on a boundary belongs to the node before it.
    if (end ? map.starts[mid]! < at : map.starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return [map.nodes[lo]!, at - map.starts[lo]!];
}

export function rangeOf(map: TextMap, match: TextMatch): Range {
  const [startNode, startOffset] = locate(map, match.start, false);
  const [endNode, endOffset] = locate(map, match.end, true);
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}
