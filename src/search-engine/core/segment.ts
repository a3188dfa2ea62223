/**
 * An immutable index segment: the postings of a contiguous range of documents. A segment is a
 * sorted term dictionary (blocks read on demand, term-blocks.ts) and two streams cut into
 * fixed-size pages (read on demand):
 * - postings: per term, `(docId gap, value)` varint pairs ascending by docId, where value =
 *   weighted term frequency << 2 | field bits — all a ranked query reads;
 * - positions: per term and posting, a varint byte length then the term's positions in that
 *   document as varint gaps — read only to check phrases (and skipped by length otherwise).
 *
 * New documents always get larger docIds than every indexed one, so segments cover disjoint,
 * increasing docId ranges and a term's full postings list is its lists from each segment in
 * order.
 */
import { DictionaryWriter, type DecodedBlock } from './term-blocks';
import { normalizeWord } from './tokenize';
import { ByteReader, ByteWriter } from './varint';

export const PAGE_SIZE = 32 * 1024;
/** Positions pages are stored after this page number (one key space per segment). */
export const POSITIONS_PAGE_BASE = 1 << 24;
/** Dictionary blocks are stored after this page number. */
export const DICT_PAGE_BASE = 2 << 24;
export const FIELD_TITLE = 1;
export const FIELD_META = 2;
const MAX_TF = 0xfffff;

export interface SegmentHeader {
  id: number;
  minDoc: number;
  maxDoc: number;
  docCount: number;
  termCount: number;
  /** First term of each dictionary block (term-blocks.ts): the sparse index kept in memory. */
  firstTerms: string[];
  dictPageCount: number;
  streamBytes: number;
  pageCount: number;
  posBytes: number;
  posPageCount: number;
}

export interface SegmentFile {
  header: SegmentHeader;
  pages: Uint8Array[];
  posPages: Uint8Array[];
  /** Dictionary blocks, one page each. */
  dictPages: Uint8Array[];
}

type PageCounts = Pick<SegmentHeader, 'pageCount' | 'posPageCount' | 'dictPageCount'>;

/** Storage page numbers of a segment: postings pages, positions pages, dictionary blocks. */
export function pageNumbers(header: PageCounts): number[] {
  const out: number[] = [];
  for (let page = 0; page < header.pageCount; page++) out.push(page);
  for (let page = 0; page < header.posPageCount; page++) out.push(POSITIONS_PAGE_BASE + page);
  for (let page = 0; page < header.dictPageCount; page++) out.push(DICT_PAGE_BASE + page);
  return out;
}

/** Every stored page of a segment file with its page number. */
export function filePages(file: SegmentFile): [number, Uint8Array][] {
  return [
    ...file.pages.map((data, i): [number, Uint8Array] => [i, data]),
    ...file.posPages.map((data, i): [number, Uint8Array] => [POSITIONS_PAGE_BASE + i, data]),
    ...file.dictPages.map((data, i): [number, Uint8Array] => [DICT_PAGE_BASE + i, data]),
  ];
}

export function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

export interface Postings {
  docs: Int32Array;
  /** Weighted term frequency << 2 | field bits. */
  values: Uint32Array;
}

export const packValue = (tf: number, bits: number) => Math.min(tf, MAX_TF) * 4 + bits;
export const tfOf = (value: number) => value >>> 2;
export const bitsOf = (value: number) => value & 3;

export function pagesFor(start: number, end: number): [number, number] {
  return [Math.floor(start / PAGE_SIZE), Math.floor(Math.max(start, end - 1) / PAGE_SIZE)];
}

/** The bytes [start, end) of a stream given its pages first..last (as read from storage). */
export function sliceStream(pages: Uint8Array[], first: number, start: number, end: number) {
  const offset = start - first * PAGE_SIZE;
  if (pages.length === 1) return pages[0]!.subarray(offset, offset + end - start);
  const joined = new Uint8Array(pages.reduce((sum, page) => sum + page.length, 0));
  let at = 0;
  for (const page of pages) {
    joined.set(page, at);
    at += page.length;
  }
  return joined.subarray(offset, offset + end - start);
}

