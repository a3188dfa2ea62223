/** IndexStorage in memory: the same engine without IndexedDB (tests, Node tools). */
import type { ColumnChunk } from './doc-columns';
import type { InfoChunk } from './doc-info';
import { filePages, packHeader, pageNumbers, unpackHeader, type SegmentHeader } from './segment';
import type {
  IndexCommit,
  IndexMeta,
  IndexStorage,
  LoadedIndex,
  PageRequest,
  RetiredSegment,
} from './storage';

export class MemoryStorage implements IndexStorage {
  private meta: IndexMeta | undefined;
  private readonly segments = new Map<number, SegmentHeader>();
  private readonly pages = new Map<string, Uint8Array>();
  private readonly columns = new Map<number, ColumnChunk>();
  private readonly info = new Map<number, InfoChunk>();
  /** Called before each commit is applied; a test makes it throw to simulate a crash. */
  beforeCommit?: (commit: IndexCommit) => void;

  async load(): Promise<LoadedIndex> {
    return {
      meta: this.meta && structuredClone(this.meta),
      // Through the stored form, as IndexedDB does, so tests cover packing.
      segments: [...this.segments.values()]
        .sort((a, b) => a.minDoc - b.minDoc)
        .map((header) => unpackHeader(packHeader(header))),
      columns: Promise.resolve([...this.columns.values()].map((chunk) => structuredClone(chunk))),
    };
  }

  async readPages(requests: PageRequest[]): Promise<(Uint8Array | undefined)[]> {
    return requests.map(({ segment, page }) => this.pages.get(`${segment}:${page}`));
  }

  async commit(commit: IndexCommit): Promise<void> {
    this.beforeCommit?.(commit);
    this.meta = structuredClone(commit.meta);
    for (const id of commit.deleteSegments) this.segments.delete(id);
    for (const file of commit.putSegments) {
      this.segments.set(file.header.id, file.header);
      for (const [page, data] of filePages(file)) this.pages.set(`${file.header.id}:${page}`, data);
    }
    for (const chunk of commit.deleteColumns) this.columns.delete(chunk);
    for (const chunk of commit.putColumns) this.columns.set(chunk.chunk, structuredClone(chunk));
    for (const chunk of commit.deleteInfo) this.info.delete(chunk);
    for (const chunk of commit.putInfo) this.info.set(chunk.chunk, structuredClone(chunk));
  }

  async deletePages(segments: RetiredSegment[]): Promise<void> {
    for (const segment of segments)
      for (const page of pageNumbers(segment)) this.pages.delete(`${segment.id}:${page}`);
  }

  async loadInfo(chunks: number[] | 'all'): Promise<InfoChunk[]> {
    const wanted = chunks === 'all' ? [...this.info.keys()] : chunks;
    return wanted.flatMap((chunk) => {
      const found = this.info.get(chunk);
      return found ? [structuredClone(found)] : [];
    });
  }

  async clear(): Promise<void> {
    this.meta = undefined;
    this.segments.clear();
    this.pages.clear();
    this.columns.clear();
    this.info.clear();
  }

  async size(): Promise<number> {
    let bytes = 0;
    for (const page of this.pages.values()) bytes += page.byteLength;
    for (const header of this.segments.values()) bytes += packHeader(header).firstTerms.byteLength;
    return bytes;
  }

  /** Pages currently stored (tests check that merges free them). */
  get pageCount(): number {
    return this.pages.size;
  }
}
