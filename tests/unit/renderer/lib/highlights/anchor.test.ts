import { describe, expect, it } from 'vitest';
import {
  clearMarks,
  locateInElement,
  locateQuote,
  markSelector,
  selectorFromRange,
} from '@renderer/lib/highlights/anchor';

function render(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

/** A Range over the `n`th occurrence of `text` inside one text node of `root`. */
function rangeOver(root: HTMLElement, text: string, n = 0): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (let at = node.data.indexOf(text); at !== -1; at = node.data.indexOf(text, at + 1)) {
      if (seen++ === n) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        return range;
      }
    }
  }
  throw new Error(`no ${text}`);
}

const marked = (root: HTMLElement) =>
  [...root.querySelectorAll('mark')].map((m) => m.textContent).join('|');

const ARTICLE = `
  <h2>The harbour</h2>
  <p>The  ferry left at dawn.   The gulls followed it out.</p>
  <p>Nobody on board <em>expected</em> the storm.</p>
  <p>The gulls followed it out, again, at dusk.</p>`;

describe('highlight anchoring', () => {
  it('makes a whitespace-normalised selector with context from a selection across elements', () => {
    const root = render(ARTICLE);
    const range = document.createRange();
    const first = rangeOver(root, 'board');
    const last = rangeOver(root, 'storm');
    range.setStart(first.startContainer, first.startOffset);
    range.setEnd(last.endContainer, last.endOffset);
    const selector = selectorFromRange(root, range)!;
    expect(selector.quote).toBe('board expected the storm');
    expect(selector.prefix.endsWith('followed it out. Nobody on ')).toBe(true);
    expect(selector.suffix.startsWith('. The gulls')).toBe(true);
    // Blocks are separated by a space, so paragraphs never run together.
    expect(locateInElement(root, selector)).toEqual({
      start: selector.start,
      end: selector.start! + selector.quote.length,
    });
  });

  it('finds the passage again after a re-render (a theme or font change re-renders the same HTML)', () => {
    const root = render(ARTICLE);
    const selector = selectorFromRange(root, rangeOver(root, 'ferry left at'))!;
    const again = render(ARTICLE);
    const marks = markSelector(again, selector, 'h1');
    expect(marks).toHaveLength(1);
    expect(marked(again)).toBe('ferry left at');
    expect(marks[0]!.dataset.highlightId).toBe('h1');
    // The text is untouched by marking.
    expect(again.textContent).toBe(render(ARTICLE).textContent);
  });

  it('marks a passage spanning several elements, one mark per text node, and clears them', () => {
    const root = render(ARTICLE);
    const range = document.createRange();
    range.setStart(
      rangeOver(root, 'on board').startContainer,
      rangeOver(root, 'on board').startOffset,
    );
    range.setEnd(
      rangeOver(root, ' the storm').endContainer,
      rangeOver(root, ' the storm').endOffset,
    );
    const selector = selectorFromRange(root, range)!;
    const view = render(ARTICLE);
    expect(markSelector(view, selector, 'h').map((m) => m.textContent)).toEqual([
      'on board ',
      'expected',
      ' the storm',
    ]);
    clearMarks(view);
    expect(view.querySelector('mark')).toBeNull();
    expect(view.innerHTML).toBe(render(ARTICLE).innerHTML);
  });

  it('tells repeated quotes apart by their context, and by the start hint when context is equal', () => {
    const root = render(ARTICLE);
    const second = selectorFromRange(root, rangeOver(root, 'The gulls followed it out', 1))!;
    const view = render(ARTICLE);
    markSelector(view, second, 'h');
    expect(view.querySelector('mark')!.closest('p')!.textContent).toContain('at dusk');

    const text = 'abc xyz abc xyz abc';
    expect(locateQuote(text, { quote: 'abc', prefix: '', suffix: '', start: 8 })?.start).toBe(8);
    expect(locateQuote(text, { quote: 'abc', prefix: '', suffix: '', start: 17 })?.start).toBe(16);
    // Equal context and no hint: the first one.
    expect(locateQuote(text, { quote: 'abc', prefix: 'xyz ', suffix: '' })?.start).toBe(8);
  });

  it('survives a refresh that changes another paragraph, even before the passage', () => {
    const root = render(ARTICLE);
    const selector = selectorFromRange(root, rangeOver(root, 'expected'))!;
    const changed = render(
      ARTICLE.replace(
        'The harbour',
        'The old harbour, rewritten with a much longer heading',
      ).replace('left at dawn', 'sailed before sunrise'),
    );
    expect(markSelector(changed, selector, 'h').map((m) => m.textContent)).toEqual(['expected']);
  });

  it('finds a quote whose whitespace or markup changed', () => {
    const root = render(ARTICLE);
    const selector = selectorFromRange(root, rangeOver(root, 'ferry left'))!;
    const view = render(ARTICLE.replace('ferry left', 'ferry\n   <b>left</b>'));
    expect(marked(view)).toBe('');
    expect(markSelector(view, selector, 'h').map((m) => m.textContent)).toEqual([
      'ferry\n',
      'left',
    ]);
  });

  it('reports a missing quote as orphaned and leaves the article alone', () => {
    const root = render(ARTICLE);
    const selector = selectorFromRange(root, rangeOver(root, 'expected'))!;
    const changed = render(ARTICLE.replace('expected', 'foresaw'));
    const before = changed.innerHTML;
    expect(locateInElement(changed, selector)).toBeUndefined();
    expect(markSelector(changed, selector, 'h')).toEqual([]);
    expect(changed.innerHTML).toBe(before);
  });

  it('gives no selector for a collapsed, blank or outside selection', () => {
    const root = render(ARTICLE);
    const collapsed = rangeOver(root, 'ferry');
    collapsed.collapse(true);
    expect(selectorFromRange(root, collapsed)).toBeUndefined();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    const range = document.createRange();
    range.selectNodeContents(outside);
    expect(selectorFromRange(root, range)).toBeUndefined();
  });
});
