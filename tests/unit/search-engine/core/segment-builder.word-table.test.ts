import { describe, expect, it } from 'vitest';
import { analyzeDoc, type IndexDocument } from '@search-engine/core/document';
import type { SegmentFile } from '@search-engine/core/segment';
import { SegmentBuilder } from '@search-engine/core/segment-builder';
import { analyze, wordHash } from '@search-engine/core/tokenize';
import { article } from './helpers';
import { hasRealFeeds, loadRealFeeds } from './real-feeds-corpus';

/** A segment built through addWordAt (the builder itself) and one through `add` alone. */
function bothWays(articles: IndexDocument[]): [SegmentFile, SegmentFile, number[][]] {
  const fast = new SegmentBuilder();
  const plain = new SegmentBuilder();
  const lengths: number[][] = [];
  articles.forEach((doc, docId) => {
    fast.beginDoc(docId);
    plain.beginDoc(docId);
    lengths.push([
      analyzeDoc(doc, fast),
      analyzeDoc(doc, {
        add: (term, weight, bit, position) => plain.add(term, weight, bit, position),
      }),
    ]);
    fast.endDoc();
    plain.endDoc();
  });
  return [fast.build(1), plain.build(1), lengths];
}

function expectSame(a: SegmentFile, b: SegmentFile) {
  expect(a.header).toEqual(b.header);
  expect(a.dictPages).toEqual(b.dictPages);
  expect(a.pages).toEqual(b.pages);
  expect(a.posPages).toEqual(b.posPages);
}

describe('words as written → term ids', () => {
  it('hands plain words over with the hash of their characters', () => {
    const seen: [string, number][] = [];
    const emitted: string[] = [];
    analyze("Ishiba's don't Élysée 石破 x", (term) => emitted.push(term), {
      plainWord: (text, start, end, hash) => seen.push([text.slice(start, end), hash]),
    });
    expect(seen).toEqual([
      ["Ishiba's", wordHash("Ishiba's")],
      ["don't", wordHash("don't")],
      ['x', wordHash('x')],
    ]);
    // Words with other characters still come through emit.
    expect(emitted).toEqual(['elyse', '石破', '石', '破']);
  });

  it('builds the very same segment as term by term, edge cases included', () => {
    const long = 'a'.repeat(41);
    const docs = [
      article('a', {
        title: 'Storm STORM storm storms',
        body: `Don't DON'T ${long} ${long} 2024 x`,
      }),
      article('b', {
        title: 'Ishiba’s remorse',
        body: 'Remorseful remorse, café Café cafe 石破 Storm',
      }),
      // Many distinct words, so the word table grows several times.
      article('c', {
        body: Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)} W${i}`).join(' '),
      }),
      article('d', { body: 'w1 w2 w3 storm' }),
    ];
    const [fast, plain, lengths] = bothWays(docs);
    expectSame(fast, plain);
    for (const [a, b] of lengths) expect(a).toBe(b);
  });

  it.runIf(hasRealFeeds())(
    'builds the same segment over the real-feeds corpus',
    () => {
      const articles = loadRealFeeds()
        .flatMap((feed) => feed.items)
        .slice(0, 1500);
      const [fast, plain, lengths] = bothWays(articles);
      expect(fast.header.termCount).toBeGreaterThan(10_000);
      expectSame(fast, plain);
      for (const [a, b] of lengths) expect(a).toBe(b);
    },
    60_000,
  );
});
