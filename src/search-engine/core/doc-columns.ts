/**
 * What ranking and filtering need per document, as typed-array columns in chunks of 4,096
 * docIds: a query touches tens of thousands of documents and must not read a row for each, and
 * a changed flag rewrites one small chunk rather than the index.
 *
 * Every column is read when an index opens, so they are as narrow as ranking allows (index
 * format 5): 10 bytes a document, 41 KB a chunk, about half of format 4's per document
 * (docs/bench/2026-11-28-search-cold-start.md). Chromium stores an IndexedDB value over 64 KiB
 * as a separate blob file, read back through the blob system; even widened (see `widen`) a
 * chunk stays under that.
 */

export const CHUNK_SIZE = 4096;
/** Dates are kept in whole minutes since the epoch: enough to sort and filter by. */
export const DATE_UNIT_MS = 60_000;
const MAX_LENGTH = 0xffff;
const MIN_MINUTE = -0x80000000;
const MAX_MINUTE = 0x7fffffff;

export const FLAG_LIVE = 1;
export const FLAG_BOOKMARKED = 2;
export const FLAG_UNREAD = 4;

export interface ColumnChunk {
  chunk: number;
  /** Token count over all fields (BM25 length normalisation), at most 65,535. */
  length: Uint16Array;
  /** publishedAt in DATE_UNIT_MS (minutes) since the epoch. */
  date: Int32Array;
  flags: Uint8Array;
  /** Index into the feed dictionary (wider once a chunk needs it). */
  feed: Uint16Array | Uint32Array;
  /** Index into the language dictionary, 0: unknown (wider once a chunk needs it). */
  lang: Uint8Array | Uint16Array;
}

export interface DocValues {
  length: number;
  /** Epoch ms (kept to the minute). */
  date: number;
  flags: number;
  feed: number;
  lang: number;
}

function emptyChunk(chunk: number): ColumnChunk {
  return {
    chunk,
    length: new Uint16Array(CHUNK_SIZE),
    date: new Int32Array(CHUNK_SIZE),
    flags: new Uint8Array(CHUNK_SIZE),
    feed: new Uint16Array(CHUNK_SIZE),
    lang: new Uint8Array(CHUNK_SIZE),
  };
}

/** The column as is if `value` fits, else a copy one size wider (rare: 65,536 feeds or more). */
function widen<T extends Uint8Array | Uint16Array | Uint32Array>(
  column: T,
  value: number,
): T | Uint16Array | Uint32Array {
  if (column instanceof Uint8Array && value > 0xff) return Uint16Array.from(column);
  if (column instanceof Uint16Array && value > 0xffff) return Uint32Array.from(column);
  return column;
}

/** A date as the columns keep it (whole minutes), back in epoch ms: what date filters compare. */
export function columnDate(ms: number): number {
  return toMinutes(ms) * DATE_UNIT_MS;
}

function toMinutes(ms: number): number {
  const minutes = Math.floor(ms / DATE_UNIT_MS);
  // A date far outside any real article's (or NaN) must not wrap around.
  return Number.isNaN(minutes) ? 0 : Math.min(MAX_MINUTE, Math.max(MIN_MINUTE, minutes));
}

export class DocColumns {
  private readonly chunks = new Map<number, ColumnChunk>();
  /** Chunks changed since the last `takeDirty`, to be persisted. */
  private readonly dirty = new Set<number>();

  constructor(chunks: ColumnChunk[] = []) {
    for (const chunk of chunks) this.chunks.set(chunk.chunk, chunk);
  }

  private chunkFor(docId: number, create: boolean): ColumnChunk | undefined {
    const number = Math.floor(docId / CHUNK_SIZE);
    let chunk = this.chunks.get(number);
    if (!chunk && create) {
      chunk = emptyChunk(number);
      this.chunks.set(number, chunk);
    }
    return chunk;
  }

  set(docId: number, values: DocValues): void {
    const chunk = this.chunkFor(docId, true)!;
    const i = docId % CHUNK_SIZE;
    chunk.length[i] = Math.min(MAX_LENGTH, values.length);
    chunk.date[i] = toMinutes(values.date);
    chunk.flags[i] = values.flags;
    chunk.feed = widen(chunk.feed, values.feed) as ColumnChunk['feed'];
    chunk.feed[i] = values.feed;
    chunk.lang = widen(chunk.lang, values.lang) as ColumnChunk['lang'];
    chunk.lang[i] = values.lang;
    this.dirty.add(chunk.chunk);
  }

  setFlags(docId: number, flags: number): void {
    const chunk = this.chunkFor(docId, false);
    if (!chunk) return;
    chunk.flags[docId % CHUNK_SIZE] = flags;
    this.dirty.add(chunk.chunk);
  }

  flags(docId: number): number {
    return this.chunkFor(docId, false)?.flags[docId % CHUNK_SIZE] ?? 0;
  }

  isLive(docId: number): boolean {
    return (this.flags(docId) & FLAG_LIVE) !== 0;
  }

  get(docId: number): DocValues | undefined {
    const chunk = this.chunkFor(docId, false);
    if (!chunk) return undefined;
    const i = docId % CHUNK_SIZE;
    return {
      length: chunk.length[i]!,
      date: chunk.date[i]! * DATE_UNIT_MS,
      flags: chunk.flags[i]!,
      feed: chunk.feed[i]!,
      lang: chunk.lang[i]!,
    };
  }

  /** Direct access for hot loops: the chunk holding `docId`, or undefined. */
  chunkOf(docId: number): ColumnChunk | undefined {
    return this.chunks.get(Math.floor(docId / CHUNK_SIZE));
  }

  /** Calls `visit` for every live document (filter-only queries). */
  forEachLive(visit: (docId: number, chunk: ColumnChunk, index: number) => void): void {
    const numbers = [...this.chunks.keys()].sort((a, b) => a - b);
    for (const number of numbers) {
      const chunk = this.chunks.get(number)!;
      const base = number * CHUNK_SIZE;
      for (let i = 0; i < CHUNK_SIZE; i++)
        if (chunk.flags[i]! & FLAG_LIVE) visit(base + i, chunk, i);
    }
  }

  /** Chunks changed since the last call (to persist); chunks left with no live doc are null. */
  takeDirty(): { put: ColumnChunk[]; deleted: number[] } {
    const put: ColumnChunk[] = [];
    const deleted: number[] = [];
    for (const number of this.dirty) {
      const chunk = this.chunks.get(number);
      if (!chunk) continue;
      if (chunk.flags.some((flag) => (flag & FLAG_LIVE) !== 0)) put.push(chunk);
      else {
        this.chunks.delete(number);
        deleted.push(number);
      }
    }
    this.dirty.clear();
    return { put, deleted };
  }

  /** Forget unsaved changes' bookkeeping (after a failed commit, state is reloaded anyway). */
  clearDirty(): void {
    this.dirty.clear();
  }
}
