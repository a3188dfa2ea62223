import { describe, expect, it } from 'vitest';
import {
  atLeast,
  intersectPositions,
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

  it('intersects sorted lists and says where each common document stands in each', () => {
    const lists = [
      Int32Array.from([1, 2, 3, 5, 8, 13, 21, 34]),
      Int32Array.from([2, 3, 5, 7, 11, 13, 34, 55]),
      Int32Array.from([0, 3, 13, 34]),
    ];
    const found = intersectPositions(lists);
    expect([...found.docs]).toEqual([3, 13, 34]);
    expect(found.at.map((at) => [...at])).toEqual([
      [2, 5, 7],
      [1, 5, 6],
      [1, 2, 3],
    ]);
    for (let k = 0; k < lists.length; k++)
      found.docs.forEach((doc, i) => expect(lists[k]![found.at[k]![i]!]).toBe(doc));
  });

  it('agrees with a plain set intersection on random lists, and leaves its inputs as they were', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const lists = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const density = 0.05 + random() * 0.9;
        const docs: number[] = [];
        for (let doc = 0; doc < 400; doc++) if (random() < density) docs.push(doc);
        return Int32Array.from(docs);
      });
      const copies = lists.map((docs) => [...docs]);
      const expected = copies[0]!.filter((doc) => copies.every((docs) => docs.includes(doc)));
      const found = intersectPositions(lists);
      expect([...found.docs]).toEqual(expected);
      found.at.forEach((at, k) => expect([...at].map((i) => lists[k]![i])).toEqual(expected));
      expect(lists.map((docs) => [...docs])).toEqual(copies);
    }
  });

  it('finds nothing when a list is empty, with an empty position column for every list', () => {
    const found = intersectPositions([
      Int32Array.from([1, 2]),
      new Int32Array(0),
      Int32Array.from([2]),
    ]);
    expect(found.docs.length).toBe(0);
    expect(found.at.map((at) => at.length)).toEqual([0, 0, 0]);
  });
});
