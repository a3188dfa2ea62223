import { describe, expect, it } from 'vitest';
import { matchedWords } from '@renderer/features/search/hooks/matched-words';
import type { SearchResultRow } from '@renderer/features/search/hooks/use-search';

const row = (title: [string, boolean][], snippet: [string, boolean][]) =>
  ({
    title: title.map(([text, match]) => ({ text, match })),
    snippet: snippet.map(([text, match]) => ({ text, match })),
  }) as SearchResultRow;

describe('matchedWords', () => {
  it('takes the words the index matched as written and the query’s phrases, not its other words', () => {
    expect(
      matchedWords(
        row(
          [
            ['The ', false],
            ['Elections', true],
          ],
          [
            ['… the ', false],
            ['elected', true],
            [' council', false],
          ],
        ),
        'the election "the council"',
      ),
    ).toEqual(['Elections', 'elected', 'the council']);
  });

  it('without matches, takes the query’s words, phrases whole, without the operators', () => {
    expect(
      matchedWords(undefined, '"harbour council" -ferry title:budget zepp* OR (vote) AND'),
    ).toEqual(['harbour council', 'budget', 'zepp', 'vote']);
  });
});
