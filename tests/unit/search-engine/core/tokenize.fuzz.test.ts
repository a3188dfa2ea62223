import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, normalizeWord, wordHash } from '@search-engine/core/tokenize';
import { queryText } from '../../../fixtures/query-text';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';

const TARGET = 'search-engine/core/tokenize';

const text = fc.oneof(
  queryText,
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('analyze under fuzzing', () => {
  it(
    'never throws; every term is non-empty at offsets inside the text',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'terms are non-empty with offsets inside the text',
        fc.property(text, fc.constantFrom('all' as const, 'none' as const), (input, unigrams) => {
          const problems: string[] = [];
          analyze(
            input,
            (term, start, end) => {
              if (!term) problems.push(`empty term at ${start}`);
              if (!(start >= 0 && start < end && end <= input.length))
                problems.push(`${term} at ${start}..${end} of ${input.length}`);
            },
            { unigrams },
          );
          expect(problems).toEqual([]);
        }),
      );
    },
  );

  it(
    'hands plain words over as normalizeWord would see them',
    { timeout: fuzzTimeoutMs() },
    async () => {
      // The segment builder maps plain words to terms by their hash: the hash must be wordHash of
      // exactly the word, and the word the one the slow path would have normalized.
      await fuzz(
        TARGET,
        'plainWord gets the word, its wordHash, and the terms match the slow path',
        fc.property(text, (input) => {
          const slow: string[] = [];
          analyze(input, (term) => slow.push(term));
          const fast: string[] = [];
          analyze(input, (term) => fast.push(term), {
            plainWord: (source, start, end, hash) => {
              const word = source.slice(start, end);
              expect(hash).toBe(wordHash(word));
              const term = normalizeWord(word);
              if (term) fast.push(term);
            },
          });
          expect(fast).toEqual(slow);
        }),
      );
    },
  );
});