export function decodePostings(bytes: Uint8Array, df: number, minDoc: number): Postings {
  const docs = new Int32Array(df);
  const values = new Uint32Array(df);
  const reader = new ByteReader(bytes);
  let doc = minDoc;
  for (let i = 0; i < df; i++) {
    doc += reader.varint();
    docs[i] = doc;
    values[i] = reader.varint();
  }
  return { docs, values };
}

function paginate(bytes: Uint8Array): Uint8Array[] {
  const pages: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += PAGE_SIZE) pages.push(bytes.slice(at, at + PAGE_SIZE));
  return pages;
}

function writeSegment(
  id: number,
  minDoc: number,
  maxDoc: number,
  docCount: number,
  sorted: string[],
  write: (index: number, stream: ByteWriter, positions: ByteWriter) => number,
): SegmentFile {
  const stream = new ByteWriter(1 << 16);
  const positions = new ByteWriter(1 << 16);
  const dictionary = new DictionaryWriter();
  for (let index = 0; index < sorted.length; index++) {
    const postStart = stream.length;
    const posStart = positions.length;
    const written = write(index, stream, positions);
    if (!written) continue;
    dictionary.add(sorted[index]!, written, stream.length - postStart, positions.length - posStart);
  }
  const { blocks, firstTerms, termCount } = dictionary.finish();
  const pages = paginate(stream.bytes.subarray(0, stream.length));
  const posPages = paginate(positions.bytes.subarray(0, positions.length));
  return {
    header: {
      id,
      minDoc,
      maxDoc,
      docCount,
      termCount,
      firstTerms,
      dictPageCount: blocks.length,
      streamBytes: stream.length,
      pageCount: pages.length,
      posBytes: positions.length,
      posPageCount: posPages.length,
    },
    pages,
    posPages,
    dictPages: blocks,
  };
}

function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  let capacity = array.length * 2;
  while (capacity < size) capacity *= 2;
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}

/**
 * Collects documents (in increasing docId order) into a new segment. Terms get small integer
 * ids and each document's postings are appended to a flat log (positions to another); `build`
 * counting-sorts the log by term. No per-term objects: indexing 100,000 articles makes tens of
 * millions of postings.
 */
export class SegmentBuilder {
  private readonly ids = new Map<string, number>();
  /** Words as written (addWordAt): slots hold word index + 1, 0 when empty. */
  private wordSlots = new Int32Array(1 << 12);
  private wordHashes = new Int32Array(1 << 11);
  /** Term id of each word, -1 when it is not a term. */
  private wordTerms = new Int32Array(1 << 11);
  private readonly words: string[] = [];
  private readonly names: string[] = [];
  private tf = new Int32Array(1 << 12);
  private fieldBits = new Uint8Array(1 << 12);
  /** Per term, the current document's positions as a linked list in docPos/docNext (1-based). */
  private head = new Int32Array(1 << 12);
  private tail = new Int32Array(1 << 12);
  private docPos = new Int32Array(1 << 12);
  private docNext = new Int32Array(1 << 12);
  private docPosCount = 0;
  private readonly touched: number[] = [];
  private logTerm = new Int32Array(1 << 14);
  private logValue = new Int32Array(1 << 14);
  /**
   * Each posting's positions, already encoded (varint gaps) while the document is hot in
   * cache; logPosStart has one more entry than there are postings.
   */
  private logPosStart = new Int32Array(1 << 14);
  private posLog = new Uint8Array(1 << 18);
  private posLength = 0;
  private postings = 0;
  private readonly docIds: number[] = [];
  private readonly docEnds: number[] = [];
  minDoc = -1;
  maxDoc = -1;
  docCount = 0;

  get empty(): boolean {
    return this.docCount === 0;
  }

  beginDoc(docId: number): void {
    if (docId <= this.maxDoc) throw new Error(`docId ${docId} is not above ${this.maxDoc}`);
    if (this.minDoc < 0) this.minDoc = docId;
    this.maxDoc = docId;
  }

  /**
   * One occurrence (or `weight` weighted occurrences) of `term` in the current document, at
   * token `position` (negative: no position, e.g. author: terms).
   */
  add(term: string, weight: number, fieldBit: number, position = -1): void {
    this.addId(this.termId(term), weight, fieldBit, position);
  }

