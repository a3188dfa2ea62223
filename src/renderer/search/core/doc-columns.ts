/**
 * What ranking and filtering need per document, as typed-array columns in chunks of 2,048
 * docIds: a query touches tens of thousands of documents and must not read a row for each, and
 * a changed flag rewrites one small chunk rather than the index.
 *
 * A chunk is 19 bytes a document, 38.9 KB: Chromium stores an IndexedDB value over 64 KiB as a
 * separate blob file, read back through the blob system, and the 77.8 KB chunks of 4,096 made
 * every chunk read at start such a file (index format 4).
 */

export const CHUNK_SIZE = 2048;

export const FLAG_LIVE = 1;
export const FLAG_BOOKMARKED = 2;
export const FLAG_UNREAD = 4;

export interface ColumnChunk {
  chunk: number;
  /** Token count over all fields (BM25 length normalisation). */
  length: Uint32Array;
  /** publishedAt, epoch ms. */
  date: Float64Array;
  flags: Uint8Array;
  /** Index into the feed dictionary. */
  feed: Uint32Array;
  /** Index into the language dictionary (0: unknown). */
  lang: Uint16Array;
}

export interface DocValues {
  length: number;
  date: number;
  flags: number;
  feed: number;
  lang: number;
}

function emptyChunk(chunk: number): ColumnChunk {
  return {
    chunk,
    length: new Uint32Array(CHUNK_SIZE),
    date: new Float64Array(CHUNK_SIZE),
    flags: new Uint8Array(CHUNK_SIZE),
    feed: new Uint32Array(CHUNK_SIZE),
    lang: new Uint16Array(CHUNK_SIZE),
  };
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
    chunk.length[i] = values.length;
    chunk.date[i] = values.date;
    chunk.flags[i] = values.flags;
    chunk.feed[i] = values.feed;
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
      date: chunk.date[i]!,
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
