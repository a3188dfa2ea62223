import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldTerm } from '@search-engine/core/fold';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';

const TARGET = 'search-engine/core/fold';

/** Letters from the scripts and symbol blocks folding has to deal with. */
const word = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({
    unit: fc.integer({ min: 0x00c0, max: 0x24ff }).map((c) => String.fromCodePoint(c)),
    maxLength: 8,
  }),
  fc.string({
    unit: fc.integer({ min: 0x1d400, max: 0x1d7ff }).map((c) => String.fromCodePoint(c)),
    maxLength: 4,
  }),
);

describe('foldTerm under fuzzing', () => {
  it('is idempotent', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'fold(fold(x)) == fold(x)',
      fc.property(word, (text) => {
        const once = foldTerm(text);
        expect(foldTerm(once)).toBe(once);
      }),
    );
  });

  it('ignores case', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'fold(upper(x)) == fold(lower(x)) == fold(x)',
      fc.property(word, (text) => {
        expect(foldTerm(text.toLowerCase())).toBe(foldTerm(text));
        expect(foldTerm(text.toUpperCase())).toBe(foldTerm(text.toLowerCase()));
      }),
    );
  });
});

describe('foldTerm on what fuzzing found', () => {
  it('lowers what a compatibility form decomposes to', () => {
    // Was 'A', and folding 'A' again gave 'a': a query could not meet the document's term.
    expect(foldTerm('𝐀')).toBe('a');
    expect(foldTerm('ℌello')).toBe('hello');
  });

  it('folds every way of writing a letter’s case alike', () => {
    expect(foldTerm('ᲀ')).toBe(foldTerm('В'));
    expect(foldTerm('ᾀ')).toBe(foldTerm('ἈΙ'));
  });
});
