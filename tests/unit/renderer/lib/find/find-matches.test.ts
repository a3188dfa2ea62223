import { describe, expect, it } from 'vitest';
import { findMatches, firstMatchOfAny, foldWithMap } from '@renderer/lib/find/find-matches';

const found = (text: string, query: string) =>
  findMatches(text, query).map((m) => text.slice(m.start, m.end));

describe('findMatches', () => {
  it('finds every occurrence, case-insensitive, as the original text', () => {
    expect(found('The Budget, the budget and THE BUDGET.', 'budget')).toEqual([
      'Budget',
      'budget',
      'BUDGET',
    ]);
  });

  it('is diacritic-insensitive both ways, with precomposed and combining accents', () => {
    const text = 'Élysée Palace; the elysee; ELYSE\u0301E again.';
    expect(found(text, 'elysee')).toEqual(['Élysée', 'elysee', 'ELYSE\u0301E']);
    expect(found(text, 'ÉLYSÉE')).toEqual(['Élysée', 'elysee', 'ELYSE\u0301E']);
  });

  it('folds as search does: ß and ss, œ and oe, typographic apostrophes', () => {
    expect(found('Die Straße, die Strasse', 'strasse')).toEqual(['Straße', 'Strasse']);
    expect(found('un cœur', 'coeur')).toEqual(['cœur']);
    expect(found('the reader’s view', "reader's")).toEqual(['reader’s']);
  });

  it('matches a phrase across any run of whitespace, and ignores the query’s outer spaces', () => {
    expect(found('the harbour\n   council met', '  harbour council ')).toEqual([
      'harbour\n   council',
    ]);
  });

  it('finds within words, not only whole words, as find in page does', () => {
    expect(found('Elections and electoral reform', 'elect')).toEqual(['Elect', 'elect']);
  });

  it('does not overlap matches and finds nothing for an empty or blank query', () => {
    expect(found('aaaa', 'aa')).toEqual(['aa', 'aa']);
    expect(findMatches('text', '')).toEqual([]);
    expect(findMatches('text', '   ')).toEqual([]);
    expect(findMatches('text', 'nothing')).toEqual([]);
  });

  it('keeps offsets right around letters outside the basic plane and scripts without spaces', () => {
    expect(found('𝐀 emoji 😀 then 石破茂 said', '石破')).toEqual(['石破']);
    expect(found('𝐀 emoji 😀 then Zeppelin', 'zeppelin')).toEqual(['Zeppelin']);
  });

  it('stops at the limit', () => {
    expect(findMatches('a '.repeat(100), 'a', 5)).toHaveLength(5);
  });
});

describe('firstMatchOfAny', () => {
  it('takes the earliest occurrence of any of the words', () => {
    const text = 'The council voted on the harbour budget.';
    const match = firstMatchOfAny(text, ['budget', 'Harbour', 'absent'])!;
    expect(text.slice(match.start, match.end)).toBe('harbour');
    expect(firstMatchOfAny(text, ['absent'])).toBeUndefined();
  });
});

describe('foldWithMap', () => {
  it('maps every folded character back to the original', () => {
    const folded = foldWithMap('Aß  é');
    expect(folded.text).toBe('ass e');
    expect(folded.from).toEqual([0, 1, 1, 2, 4]);
    expect(folded.to).toEqual([1, 2, 2, 4, 5]);
  });
});
