import { describe, expect, it } from 'vitest';
import { matchedWords } from '@renderer/features/search/hooks/matched-words';
import type { SearchResultRow } from '@renderer/features/search/hooks/use-search';

const row = (title: [string, boolean][], snippet: [string, boolean][]) =>
  ({
    title: title.map(([text, match]) => ({ text, match })),
    snippet: snippet.map(([text, match]) => ({ text, match })),
  }) as SearchResultRow;

describe('matchedWords', () => {
  it('takes the words the index matched as written, then the query’s words', () => {
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
        'election',
      ),
    ).toEqual(['Elections', 'elected', 'election']);
  });

  it('keeps phrases whole and drops the search language’s operators', () => {
    expect(
      matchedWords(undefined, '"harbour council" -ferry title:budget zepp* OR (vote) AND'),
    ).toEqual(['harbour council', 'budget', 'zepp', 'vote']);
  });
});
