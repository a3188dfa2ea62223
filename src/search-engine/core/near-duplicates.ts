/**
 * Near-duplicate text, generic: a text's analyzed words (folded and stemmed as the index does,
 * so "Ishiba's" and "Ishiba’s" or "says"/"said" do not break a match) cut into overlapping
 * word shingles, a MinHash signature of the shingle set, LSH band keys for candidate lookup,
 * and the Jaccard and containment estimates two signatures give.
 *
 * MinHash: for each of k hash functions, the smallest hash over the set. Two sets agree on one
 * position with probability |A ∩ B| / |A ∪ B|, so the share of agreeing positions estimates
 * their Jaccard similarity without keeping the sets. Banding: r positions hashed together make
 * one key; two sets share at least one of b keys with probability 1 − (1 − J^r)^b, so an exact
 * key index finds similar texts without comparing against everything stored.
 */
import { analyze, wordHash } from './tokenize';

/** 32-bit finalizer (MurmurHash3's fmix32): spreads every input bit over the whole word. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed per-position seeds, so every process and every version computes the same signature. */
const SEEDS: readonly number[] = Array.from({ length: 256 }, (_, i) =>
  mix32(Math.imul(i + 1, 0x9e3779b9)),
);

/** The analyzed words of a text, each as a 32-bit hash, in order (repeats kept). */
export function wordHashes(text: string): number[] {
  const words: number[] = [];
  analyze(text, (term) => words.push(wordHash(term)));
  return words;
}

/**
 * The distinct hashes of every run of `size` consecutive words among the first `limit` of
 * `words` (fewer words than `size` make one shingle of them all).
 */
export function shingles(words: readonly number[], size: number, limit = Infinity): Uint32Array {
  const count = Math.min(words.length, limit);
  const set = new Set<number>();
  if (count > 0 && count < size) set.add(combine(words, 0, count));
  for (let i = 0; i + size <= count; i++) set.add(combine(words, i, size));
  return Uint32Array.from(set);
}

function combine(words: readonly number[], start: number, size: number): number {
  let h = 0x2545f491;
  for (let i = start; i < start + size; i++) h = mix32(Math.imul(h, 31) ^ words[i]!);
  return h;
}

/** k smallest-hash positions over the set (all 0xffffffff for an empty set). */
export function minHash(hashes: Uint32Array, k: number): Uint32Array {
  const mins = new Uint32Array(k).fill(0xffffffff);
  for (let s = 0; s < hashes.length; s++) {
    const x = hashes[s]!;
    for (let i = 0; i < k; i++) {
      const h = mix32(x ^ SEEDS[i]!);
      if (h < mins[i]!) mins[i] = h;
    }
  }
  return mins;
}

/** Share of positions where two signatures agree: the estimate of the sets' Jaccard index. */
export function jaccardEstimate(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const k = Math.min(a.length, b.length);
  if (k === 0) return 0;
  let same = 0;
  for (let i = 0; i < k; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / k;
}

/**
 * How much of the smaller set lies in the larger, |A ∩ B| / min(|A|, |B|), from the Jaccard
 * estimate and the set sizes (|A ∩ B| = J (|A| + |B|) / (1 + J)). A trimmed copy of a text is
 * contained in it though their Jaccard index is low.
 */
export function containmentEstimate(jaccard: number, sizeA: number, sizeB: number): number {
  const smaller = Math.min(sizeA, sizeB);
  if (smaller === 0) return 0;
  const common = (jaccard * (sizeA + sizeB)) / (1 + jaccard);
  return Math.min(1, common / smaller);
}

/**
 * One key per band of `rows` consecutive signature positions, over the first `bands * rows`
 * positions: base-36 hashes, short enough to index many of.
 */
export function bandKeys(signature: ArrayLike<number>, bands: number, rows: number): string[] {
  const keys: string[] = [];
  for (let band = 0; band < bands; band++) {
    let h = mix32(band + 1);
    for (let row = 0; row < rows; row++) {
      h = mix32(Math.imul(h, 31) ^ (signature[band * rows + row] ?? 0));
    }
    keys.push(h.toString(36));
  }
  return keys;
}
