import { describe, expect, it } from 'vitest';
import { highlightAll, snippet } from '@search-engine/core/snippets';
import { terms } from '@search-engine/core/tokenize';

const set = (query: string) => new Set(terms(query));
const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');
const marked = (segments: { text: string; match: boolean }[]) =>
  segments.filter((s) => s.match).map((s) => s.text);

describe('snippets', () => {
  const intro = 'The city council met on Monday to discuss the annual budget and road repairs. ';
  const body = `${intro.repeat(8)}Later, the prime minister expressed remorse over the scandal, aides said. ${intro.repeat(4)}`;

  it('shows the passage where the words are, not the first lines', () => {
    const segments = snippet(body, set('minister remorse'));
    expect(text(segments)).toContain('prime minister expressed remorse');
    expect(text(segments).length).toBeLessThan(260);
    expect(segments[0]).toEqual({ text: '…', match: false });
    expect(segments.at(-1)).toEqual({ text: '…', match: false });
    expect(marked(segments)).toEqual(['minister', 'remorse']);
  });

  it('marks inflected forms and keeps the original spelling and case', () => {
    const segments = snippet(
      'Ministers REGRET the Élysée decisions.',
      set('minister regret elysee'),
    );
    expect(marked(segments)).toEqual(['Ministers', 'REGRET', 'Élysée']);
  });

  it('marks words whose stem starts differently, or after a shifted apostrophe', () => {
    // Only words sharing a stem's first two letters are stemmed; these are the exceptions.
    expect(marked(snippet('Lying in state, the dying king spoke.', set('die lie')))).toEqual([
      'Lying',
      'dying',
    ]);
    expect(marked(snippet("At eleven o'clock sharp.", set('oclock')))).toEqual(["o'clock"]);
    expect(marked(snippet('Hoping, he HOPED; a hope.', set('hope a')))).toEqual([
      'Hoping',
      'HOPED',
      'a',
      'hope',
    ]);
  });

  it('prefers a window with every word over one with many repeats of one', () => {
    const repeats = 'budget '.repeat(30);
    const doc = `${repeats} ${'filler words here. '.repeat(20)} the budget vote failed narrowly`;
    const segments = snippet(doc, set('budget vote'));
    expect(marked(segments)).toContain('vote');
  });

  it('falls back to the start when nothing matches', () => {
    const segments = snippet(body, set('zebra'));
    expect(segments[0]!.text.startsWith('The city council')).toBe(true);
    expect(marked(segments)).toEqual([]);
  });

  it('merges overlapping CJK bigrams into one highlight', () => {
    const segments = highlightAll('首相石破茂は語った', set('石破茂'));
    expect(marked(segments)).toEqual(['石破茂']);
    expect(text(segments)).toBe('首相石破茂は語った');
  });

  it('returns text segments only, never markup', () => {
    const segments = highlightAll('<b>budget</b> & cuts', set('budget'));
    expect(text(segments)).toBe('<b>budget</b> & cuts');
    expect(marked(segments)).toEqual(['budget']);
  });

  it('handles empty input', () => {
    expect(snippet('', set('x'))).toEqual([]);
    expect(highlightAll('', set('x'))).toEqual([]);
  });
});
