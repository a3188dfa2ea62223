import { describe, expect, it } from 'vitest';
import { findMatches } from '@renderer/lib/find/find-matches';
import { rangeOf, textMap } from '@renderer/lib/find/text-ranges';

function content(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.append(div);
  return div;
}

describe('textMap and rangeOf', () => {
  it('finds a phrase across inline elements and maps it back to a DOM range', () => {
    const root = content('<p>The <b>Élysée</b> Palace said</p><p>élysée palace again</p>');
    const map = textMap(root);
    const ranges = findMatches(map.text, 'elysee palace').map((m) => rangeOf(map, m));
    expect(ranges.map((r) => r.toString())).toEqual(['Élysée Palace', 'élysée palace']);
    expect(ranges[0]!.startContainer.parentElement!.tagName).toBe('B');
  });

  it('puts a match that ends on a node boundary inside the node before it', () => {
    const root = content('<p><i>word</i>next</p>');
    const map = textMap(root);
    const range = rangeOf(map, findMatches(map.text, 'word')[0]!);
    expect(range.endContainer.parentElement!.tagName).toBe('I');
    expect(range.toString()).toBe('word');
  });

  it('never matches inside style or script text', () => {
    const root = content('<style>.budget{}</style><p>budget</p>');
    const map = textMap(root);
    expect(findMatches(map.text, 'budget')).toHaveLength(1);
  });
});

describe('textMap between paragraphs', () => {
  it('keeps the words of two paragraphs apart', () => {
    const root = content('<p>the bud</p><p>get vote</p><ul><li>one</li><li>two</li></ul>');
    const map = textMap(root);
    expect(findMatches(map.text, 'budget')).toEqual([]);
    expect(findMatches(map.text, 'onetwo')).toEqual([]);
    const ranges = findMatches(map.text, 'get vote').map((m) => rangeOf(map, m));
    expect(ranges.map((r) => r.toString())).toEqual(['get vote']);
  });
});
