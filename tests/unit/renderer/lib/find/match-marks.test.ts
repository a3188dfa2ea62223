import { describe, expect, it } from 'vitest';
import { findMatches } from '@renderer/lib/find/find-matches';
import { markMatches } from '@renderer/lib/find/match-marks';
import { rangeOf, textMap } from '@renderer/lib/find/text-ranges';

function rangesIn(root: HTMLElement, query: string): Range[] {
  const map = textMap(root);
  return findMatches(map.text, query).map((m) => rangeOf(map, m));
}

describe('markMatches without the Highlight API (jsdom has none)', () => {
  it('wraps each match in <mark>, marks the current one, and takes every mark out again', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>A <b>budget</b> vote; the bud</p><p>get and the Budget.</p>';
    const before = root.innerHTML;
    const marks = markMatches(rangesIn(root, 'budget'));
    expect([...root.querySelectorAll('mark.find-match')].map((m) => m.textContent)).toEqual([
      'budget',
      'Budget',
    ]);
    marks.setCurrent(1);
    expect(root.querySelector('mark.find-current')!.textContent).toBe('Budget');
    marks.setCurrent(0);
    expect(root.querySelectorAll('mark.find-current')).toHaveLength(1);
    expect(root.querySelector('mark.find-current')!.textContent).toBe('budget');
    marks.clear();
    expect(root.innerHTML).toBe(before);
  });

  it('marks a match that spans elements piece by piece', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>the <i>harbour</i> council</p>';
    const marks = markMatches(rangesIn(root, 'harbour council'));
    marks.setCurrent(0);
    expect([...root.querySelectorAll('mark.find-current')].map((m) => m.textContent)).toEqual([
      'harbour',
      ' council',
    ]);
    marks.clear();
    expect(root.innerHTML).toBe('<p>the <i>harbour</i> council</p>');
  });
});
