/**
 * What the engine persists and how it asks for it back. One implementation keeps it in
 * IndexedDB (../idb/index-storage.ts), another in memory (memory-storage.ts, for tests and Node tools).
 */
import type { ColumnChunk } from './doc-columns';
import type { InfoChunk } from './doc-info';
import type { SegmentFile, SegmentHeader } from './segment';

/**
 * 2: dictionaries stored as blocks with a sparse index (term-blocks.ts). 3: every character of
 * a script without spaces is a unigram (2 had only those Intl.Segmenter found alone). 4: column
 * chunks of 2,048 documents and info chunks of 256, each under IndexedDB's blob threshold. 5: narrower
 * columns (10 bytes a document rather than 19) in chunks of 4,096. 6: terms folded through
 * the capitals (full case folding: ᾳ is αι, 𝐀 is a), so an index folded the old way is rebuilt.
 */
export const FORMAT_VERSION = 6;

export interface IndexMeta {
  formatVersion: number;
  nextDocId: number;
  nextSegmentId: number;
  liveCount: number;
  totalLength: number;
  /** Feed dictionary: index → feedId. */
  feeds: string[];
  /** Language dictionary: index → language tag ('' at 0 for unknown). */
  langs: string[];
  /** Bumped by every commit: a reader can tell it saw the latest state. */
  generation: number;
  /** Set while a rebuild runs; still set at open means it was interrupted. */
  rebuilding: boolean;
  /** Segments merged away whose pages may still be read by a running query. */
  retired: RetiredSegment[];
}

/** A segment merged away: its pages are deleted once no query can be reading them. */
export interface RetiredSegment {
  id: number;
  pageCount: number;
  posPageCount: number;
  dictPageCount: number;
}

export interface IndexCommit {
  meta: IndexMeta;
  putSegments: SegmentFile[];
  deleteSegments: number[];
  putColumns: ColumnChunk[];
  deleteColumns: number[];
  putInfo: InfoChunk[];
  deleteInfo: number[];
}

export interface PageRequest {
  segment: number;
  page: number;
}

export interface LoadedIndex {
  meta?: IndexMeta;
  segments: SegmentHeader[];
  /**
   * Read in the same snapshot, but handed over when they arrive: they are most of what a load
   * reads (~1 MB at 100,000 articles), and a first query can look its terms up meanwhile.
   */
  columns: Promise<ColumnChunk[]>;
}

export interface IndexStorage {
  load(): Promise<LoadedIndex>;
  readPages(requests: PageRequest[]): Promise<(Uint8Array | undefined)[]>;
  /** Everything in one transaction: all of it lands or none of it. */
  commit(commit: IndexCommit): Promise<void>;
  /** Deletes the pages of segments no longer referenced. */
  deletePages(segments: RetiredSegment[]): Promise<void>;
  /** Doc-info chunks by number, or all of them. */
  loadInfo(chunks: number[] | 'all'): Promise<InfoChunk[]>;
  clear(): Promise<void>;
  /** Bytes of the stored index, where the storage can tell. */
  size?(): Promise<number>;
}

export function emptyMeta(): IndexMeta {
  return {
    formatVersion: FORMAT_VERSION,
    nextDocId: 0,
    nextSegmentId: 1,
    liveCount: 0,
    totalLength: 0,
    feeds: [],
    langs: [''],
    generation: 0,
    rebuilding: false,
    retired: [],
  };
}