  /**
   * A plain word, text[start, end) with its wordHash (see TermSink.addWordAt). Words seen
   * before in this segment are found in an open-addressing table by hash and compared in
   * place: no string is made and no map consulted — the indexing hot path.
   */
  addWordAt(
    text: string,
    start: number,
    end: number,
    hash: number,
    weight: number,
    fieldBit: number,
    position: number,
  ): boolean {
    const length = end - start;
    const { wordSlots, wordHashes, words } = this;
    const mask = wordSlots.length - 1;
    let slot = hash & mask;
    for (let entry = wordSlots[slot]!; entry; entry = wordSlots[slot]!) {
      const w = entry - 1;
      if (wordHashes[w] === hash) {
        const word = words[w]!;
        let same = word.length === length;
        for (let i = 0; same && i < length; i++)
          same = word.charCodeAt(i) === text.charCodeAt(start + i);
        if (same) {
          const id = this.wordTerms[w]!;
          if (id < 0) return false;
          this.addId(id, weight, fieldBit, position);
          return true;
        }
      }
      slot = (slot + 1) & mask;
    }
    const word = text.slice(start, end);
    const term = normalizeWord(word);
    const id = term ? this.termId(term) : -1;
    const w = words.length;
    words.push(word);
    this.wordHashes = grown(this.wordHashes, w + 1);
    this.wordTerms = grown(this.wordTerms, w + 1);
    this.wordHashes[w] = hash;
    this.wordTerms[w] = id;
    wordSlots[slot] = w + 1;
    if (words.length * 2 > wordSlots.length) this.growWordSlots();
    if (id < 0) return false;
    this.addId(id, weight, fieldBit, position);
    return true;
  }

