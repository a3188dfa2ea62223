import { describe, expect, it } from 'vitest';
import {
  bandKeys,
  containmentEstimate,
  jaccardEstimate,
  minHash,
  shingles,
  wordHashes,
} from '@search-engine/core/near-duplicates';
import { seededRandom } from '../../../e2e/support/seeded-random';

/** A text of `count` distinct made-up words drawn from a seeded generator. */
function words(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Math.floor(random() * 1e9).toString(36) + 'x');
}

function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const setA = new Set(a);
  const common = [...new Set(b)].filter((value) => setA.has(value)).length;
  return common / (setA.size + new Set(b).size - common);
}

describe('wordHashes and shingles', () => {
  it('hashes analyzed words, so case, apostrophes and word forms do not matter', () => {
    expect(wordHashes("Ishiba's talks WERE held")).toEqual(wordHashes('ishiba’s talk were held'));
  });

  it('makes one shingle per run of words, distinct, up to a limit of words', () => {
    const text = wordHashes('a b c d e f a b c d');
    expect(shingles(text, 4)).toHaveLength(6); // abcd bcde cdef defa efab fabc (abcd again)
    expect(shingles(text, 4, 5)).toHaveLength(2);
    expect(shingles(wordHashes('two words'), 4)).toHaveLength(1);
    expect(shingles([], 4)).toHaveLength(0);
  });
});

describe('MinHash estimates', () => {
  const base = words(600, 1);
  const sign = (list: string[]) => {
    const set = shingles(wordHashes(list.join(' ')), 4);
    return { set, signature: minHash(set, 64) };
  };

  it('estimates the Jaccard index of two shingle sets within a few hundredths', () => {
    for (const overlap of [0, 0.3, 0.6, 1]) {
      const keep = Math.round(base.length * overlap);
      const other = [...base.slice(0, keep), ...words(base.length - keep, 2)];
      const a = sign(base);
      const b = sign(other);
      const exact = exactJaccard(a.set, b.set);
      expect(Math.abs(jaccardEstimate(a.signature, b.signature) - exact)).toBeLessThan(0.15);
    }
  });

  it('estimates how much of a trimmed copy lies in the whole', () => {
    const a = sign(base);
    const trimmed = sign(base.slice(0, 200));
    const jaccard = jaccardEstimate(a.signature, trimmed.signature);
    expect(jaccard).toBeLessThan(0.5);
    expect(containmentEstimate(jaccard, a.set.length, trimmed.set.length)).toBeGreaterThan(0.8);
    expect(containmentEstimate(0, 10, 10)).toBe(0);
    expect(containmentEstimate(1, 0, 10)).toBe(0);
  });

  it('agrees on nothing for empty sets', () => {
    const empty = minHash(new Uint32Array(), 8);
    expect(jaccardEstimate(empty, empty)).toBe(0);
  });
});

describe('bandKeys', () => {
  it('gives equal bands equal keys and is stable across runs', () => {
    const signature = Uint32Array.from([1, 2, 3, 4, 5, 6]);
    const keys = bandKeys(signature, 3, 2);
    expect(keys).toHaveLength(3);
    expect(bandKeys(Uint32Array.from([1, 2, 9, 9, 5, 6]), 3, 2)).toEqual([
      keys[0],
      expect.any(String),
      keys[2],
    ]);
    expect(bandKeys(Uint32Array.from([1, 2, 9, 9, 5, 6]), 3, 2)[1]).not.toBe(keys[1]);
    // The same band in another position is another key.
    expect(bandKeys(Uint32Array.from([5, 6, 3, 4, 1, 2]), 3, 2)[0]).not.toBe(keys[0]);
  });
});
