/** Merging segments into one (segment.ts has the format it reads and writes). */
import { writeSegment, type SegmentFile, type SegmentHeader } from './segment';
import type { DecodedBlock } from './term-blocks';
import { ByteReader } from './varint';

export interface MergeSource {
  header: SegmentHeader;
  /** The segment's whole dictionary (decodeBlocks of its dictionary pages). */
  dictionary: DecodedBlock;
  /** The whole postings stream of the segment. */
  stream: Uint8Array;
  /** The whole positions stream of the segment. */
  positions: Uint8Array;
}

/**
 * Merges neighbouring segments into one, dropping documents that are no longer live and terms
 * left with no postings. Positions are copied block by block, never decoded.
 */
export function mergeSegments(
  id: number,
  sources: MergeSource[],
  isLive: (docId: number) => boolean,
): SegmentFile {
  const ordered = [...sources].sort((a, b) => a.header.minDoc - b.header.minDoc);
  const minDoc = ordered[0]?.header.minDoc ?? 0;
  let maxDoc = minDoc;
  const liveDocs = new Set<number>();
  const all = new Set<string>();
  for (const { dictionary } of ordered) for (const term of dictionary.terms) all.add(term);
  const sorted = [...all].sort();
  const cursors = ordered.map(() => 0);
  const file = writeSegment(id, minDoc, maxDoc, 0, sorted, (index, out, positionsOut) => {
    const term = sorted[index]!;
    let df = 0;
    let last = minDoc;
    ordered.forEach(({ header, dictionary, stream, positions }, s) => {
      // Terms are visited in sorted order, so each source's cursor only moves forward.
      const terms = dictionary.terms;
      let cursor = cursors[s]!;
      while (cursor < terms.length && terms[cursor]! < term) cursor++;
      cursors[s] = cursor;
      if (cursor >= terms.length || terms[cursor] !== term) return;
      const reader = new ByteReader(
        stream,
        dictionary.postStarts[cursor]!,
        dictionary.postStarts[cursor + 1]!,
      );
      const posReader = new ByteReader(
        positions,
        dictionary.posStarts[cursor]!,
        dictionary.posStarts[cursor + 1]!,
      );
      let doc = header.minDoc;
      for (let i = 0; i < dictionary.df[cursor]!; i++) {
        doc += reader.varint();
        const value = reader.varint();
        const size = posReader.varint();
        const block = positions.subarray(posReader.pos, posReader.pos + size);
        posReader.pos += size;
        if (!isLive(doc)) continue;
        out.varint(doc - last);
        out.varint(value);
        positionsOut.varint(size);
        positionsOut.append(block);
        last = doc;
        df++;
        liveDocs.add(doc);
        if (doc > maxDoc) maxDoc = doc;
      }
    });
    return df;
  });
  file.header.maxDoc = maxDoc;
  file.header.docCount = liveDocs.size;
  return file;
}
