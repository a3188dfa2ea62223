import { describe, expect, it } from 'vitest';
import { TopK, bm25, idf, kthLargest, recencyBoost } from '@search-engine/core/ranking';
import { DAY, NOW, article, engineWith } from './helpers';

describe('BM25 pieces', () => {
  it('weighs rare terms more, and more occurrences more (with saturation)', () => {
    expect(idf(1000, 5)).toBeGreaterThan(idf(1000, 500));
    const one = bm25(1, 1, 100, 100);
    const two = bm25(1, 2, 100, 100);
    const twenty = bm25(1, 20, 100, 100);
    expect(two).toBeGreaterThan(one);
    expect(twenty).toBeLessThan(one * 3);
  });

  it('favours shorter documents for the same count', () => {
    expect(bm25(1, 2, 50, 100)).toBeGreaterThan(bm25(1, 2, 400, 100));
  });

  it('boosts recency gently', () => {
    expect(recencyBoost(NOW, NOW)).toBeCloseTo(1.15);
    expect(recencyBoost(NOW - 30 * DAY, NOW)).toBeCloseTo(1.075);
    expect(recencyBoost(NOW - 3650 * DAY, NOW)).toBeCloseTo(1);
  });

  it('TopK keeps the k best, best first', () => {
    const top = new TopK(3);
    [5, 1, 9, 3, 7, 2].forEach((score, docId) => top.push(docId, score));
    expect(top.sorted().map((hit) => hit.score)).toEqual([9, 7, 5]);
    expect(top.threshold).toBe(5);
  });

  it('kthLargest finds the k-th largest score, as a sort would', () => {
    let seed = 11;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const size of [1, 5, 20, 21, 300]) {
      // Repeated values too: ties must not shift the answer.
      const scores = Float64Array.from({ length: size }, () => Math.floor(next() * 50) / 7);
      const sorted = [...scores].sort((a, b) => b - a);
      for (const k of [1, 3, 20])
        expect(kthLargest(scores, k)).toBe(size <= k ? -Infinity : sorted[k - 1]);
    }
    expect(kthLargest(Float64Array.from([3, 1, 2]), 0)).toBe(-Infinity);
  });
});

describe('ranking in the engine', () => {
  const filler = 'the report said officials would meet again next week to discuss details';

  it('ranks a title match above a passing mention in the text', async () => {
    const { search } = await engineWith([
      article('mention', { title: 'Weekly roundup', body: `${filler} volcano ${filler}` }),
      article('title', { title: 'Volcano erupts in Iceland', body: filler }),
    ]);
    expect((await search('volcano ')).ids).toEqual(['title', 'mention']);
  });

  it('ranks the article about a thing above one that names it once', async () => {
    const { search } = await engineWith([
      article('once', { body: `${filler} tariffs ${filler} ${filler}` }),
      article('about', { body: `tariffs tariffs and more tariffs: ${filler}` }),
    ]);
    expect((await search('tariffs ')).ids).toEqual(['about', 'once']);
  });

  it('breaks near-ties by recency and bookmarks, not against relevance', async () => {
    const body = `${filler} glacier`;
    const { search } = await engineWith([
      article('old', { body, publishedAt: NOW - 400 * DAY }),
      article('new', { body, publishedAt: NOW - DAY }),
      article('kept', { body, publishedAt: NOW - 400 * DAY, bookmarkedAt: NOW - 10 * DAY }),
      article('strong', {
        title: 'Glacier retreat',
        body: `glacier glacier ${body}`,
        publishedAt: NOW - 2000 * DAY,
      }),
    ]);
    const { ids } = await search('glacier ');
    expect(ids[0]).toBe('strong');
    expect(ids.indexOf('new')).toBeLessThan(ids.indexOf('old'));
    expect(ids.indexOf('kept')).toBeLessThan(ids.indexOf('old'));
  });

  it('sorts by date when asked', async () => {
    const { search } = await engineWith([
      article('a', { title: 'Glacier glacier', publishedAt: NOW - 5 * DAY }),
      article('b', { body: 'glacier', publishedAt: NOW - DAY }),
      article('c', { body: 'glacier', publishedAt: NOW - 9 * DAY }),
    ]);
    expect((await search('glacier ', { sort: 'date' })).ids).toEqual(['b', 'a', 'c']);
  });

  it('pages through results with offset and limit', async () => {
    const articles = Array.from({ length: 30 }, (_, i) =>
      article(`a${i}`, { body: 'harbour', publishedAt: NOW - i * DAY }),
    );
    const { search } = await engineWith(articles);
    const first = await search('harbour ', { sort: 'date', limit: 10 });
    const second = await search('harbour ', { sort: 'date', limit: 10, offset: 10 });
    expect(first.total).toBe(30);
    expect(first.ids).toEqual(articles.slice(0, 10).map((a) => a.id));
    expect(second.ids).toEqual(articles.slice(10, 20).map((a) => a.id));
  });
});
