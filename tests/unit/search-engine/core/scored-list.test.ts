import { describe, expect, it } from 'vitest';
import {
  atLeast,
  intersectSum,
  subtract,
  unionMax,
  type ScoredList,
} from '@search-engine/core/scored-list';

const list = (entries: [number, number, number?][]): ScoredList => ({
  docs: Int32Array.from(entries, ([doc]) => doc),
  scores: Float64Array.from(entries, ([, score]) => score),
  title: Uint8Array.from(entries, ([, , title]) => title ?? 0),
});
const plain = (result: ScoredList) =>
  [...result.docs].map((doc, i) => [doc, result.scores[i], result.title[i]]);

describe('scored lists', () => {
  const a = list([
    [1, 1],
    [3, 2, 1],
    [5, 3],
  ]);
  const b = list([
    [3, 5],
    [4, 1, 1],
    [5, 1],
  ]);

  it('unions with the best score and either title mark', () => {
    expect(plain(unionMax([a, b]))).toEqual([
      [1, 1, 0],
      [3, 5, 1],
      [4, 1, 1],
      [5, 3, 0],
    ]);
  });

  it('unions many long lists the same way through the dense path', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const lists = Array.from({ length: 12 }, () => {
      const docs = new Set<number>();
      while (docs.size < 3000) docs.add(Math.floor(random() * 50_000));
      return list(
        [...docs].sort((x, y) => x - y).map((doc) => [doc, random(), random() < 0.1 ? 1 : 0]),
      );
    });
    const dense = unionMax(lists);
    const pairwise = lists.reduce((acc, next) => unionMax([acc, next]));
    expect(plain(dense)).toEqual(plain(pairwise));
  });

  it('intersects with summed scores, title only if both', () => {
    expect(plain(intersectSum([a, b]))).toEqual([
      [3, 7, 0],
      [5, 4, 0],
    ]);
  });

  it('subtracts excluded documents', () => {
    expect([...subtract(a, Int32Array.from([3, 9])).docs]).toEqual([1, 5]);
  });

  it('keeps documents matching at least n lists, more matches first', () => {
    const c = list([[5, 1]]);
    const result = atLeast([a, b, c], 2);
    expect([...result.docs]).toEqual([3, 5]);
    expect(result.scores[1]).toBeGreaterThan(result.scores[0]!);
  });
});
