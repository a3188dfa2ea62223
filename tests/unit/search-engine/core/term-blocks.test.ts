import { describe, expect, it } from 'vitest';
import type { SegmentHeader } from '@search-engine/core/segment';
import {
  lookupTerm,
  segmentDictionary,
  type BlockSource,
} from '@search-engine/core/segment-dictionary';
import {
  DICT_BLOCK_BYTES,
  DictionaryWriter,
  blockFor,
  decodeBlock,
  decodeBlocks,
  indexIn,
} from '@search-engine/core/term-blocks';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import { SearchEngine } from '@search-engine/core/engine';
import { NOW, article } from './helpers';

/** Writes `terms` (sorted here) with made-up numbers derived from their rank. */
function write(terms: string[]) {
  const sorted = [...new Set(terms)].sort();
  const writer = new DictionaryWriter();
  sorted.forEach((term, i) => writer.add(term, i + 1, (i % 7) + 1, i % 3));
  return { sorted, ...writer.finish() };
}

function headerOf(written: ReturnType<typeof write>): SegmentHeader {
  return {
    id: 1,
    minDoc: 0,
    maxDoc: 0,
    docCount: 1,
    termCount: written.termCount,
    firstTerms: written.firstTerms,
    dictPageCount: written.blocks.length,
    streamBytes: 0,
    pageCount: 0,
    posBytes: 0,
    posPageCount: 0,
  };
}

/** Serves decoded blocks and counts the ones asked for that were not loaded. */
function source(blocks: Uint8Array[], loaded: Set<number>) {
  const missed = new Set<number>();
  const blockSource: BlockSource = {
    block(_segment, index) {
      if (!loaded.has(index)) {
        missed.add(index);
        return undefined;
      }
      return decodeBlock(blocks[index]!);
    },
  };
  return { blockSource, missed };
}

