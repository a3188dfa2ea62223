/**
 * Marks found passages. With the CSS Custom Highlight API the article's DOM is left as it is
 * (the sanitized HTML React put there, highlights and offline images keep their nodes); where
 * the API is missing, the matched text is wrapped in <mark> elements that `clear` takes out
 * again, leaving the text nodes as they were.
 */
export const MATCH_HIGHLIGHT = 'find-match';
export const CURRENT_HIGHLIGHT = 'find-current';

export interface MatchMarks {
  /** Marks match `index` as the current one (-1: none). */
  setCurrent(index: number): void;
  clear(): void;
}

function highlightRegistry(): HighlightRegistry | undefined {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
    ? CSS.highlights
    : undefined;
}

export function markMatches(ranges: Range[], useHighlightApi = true): MatchMarks {
  const registry = useHighlightApi ? highlightRegistry() : undefined;
  if (registry) {
    registry.set(MATCH_HIGHLIGHT, new Highlight(...ranges));
    return {
      setCurrent(index) {
        const range = ranges[index];
        if (!range) {
          registry.delete(CURRENT_HIGHLIGHT);
          return;
        }
        const current = new Highlight(range);
        current.priority = 1;
        registry.set(CURRENT_HIGHLIGHT, current);
      },
      clear() {
        registry.delete(MATCH_HIGHLIGHT);
        registry.delete(CURRENT_HIGHLIGHT);
      },
    };
  }
  return wrapInMarks(ranges);
}

/** The text nodes a range covers, each with the covered part. */
function pieces(range: Range): [Text, number, number][] {
  const out: [Text, number, number][] = [];
  const root = range.commonAncestorContainer;
  const walker = root.ownerDocument!.createTreeWalker(
    root.nodeType === Node.TEXT_NODE ? root.parentNode! : root,
    NodeFilter.SHOW_TEXT,
  );
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!range.intersectsNode(node)) continue;
    const text = node as Text;
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : text.length;
    if (end > start) out.push([text, start, end]);
  }
  return out;
}

function wrapInMarks(ranges: Range[]): MatchMarks {
  const marks: HTMLElement[][] = ranges.map(() => []);
  // Back to front: wrapping a passage splits text nodes, which must not move the passages
  // still to wrap before it.
  for (let i = ranges.length - 1; i >= 0; i--) {
    for (const [node, start, end] of pieces(ranges[i]!).reverse()) {
      const middle = node.splitText(start);
      middle.splitText(end - start);
      const mark = node.ownerDocument.createElement('mark');
      mark.className = MATCH_HIGHLIGHT;
      middle.replaceWith(mark);
      mark.append(middle);
      marks[i]!.unshift(mark);
    }
  }
  let current = -1;
  return {
    setCurrent(index) {
      for (const mark of marks[current] ?? []) mark.classList.remove(CURRENT_HIGHLIGHT);
      current = index;
      for (const mark of marks[current] ?? []) mark.classList.add(CURRENT_HIGHLIGHT);
    },
    clear() {
      for (const mark of marks.flat()) {
        const parent = mark.parentNode;
        if (!parent) continue;
        mark.replaceWith(...mark.childNodes);
        parent.normalize();
      }
    },
  };
}
