import { describe, expect, it } from 'vitest';
import { EXPUNGE_RATIO, pickMerge } from '@search-engine/core/merge-policy';

interface Seg {
  id: number;
  docCount: number;
  live?: number;
}

const policy = { mergeFactor: 4, maxMergeDocs: 1_000 };
const segs = (...counts: number[]): Seg[] => counts.map((docCount, id) => ({ id, docCount }));
const live = (segment: Seg) => segment.live ?? segment.docCount;
const ids = (picked: Seg[] | undefined) => picked?.map((segment) => segment.id);

describe('pickMerge', () => {
  it('waits until mergeFactor neighbours share a size class', () => {
    expect(pickMerge(segs(10, 12, 9), live, policy)).toBeUndefined();
    expect(ids(pickMerge(segs(10, 12, 9, 11), live, policy))).toEqual([0, 1, 2, 3]);
  });

  it('merges only neighbours: a segment of another class breaks the run', () => {
    // 10 and 12 are class 1 (log4), 100 is class 3.
    expect(pickMerge(segs(10, 12, 100, 9, 11), live, policy)).toBeUndefined();
    expect(ids(pickMerge(segs(100, 10, 12, 9, 11), live, policy))).toEqual([1, 2, 3, 4]);
  });

  it('leaves segments of maxMergeDocs or more alone', () => {
    expect(pickMerge(segs(1_000, 1_000, 1_000, 1_000), live, policy)).toBeUndefined();
    expect(ids(pickMerge(segs(2, 2, 1_000, 2, 2, 3, 3), live, policy))).toEqual([3, 4, 5, 6]);
  });

  it('never builds a segment past maxMergeDocs', () => {
    // One size class (64..255): four of 255 would sum past 1,000, so the run restarts there.
    expect(pickMerge(segs(255, 255, 255, 255, 255), live, policy)).toBeUndefined();
    expect(ids(pickMerge(segs(200, 200, 200, 200), live, policy))).toEqual([0, 1, 2, 3]);
  });

  it('first rewrites alone a segment that lost more than EXPUNGE_RATIO of its documents', () => {
    const segments: Seg[] = [
      { id: 0, docCount: 10 },
      { id: 1, docCount: 2_000, live: Math.floor(2_000 * (1 - EXPUNGE_RATIO)) - 1 },
      ...segs(10, 10, 10).map((segment) => ({ ...segment, id: segment.id + 2 })),
    ];
    expect(ids(pickMerge(segments, live, policy))).toEqual([1]);
    // At exactly the ratio it is kept: the size classes decide.
    segments[1]!.live = 2_000 * (1 - EXPUNGE_RATIO);
    expect(ids(pickMerge(segments, live, policy))).toBeUndefined();
  });

  it('counts a segment of no documents in the smallest class', () => {
    expect(ids(pickMerge(segs(0, 1, 2, 3), live, policy))).toEqual([0, 1, 2, 3]);
  });
});