  private growWordSlots(): void {
    const slots = new Int32Array(this.wordSlots.length * 2);
    const mask = slots.length - 1;
    for (let w = 0; w < this.words.length; w++) {
      let slot = this.wordHashes[w]! & mask;
      while (slots[slot]) slot = (slot + 1) & mask;
      slots[slot] = w + 1;
    }
    this.wordSlots = slots;
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      this.tf = grown(this.tf, id + 1);
      this.fieldBits = grown(this.fieldBits, id + 1);
      this.head = grown(this.head, id + 1);
      this.tail = grown(this.tail, id + 1);
    }
    return id;
  }

  private addId(id: number, weight: number, fieldBit: number, position: number): void {
    if (this.tf[id] === 0) this.touched.push(id);
    this.tf[id] += weight;
    this.fieldBits[id] |= fieldBit;
    if (position < 0) return;
    const node = ++this.docPosCount;
    if (node >= this.docPos.length) {
      this.docPos = grown(this.docPos, node + 1);
      this.docNext = grown(this.docNext, node + 1);
    }
    this.docPos[node] = position;
    this.docNext[node] = 0;
    if (this.head[id] === 0) this.head[id] = node;
    else this.docNext[this.tail[id]!] = node;
    this.tail[id] = node;
  }

  endDoc(): void {
    const touched = this.touched;
    const needed = this.postings + touched.length + 1;
    this.logTerm = grown(this.logTerm, needed);
    this.logValue = grown(this.logValue, needed);
    this.logPosStart = grown(this.logPosStart, needed);
    // At most five bytes a position.
    this.posLog = grown(this.posLog, this.posLength + this.docPosCount * 5);
    const { logTerm, logValue, logPosStart, posLog, docPos, docNext, head, tf, fieldBits } = this;
    let length = this.posLength;
    let postings = this.postings;
    for (const id of touched) {
      logTerm[postings] = id;
      logValue[postings] = packValue(tf[id]!, fieldBits[id]!);
      logPosStart[postings] = length;
      let previous = 0;
      for (let node = head[id]!; node; node = docNext[node]!) {
        let v = docPos[node]! - previous;
        previous = docPos[node]!;
        while (v >= 0x80) {
          posLog[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        posLog[length++] = v;
      }
      postings++;
      tf[id] = 0;
      fieldBits[id] = 0;
      head[id] = 0;
      this.tail[id] = 0;
    }
    this.postings = postings;
    this.posLength = length;
    logPosStart[postings] = length;
    touched.length = 0;
    this.docPosCount = 0;
    this.docIds.push(this.maxDoc);
    this.docEnds.push(postings);
    this.docCount++;
  }

  /** A whole document at once, without positions: term → packed value (see packValue). */
  addDoc(docId: number, docTerms: Map<string, number>): void {
    this.beginDoc(docId);
    for (const [term, value] of docTerms) this.add(term, tfOf(value), bitsOf(value));
    this.endDoc();
  }

  build(id: number): SegmentFile {
    const count = this.names.length;
    const total = this.postings;
    const { logTerm, logValue, logPosStart, posLog } = this;
    // Counting sort of the log by term id, scattering what encoding needs into term order so
    // the encoding pass below reads sequentially; documents stay ascending within a term.
    const starts = new Uint32Array(count + 1);
    for (let p = 0; p < total; p++) starts[logTerm[p]! + 1]!++;
    for (let t = 0; t < count; t++) starts[t + 1]! += starts[t]!;
    const cursor = starts.slice(0, count);
    const docs = new Int32Array(total);
    const values = new Int32Array(total);
    const posFrom = new Int32Array(total);
    const posTo = new Int32Array(total);
    let p = 0;
    const docIds = this.docIds;
    const docEnds = this.docEnds;
    for (let d = 0; d < docIds.length; d++) {
      const docId = docIds[d]!;
      for (const end = docEnds[d]!; p < end; p++) {
        const at = cursor[logTerm[p]!]!++;
        docs[at] = docId;
        values[at] = logValue[p]!;
        posFrom[at] = logPosStart[p]!;
        posTo[at] = logPosStart[p + 1]!;
      }
    }
    // Default sort compares UTF-16 code units, the order lowerBound uses.
    const sorted = [...this.names].sort();
    const ids = this.ids;
    const minDoc = this.minDoc;
    return writeSegment(id, minDoc, this.maxDoc, this.docCount, sorted, (index, out, positions) => {
      const t = ids.get(sorted[index]!)!;
      const from = starts[t]!;
      const to = starts[t + 1]!;
      out.reserve((to - from) * 10);
      let bytes = out.bytes;
      let length = out.length;
      let last = minDoc;
      for (let at = from; at < to; at++) {
        let v = docs[at]! - last;
        last = docs[at]!;
        while (v >= 0x80) {
          bytes[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[length++] = v;
        v = values[at]!;
        while (v >= 0x80) {
          bytes[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[length++] = v;
      }
      out.length = length;
      for (let at = from; at < to; at++) {
        const first = posFrom[at]!;
        const size = posTo[at]! - first;
        positions.reserve(size + 5);
        bytes = positions.bytes;
        length = positions.length;
        let v = size;
        while (v >= 0x80) {
          bytes[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[length++] = v;
        for (let i = 0; i < size; i++) bytes[length++] = posLog[first + i]!;
        positions.length = length;
      }
      return to - from;
    });
  }
}

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

/** The whole stream of a segment from its pages. */
export function joinPages(pages: Uint8Array[], streamBytes: number): Uint8Array {
  if (!pages.length) return new Uint8Array(0);
  if (pages.length === 1) return pages[0]!.subarray(0, streamBytes);
  return sliceStream(pages, 0, 0, streamBytes);
}

/**
 * A segment header as stored: the sparse index's first terms as UTF-8 joined by '\n' (a
 * JavaScript string with one CJK term would be stored as UTF-16 whole).
 */
export interface StoredSegment extends Omit<SegmentHeader, 'firstTerms'> {
  firstTerms: Uint8Array;
}

export function packHeader(header: SegmentHeader): StoredSegment {
  return { ...header, firstTerms: new TextEncoder().encode(header.firstTerms.join('\n')) };
}

export function unpackHeader(stored: StoredSegment): SegmentHeader {
  const text = new TextDecoder().decode(stored.firstTerms);
  return { ...stored, firstTerms: stored.dictPageCount ? text.split('\n') : [] };
}
