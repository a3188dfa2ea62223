import { describe, expect, it } from 'vitest';
import { analyzeDoc } from '@search-engine/core/document';
import {
  FIELD_TITLE,
  decodePostings,
  joinPages,
  packHeader,
  tfOf,
  unpackHeader,
  type SegmentFile,
} from '@search-engine/core/segment';
import { SegmentBuilder } from '@search-engine/core/segment-builder';
import { mergeSegments } from '@search-engine/core/segment-merge';
import { decodeBlocks, indexIn } from '@search-engine/core/term-blocks';
import { ByteReader, ByteWriter } from '@search-engine/core/varint';
import { article } from './helpers';

function build(id: number, docs: [number, string, string][]): SegmentFile {
  const builder = new SegmentBuilder();
  for (const [docId, title, body] of docs) {
    builder.beginDoc(docId);
    analyzeDoc(article(`a${docId}`, { title, body }), builder);
    builder.endDoc();
  }
  return builder.build(id);
}

const dictionaryOf = (file: SegmentFile) => decodeBlocks(file.dictPages);

function postingsOf(file: SegmentFile, term: string) {
  const dictionary = dictionaryOf(file);
  const index = indexIn(dictionary, term);
  if (index < 0) return undefined;
  const stream = joinPages(file.pages, file.header.streamBytes);
  return decodePostings(
    stream.subarray(dictionary.postStarts[index], dictionary.postStarts[index + 1]),
    dictionary.df[index]!,
    file.header.minDoc,
  );
}

function positionsOf(file: SegmentFile, term: string): number[][] {
  const dictionary = dictionaryOf(file);
  const index = indexIn(dictionary, term);
  const stream = joinPages(file.posPages, file.header.posBytes);
  const reader = new ByteReader(
    stream,
    dictionary.posStarts[index]!,
    dictionary.posStarts[index + 1]!,
  );
  const out: number[][] = [];
  while (!reader.done) {
    const size = reader.varint();
    const end = reader.pos + size;
    const list: number[] = [];
    for (let position = 0; reader.pos < end;) list.push((position += reader.varint()));
    out.push(list);
  }
  return out;
}

describe('varints', () => {
  it('round-trip small and large values', () => {
    const writer = new ByteWriter(2);
    const values = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31 - 1, 2 ** 31, 2 ** 40];
    values.forEach((value) => writer.varint(value));
    const reader = new ByteReader(writer.finish());
    expect(values.map(() => reader.varint())).toEqual(values);
    expect(reader.done).toBe(true);
  });
});

describe('segments', () => {
  const file = build(1, [
    [10, 'Storm hits coast', 'The storm hit the coast at night. Storm damage was severe.'],
    [11, 'Budget vote', 'The council passed the budget.'],
    [14, 'Coastal storm', 'A storm warning for the coast.'],
  ]);

  it('keeps a sorted dictionary with document frequencies', () => {
    const { terms, df } = dictionaryOf(file);
    expect(terms).toEqual([...terms].sort());
    expect(file.header.termCount).toBe(terms.length);
    expect(file.header.firstTerms[0]).toBe(terms[0]);
    expect(df[indexIn(dictionaryOf(file), 'storm')]).toBe(2);
    expect(indexIn(dictionaryOf(file), 'volcano')).toBe(-1);
    expect(terms.filter((term) => term.startsWith('coast'))).toEqual(['coast', 'coastal']);
  });

  it('stores postings by docId with weighted frequencies and the title bit', () => {
    const storm = postingsOf(file, 'storm')!;
    expect([...storm.docs]).toEqual([10, 14]);
    // Doc 10: once in the title (weight 4) and twice in the text.
    expect(tfOf(storm.values[0]!)).toBe(6);
    expect(storm.values[0]! & FIELD_TITLE).toBe(FIELD_TITLE);
    expect([...postingsOf(file, 'budget')!.docs]).toEqual([11]);
  });

  it('stores positions per posting, fields kept apart', () => {
    const [doc10, doc14] = positionsOf(file, 'storm');
    // Title "Storm hits coast" is 0–2; the text starts after the field gaps.
    expect(doc10![0]).toBe(0);
    expect(doc10!.length).toBe(3);
    expect(doc14![0]).toBe(1);
  });

  it('survives packing for storage', () => {
    expect(unpackHeader(packHeader(file.header))).toEqual(file.header);
    const cjk = build(2, [[1, '石破茂首相', '总统']]);
    const stored = packHeader(cjk.header);
    expect(stored.firstTerms.byteLength).toBe(
      new TextEncoder().encode(cjk.header.firstTerms.join('\n')).length,
    );
    expect(unpackHeader(stored)).toEqual(cjk.header);
    const empty = new SegmentBuilder();
    empty.beginDoc(1);
    empty.endDoc();
    const none = empty.build(3);
    expect(none.header.termCount).toBe(0);
    expect(unpackHeader(packHeader(none.header)).firstTerms).toEqual([]);
  });

  it('merges segments, dropping removed documents and keeping positions', () => {
    const later = build(2, [
      [20, 'Storm season', 'Storm after storm.'],
      [21, 'Quiet day', 'Nothing happened.'],
    ]);
    const merged = mergeSegments(
      3,
      [
        {
          header: later.header,
          dictionary: dictionaryOf(later),
          stream: joinPages(later.pages, later.header.streamBytes),
          positions: joinPages(later.posPages, later.header.posBytes),
        },
        {
          header: file.header,
          dictionary: dictionaryOf(file),
          stream: joinPages(file.pages, file.header.streamBytes),
          positions: joinPages(file.posPages, file.header.posBytes),
        },
      ],
      (doc) => doc !== 14 && doc !== 21,
    );
    expect(merged.header.minDoc).toBe(10);
    expect(merged.header.docCount).toBe(3);
    expect([...postingsOf(merged, 'storm')!.docs]).toEqual([10, 20]);
    expect(indexIn(dictionaryOf(merged), 'quiet')).toBe(-1);
    expect(positionsOf(merged, 'storm')).toEqual([
      positionsOf(file, 'storm')[0],
      positionsOf(later, 'storm')[0],
    ]);
  });

  it('refuses documents out of order', () => {
    const builder = new SegmentBuilder();
    builder.beginDoc(5);
    builder.endDoc();
    expect(() => builder.beginDoc(5)).toThrow();
  });
});
