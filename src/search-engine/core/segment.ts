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
 *
 * This file is the byte format (constants, headers, pages, postings decoding, writing a segment
 * file); segment-builder.ts builds one from documents, segment-merge.ts merges several.
 */
import { DictionaryWriter } from './term-blocks';
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

/**
 * Writes a segment file: `write` appends term `index`'s postings and positions (in `sorted`
 * order) and returns its document frequency, 0 to leave the term out.
 */
export function writeSegment(
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
