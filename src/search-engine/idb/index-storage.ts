/**
 * The IndexStorage the engine persists through, in the `broadsheet-search` database. Reads go
 * through a plain connection once the database exists at this version (every launch after the
 * first), writes through Dexie, which is loaded on the first write.
 */
import { toHandle, type DatabaseHandle } from './database-handle';
import { ReadSlot } from './read-connection';
import type { ColumnChunk } from '../core/doc-columns';
import type { InfoChunk } from '../core/doc-info';
import {
  filePages,
  packHeader,
  pageNumbers,
  unpackHeader,
  type StoredSegment,
} from '../core/segment';
import type {
  IndexCommit,
  IndexStorage,
  LoadedIndex,
  PageRequest,
  RetiredSegment,
} from '../core/storage';
import type { MetaRow, PageRow, SearchDb } from './search-db-versions';

/** Info chunks (256 documents each) read per request when all are loaded. */
const INFO_PAGE = 64;
export class IndexedDbStorage implements IndexStorage {
  readonly handle: DatabaseHandle<SearchDb>;
  private readonly reader: ReadSlot;

  constructor(db: SearchDb | DatabaseHandle<SearchDb>) {
    this.handle = toHandle(db);
    this.reader = new ReadSlot(this.handle);
  }

  /** Where the last load's time went (diagnostics for the worker's ready event). */
  loadTimings: Record<string, number> = {};

  private dexie(): Promise<SearchDb> {
    return this.handle.dexie();
  }

  async load(): Promise<LoadedIndex> {
    const started = performance.now();
    const reader = await this.reader.get();
    const opened = performance.now();
    let meta: MetaRow | undefined;
    let segments: StoredSegment[];
    let columns: Promise<ColumnChunk[]>;
    if (reader) {
      const [metaRead, segmentsRead, columnsRead] = reader.readEach<
        [MetaRow | undefined, StoredSegment[], ColumnChunk[]]
      >(['meta', 'segments', 'columns'], (tx) => [
        tx.objectStore('meta').get('index'),
        tx.objectStore('segments').getAll(),
        tx.objectStore('columns').getAll(),
      ]);
      // Whoever needs the columns awaits them; a failure reaches them there.
      columnsRead.catch(() => undefined);
      [meta, segments] = await Promise.all([metaRead, segmentsRead]);
      columns = columnsRead;
    } else {
      const db = await this.dexie();
      let all: ColumnChunk[];
      [meta, segments, all] = await db.transaction('r', db.meta, db.segments, db.columns, () =>
        Promise.all([db.meta.get('index'), db.segments.toArray(), db.columns.toArray()]),
      );
      columns = Promise.resolve(all);
    }
    const read = performance.now();
    const headers = segments.map(unpackHeader);
    this.loadTimings = {
      openMs: opened - started,
      readMs: read - opened,
      unpackMs: performance.now() - read,
      plain: reader ? 1 : 0,
    };
    return { meta: meta?.value, segments: headers, columns };
  }

  async readPages(requests: PageRequest[]): Promise<(Uint8Array | undefined)[]> {
    if (!requests.length) return [];
    const keys = requests.map(({ segment, page }) => [segment, page] as [number, number]);
    const reader = await this.reader.get();
    const rows = reader
      ? await reader.getMany<PageRow>('pages', keys)
      : await (await this.dexie()).pages.bulkGet(keys);
    return rows.map((row) => row?.data);
  }

  async commit(commit: IndexCommit): Promise<void> {
    const db = await this.dexie();
    await db.transaction('rw', [db.meta, db.segments, db.pages, db.columns, db.info], async () => {
      if (commit.deleteInfo.length) await db.info.bulkDelete(commit.deleteInfo);
      if (commit.deleteSegments.length) await db.segments.bulkDelete(commit.deleteSegments);
      if (commit.deleteColumns.length) await db.columns.bulkDelete(commit.deleteColumns);
      for (const file of commit.putSegments) {
        const segment = file.header.id;
        await db.pages.bulkPut(filePages(file).map(([page, data]) => ({ segment, page, data })));
        await db.segments.put(packHeader(file.header));
      }
      if (commit.putColumns.length) await db.columns.bulkPut(commit.putColumns);
      if (commit.putInfo.length) await db.info.bulkPut(commit.putInfo);
      await db.meta.put({ key: 'index', value: commit.meta });
    });
  }

  async deletePages(segments: RetiredSegment[]): Promise<void> {
    const keys: [number, number][] = [];
    for (const segment of segments)
      for (const page of pageNumbers(segment)) keys.push([segment.id, page]);
    if (keys.length) await (await this.dexie()).pages.bulkDelete(keys);
  }

  /**
   * @param pageSize with `'all'`, the chunks read per request: at a million documents one
   *   request for every chunk (their article ids and stamps) held the origin's IndexedDB, and
   *   the app's reads, for seconds. One transaction still, so the pages agree with each other.
   */
  async loadInfo(chunks: number[] | 'all', pageSize = INFO_PAGE): Promise<InfoChunk[]> {
    if (chunks === 'all') {
      const db = await this.dexie();
      return db.transaction('r', db.info, async () => {
        const rows: InfoChunk[] = [];
        for (;;) {
          const last = rows[rows.length - 1]?.chunk;
          const from =
            last === undefined ? db.info.toCollection() : db.info.where(':id').above(last);
          const page = await from.limit(pageSize).toArray();
          rows.push(...page);
          if (page.length < pageSize) return rows;
        }
      });
    }
    const reader = await this.reader.get();
    const rows = reader
      ? await reader.getMany<InfoChunk>('info', chunks)
      : await (await this.dexie()).info.bulkGet(chunks);
    return rows.filter((row): row is InfoChunk => row !== undefined);
  }

  /** Closes the plain connection (Dexie's is the caller's to close). */
  close(): void {
    this.reader.close();
  }

  async clear(): Promise<void> {
    const db = await this.dexie();
    await db.transaction('rw', [db.meta, db.segments, db.pages, db.columns, db.info], async () => {
      await Promise.all([
        db.meta.clear(),
        db.segments.clear(),
        db.pages.clear(),
        db.columns.clear(),
        db.info.clear(),
      ]);
    });
  }

  /**
   * Bytes of what the index stores (values, not IndexedDB's own overhead): pages, segment
   * sparse indexes, columns, and an estimate of doc rows.
   */
  async size(): Promise<number> {
    const db = await this.dexie();
    let bytes = 0;
    await db.pages.each((row) => {
      bytes += row.data.byteLength + 8;
    });
    for (const stored of await db.segments.toArray()) bytes += stored.firstTerms.byteLength + 48;
    for (const chunk of await db.columns.toArray())
      bytes +=
        chunk.length.byteLength +
        chunk.date.byteLength +
        chunk.flags.byteLength +
        chunk.feed.byteLength +
        chunk.lang.byteLength;
    for (const chunk of await db.info.toArray())
      bytes +=
        chunk.hashes.byteLength +
        chunk.ids.reduce((sum, id) => sum + id.length + 2, 0) +
        chunk.stamps.reduce((sum, stamp) => sum + stamp.length + 2, 0);
    return bytes;
  }
}