const words = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 100_000}x${i % 13}`);

describe('dictionary blocks', () => {
  it('round-trip many terms over many blocks, with every offset', () => {
    const written = write(words);
    expect(written.blocks.length).toBeGreaterThan(3);
    for (const block of written.blocks) expect(block.length).toBeLessThan(DICT_BLOCK_BYTES * 1.25);
    const all = decodeBlocks(written.blocks);
    expect(all.terms).toEqual(written.sorted);
    expect(written.termCount).toBe(written.sorted.length);
    let post = 0;
    let pos = 0;
    written.sorted.forEach((_, i) => {
      expect(all.df[i]).toBe(i + 1);
      expect(all.postStarts[i]).toBe(post);
      expect(all.posStarts[i]).toBe(pos);
      post += (i % 7) + 1;
      pos += i % 3;
    });
    expect(all.postStarts[written.sorted.length]).toBe(post);
    // The sparse index holds each block's first term.
    let at = 0;
    written.blocks.forEach((bytes, b) => {
      const block = decodeBlock(bytes);
      expect(written.firstTerms[b]).toBe(block.terms[0]);
      expect(block.postStarts[0]).toBe(all.postStarts[at]);
      at += block.terms.length;
    });
  });

  it('keep surrogate pairs, CJK, accents and shared prefixes intact', () => {
    const terms = [
      '𠀋𠀍',
      '𠀋𠀎',
      '𠀋',
      'café',
      'cafés',
      'cafe',
      '石破',
      '石',
      '\u0001aishiba',
      'a',
      'ab',
    ];
    const written = write(terms);
    expect(decodeBlocks(written.blocks).terms).toEqual([...new Set(terms)].sort());
  });

  it('handle an empty dictionary and a term longer than a block', () => {
    const empty = write([]);
    expect(empty.blocks).toEqual([]);
    expect(empty.termCount).toBe(0);
    expect(decodeBlocks([]).terms).toEqual([]);
    const long = 'x'.repeat(DICT_BLOCK_BYTES * 2);
    const written = write([long, 'a', 'z']);
    expect(decodeBlocks(written.blocks).terms).toEqual(['a', long, 'z']);
  });

  it('find the block that would hold a term', () => {
    const first = ['b', 'f', 'm'];
    expect(blockFor(first, 'a')).toBe(-1);
    expect(blockFor(first, 'b')).toBe(0);
    expect(blockFor(first, 'e')).toBe(0);
    expect(blockFor(first, 'f')).toBe(1);
    expect(blockFor(first, 'zz')).toBe(2);
    expect(blockFor([], 'a')).toBe(-1);
  });

  it('answer lookups from one block and remember the misses', () => {
    const written = write(words);
    const header = headerOf(written);
    const term = written.sorted[1234]!;
    const needed = blockFor(written.firstTerms, term);
    const cold = source(written.blocks, new Set());
    expect(lookupTerm(header, term, cold.blockSource)).toBeUndefined();
    expect([...cold.missed]).toEqual([needed]);
    const warm = source(written.blocks, new Set([needed]));
    const entry = lookupTerm(header, term, warm.blockSource)!;
    expect(entry.df).toBe(1235);
    expect(lookupTerm(header, `${term}-absent`, warm.blockSource)).toBeUndefined();
    expect(lookupTerm(header, '', warm.blockSource)).toBeUndefined();
    expect(warm.missed.size).toBe(0);
  });

  it('complete prefixes across block boundaries', () => {
    // Enough terms sharing a prefix to span several blocks.
    const terms = [
      ...Array.from({ length: 2000 }, (_, i) => `pre${String(i).padStart(4, '0')}`),
      'alpha',
      'prf',
      'zeta',
    ];
    const written = write(terms);
    const header = headerOf(written);
    const all = new Set(written.blocks.map((_, i) => i));
    const dictionary = segmentDictionary([header], source(written.blocks, all).blockSource);
    const completions = dictionary.withPrefix('pre', 5000);
    expect(completions.length).toBe(2000);
    expect(completions.every(({ term }) => term.startsWith('pre'))).toBe(true);
    expect(dictionary.withPrefix('zz', 10)).toEqual([]);
    expect(dictionary.df('prf')).toBeGreaterThan(0);
    // Cold, the scan asks for every block of the range and no other.
    const cold = source(written.blocks, new Set());
    segmentDictionary([header], cold.blockSource).withPrefix('pre', 30);
    const lo = blockFor(written.firstTerms, 'pre');
    const hi = blockFor(written.firstTerms, 'pre\uffff');
    expect([...cold.missed].sort((a, b) => a - b)).toEqual(
      Array.from({ length: hi - lo + 1 }, (_, i) => lo + i),
    );
    expect(indexIn(decodeBlock(written.blocks[hi]!), 'prf')).toBeGreaterThanOrEqual(0);
  });

  it('serve an engine whose dictionary spans many blocks with a one-block cache', async () => {
    const storage = new MemoryStorage();
    const docs = Array.from({ length: 60 }, (_, d) =>
      article(`a${d}`, {
        body: `${Array.from({ length: 80 }, (_, w) => `zq${d}k${w}`).join(' ')} harbour`,
      }),
    );
    await (await SearchEngine.open(storage)).upsert(docs);
    const tiny = await SearchEngine.open(storage, { blockCacheSize: 1 });
    const roomy = await SearchEngine.open(storage);
    const search = (engine: SearchEngine, query: string, prefixLast = false) =>
      engine.search({ query, now: NOW, prefixLast, limit: 100 });
    expect((await search(tiny, 'zq17k3')).hits.map((hit) => hit.articleId)).toEqual(['a17']);
    expect((await search(tiny, 'zq59k79 harbour')).hits.map((hit) => hit.articleId)).toEqual([
      'a59',
    ]);
    expect((await search(tiny, 'harbour')).total).toBe(60);
    // A typo needs a second planning round for its candidates' blocks.
    const typo = await search(tiny, 'harbuor');
    expect(typo.total).toBe(60);
    expect(typo.notes.join(' ')).toContain('harbour');
    // The word being typed: 30 completions, read from several blocks.
    const prefix = await search(tiny, 'zq', true);
    expect(prefix.highlight.size).toBe(31);
    for (const [query, prefixLast] of [
      ['zq', true],
      ['zq4', true],
      ['harbuor', false],
      ['"zq3k1 zq3k2"', false],
    ] as const) {
      const [a, b] = [
        await search(tiny, query, prefixLast),
        await search(roomy, query, prefixLast),
      ];
      expect(a.hits).toEqual(b.hits);
      expect(a.highlight).toEqual(b.highlight);
    }
  });
});
