import { describe, expect, it } from 'vitest';
import {
  EXPUNGE_RATIO,
  PURGE_EXPUNGE_RATIO,
  pickExpunge,
  pickMerge,
} from '@search-engine/core/merge-policy';

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

describe('pickExpunge', () => {
  const withLive = (...pairs: [number, number][]): Seg[] =>
    pairs.map(([docCount, liveCount], id) => ({ id, docCount, live: liveCount }));

  it('picks a segment only when more than the ratio of it is removed', () => {
    expect(pickExpunge(withLive([1_000, 900]), live, PURGE_EXPUNGE_RATIO)).toBeUndefined();
    expect(pickExpunge(withLive([1_000, 899]), live, PURGE_EXPUNGE_RATIO)?.id).toBe(0);
  });

  it('picks the segment with the largest removed share first', () => {
    const segments = withLive([1_000, 850], [100, 10], [5_000, 3_000], [2_000, 2_000]);
    expect(pickExpunge(segments, live, PURGE_EXPUNGE_RATIO)?.id).toBe(1);
    segments[1]!.live = 100;
    expect(pickExpunge(segments, live, PURGE_EXPUNGE_RATIO)?.id).toBe(2);
  });

  it('with ratio 0 picks any segment holding a removed document, and skips empty ones', () => {
    expect(pickExpunge(withLive([0, 0], [10, 10]), live, 0)).toBeUndefined();
    expect(pickExpunge(withLive([0, 0], [10, 10], [10, 9]), live, 0)?.id).toBe(2);
  });

  it('pickMerge expunges only past EXPUNGE_RATIO: 30 % removed by a purge is left to PURGE_EXPUNGE_RATIO', () => {
    const segments = withLive([2_000, 1_400], [2_000, 1_400]);
    expect(pickMerge(segments, live, policy)).toBeUndefined();
    expect(pickExpunge(segments, live, EXPUNGE_RATIO)).toBeUndefined();
    expect(pickExpunge(segments, live, PURGE_EXPUNGE_RATIO)?.id).toBe(0);
  });
});
