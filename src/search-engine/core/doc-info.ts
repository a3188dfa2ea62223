/**
 * Which article each document is, and what it looked like when indexed (content hash and
 * stamp, for updates and the crash checker), in chunks of docIds like the columns.
 *
 * Kept apart from the columns because it changes at different times: reading or bookmarking an
 * article rewrites a small numeric column chunk, not 4,096 article ids. And it is loaded
 * lazily: a first search needs only the chunks of its hits, a write needs the article-id map.
 */
/**
 * Smaller than the column chunks: the hits of a first search are spread over the whole docId
 * range, and each chunk they touch is read whole. 256 ids of ~120 characters (feed id and a
 * URL guid) stay well under the 64 KiB past which Chromium stores a value as a blob file.
 */
export const INFO_CHUNK_SIZE = 256;
const CHUNK_SIZE = INFO_CHUNK_SIZE;

export interface InfoChunk {
  chunk: number;
  /** Article id per slot; '' for a slot with no live document. */
  ids: string[];
  hashes: Uint32Array;
  stamps: string[];
}

/** One indexed article: its docId and what says whether it changed since. */
export interface DocRow {
  docId: number;
  articleId: string;
  /** Hash of the searchable text (document.ts#contentHash). */
  hash: number;
  /** What the app's own indexes show of the article (document.ts#quickStamp). */
  stamp: string;
}

export type InfoLoader = (chunks: number[] | 'all') => Promise<InfoChunk[]>;

function emptyInfo(chunk: number): InfoChunk {
  return {
    chunk,
    ids: new Array<string>(CHUNK_SIZE).fill(''),
    hashes: new Uint32Array(CHUNK_SIZE),
    stamps: new Array<string>(CHUNK_SIZE).fill(''),
  };
}

export class DocInfo {
  private readonly chunks = new Map<number, InfoChunk>();
  /** Chunks known not to exist in storage (or already loaded). */
  private readonly known = new Set<number>();
  private complete = false;
  private byArticle: Map<string, number> | undefined;
  private readonly dirty = new Set<number>();

  constructor(private readonly load: InfoLoader) {}

  /** Drops what was loaded (after a reload from storage). */
  forget(): void {
    this.chunks.clear();
    this.known.clear();
    this.dirty.clear();
    this.complete = false;
    this.byArticle = undefined;
  }

  /** A fresh, empty and complete table (a rebuild starts from nothing). */
  reset(): void {
    this.chunks.clear();
    this.known.clear();
    this.dirty.clear();
    this.complete = true;
    this.byArticle = new Map();
  }

  private adopt(loaded: InfoChunk[]): void {
    for (const chunk of loaded) {
      if (this.known.has(chunk.chunk)) continue;
      this.chunks.set(chunk.chunk, chunk);
      this.known.add(chunk.chunk);
      if (this.byArticle)
        chunk.ids.forEach((id, i) => id && this.byArticle!.set(id, chunk.chunk * CHUNK_SIZE + i));
    }
  }

  /** Loads the chunks holding these documents, if not loaded yet. */
  async ensure(docIds: number[]): Promise<void> {
    if (this.complete) return;
    const wanted = [...new Set(docIds.map((doc) => Math.floor(doc / CHUNK_SIZE)))].filter(
      (chunk) => !this.known.has(chunk),
    );
    if (!wanted.length) return;
    this.adopt(await this.load(wanted));
    for (const chunk of wanted) this.known.add(chunk);
  }

  /** Loads everything and indexes it by article id (before writes and checks). */
  async ensureAll(): Promise<void> {
    if (this.complete && this.byArticle) return;
    this.adopt(await this.load('all'));
    this.complete = true;
    this.byArticle = new Map();
    for (const chunk of this.chunks.values())
      chunk.ids.forEach((id, i) => id && this.byArticle!.set(id, chunk.chunk * CHUNK_SIZE + i));
  }

  articleId(docId: number): string {
    return this.chunks.get(Math.floor(docId / CHUNK_SIZE))?.ids[docId % CHUNK_SIZE] ?? '';
  }

  /** The row of an article (after ensureAll). */
  row(articleId: string): DocRow | undefined {
    const docId = this.byArticle?.get(articleId);
    if (docId === undefined) return undefined;
    const chunk = this.chunks.get(Math.floor(docId / CHUNK_SIZE))!;
    const i = docId % CHUNK_SIZE;
    return { docId, articleId, hash: chunk.hashes[i]!, stamp: chunk.stamps[i]! };
  }

  rows(): DocRow[] {
    const out: DocRow[] = [];
    for (const chunk of this.chunks.values())
      chunk.ids.forEach((articleId, i) => {
        if (articleId)
          out.push({
            docId: chunk.chunk * CHUNK_SIZE + i,
            articleId,
            hash: chunk.hashes[i]!,
            stamp: chunk.stamps[i]!,
          });
      });
    return out;
  }

  set(row: DocRow): void {
    const number = Math.floor(row.docId / CHUNK_SIZE);
    let chunk = this.chunks.get(number);
    if (!chunk) {
      chunk = emptyInfo(number);
      this.chunks.set(number, chunk);
      this.known.add(number);
    }
    const i = row.docId % CHUNK_SIZE;
    chunk.ids[i] = row.articleId;
    chunk.hashes[i] = row.hash;
    chunk.stamps[i] = row.stamp;
    this.byArticle?.set(row.articleId, row.docId);
    this.dirty.add(number);
  }

  delete(docId: number): void {
    const number = Math.floor(docId / CHUNK_SIZE);
    const chunk = this.chunks.get(number);
    if (!chunk) return;
    const i = docId % CHUNK_SIZE;
    const articleId = chunk.ids[i]!;
    if (articleId && this.byArticle?.get(articleId) === docId) this.byArticle.delete(articleId);
    chunk.ids[i] = '';
    chunk.hashes[i] = 0;
    chunk.stamps[i] = '';
    this.dirty.add(number);
  }

  /** Chunks changed since the last call; empty ones are to be deleted. */
  takeDirty(): { put: InfoChunk[]; deleted: number[] } {
    const put: InfoChunk[] = [];
    const deleted: number[] = [];
    for (const number of this.dirty) {
      const chunk = this.chunks.get(number);
      if (!chunk) continue;
      if (chunk.ids.some(Boolean)) put.push(chunk);
      else {
        this.chunks.delete(number);
        deleted.push(number);
      }
    }
    this.dirty.clear();
    return { put, deleted };
  }
}
