/**
 * The search index's own IndexedDB database, `broadsheet-search`, declared version by version
 * like the app's (db/schema.ts), and the IndexStorage the engine persists through.
 *
 * Stores: `meta` (collection stats, dictionaries, generation), `segments` (segment headers with
 * the sparse index of their term dictionaries), `pages` (postings and positions streams in
 * 32 KB pages, dictionary blocks of ~4 KB), `columns` (per-document numbers in
 * chunks of 4,096 docIds) and `info` (per-document article id, content hash and stamp for
 * updates and the crash checker, in the same chunks).
 */
import type { Dexie, Table } from 'dexie';
import { openForReading, type ReadConnection } from '../db/read-connection';
import { openVersioned, type SchemaVersion } from '../db/schema-versions';
import type { ColumnChunk } from './core/doc-columns';
import type { InfoChunk } from './core/doc-info';
import {
  filePages,
  packHeader,
  pageNumbers,
  unpackHeader,
  type StoredSegment,
} from './core/segment';
import type {
  IndexCommit,
  IndexMeta,
  IndexStorage,
  LoadedIndex,
  PageRequest,
  RetiredSegment,
} from './core/storage';

export const SEARCH_DB_NAME = 'broadsheet-search';

export interface MetaRow {
  key: 'index';
  value: IndexMeta;
}

export interface PageRow {
  segment: number;
  page: number;
  data: Uint8Array;
}

export type SearchDb = Dexie & {
  meta: Table<MetaRow, string>;
  segments: Table<StoredSegment, number>;
  pages: Table<PageRow, [number, number]>;
  columns: Table<ColumnChunk, number>;
  info: Table<InfoChunk, number>;
};

/** Every version ever shipped, oldest first; never edit one, add the next. */
export const SEARCH_SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      segments: 'id',
      pages: '[segment+page]',
      columns: 'chunk',
      info: 'chunk',
    },
  },
];

export const SEARCH_LATEST_VERSION = SEARCH_SCHEMA_VERSIONS.at(-1)!.version;

export function createSearchDb(
  name = SEARCH_DB_NAME,
  upToVersion = SEARCH_LATEST_VERSION,
): SearchDb {
  return openVersioned<SearchDb>(name, SEARCH_SCHEMA_VERSIONS, upToVersion);
}

/**
 * Reads go through a plain connection when the database already exists at this version
 * (every launch after the first), writes through Dexie, which opens on its first use.
 */
export class IndexedDbStorage implements IndexStorage {
  private reader: Promise<ReadConnection | undefined> | undefined;

  constructor(readonly db: SearchDb) {}

  /** Where the last load's time went (diagnostics for the worker's ready event). */
  loadTimings: Record<string, number> = {};

  /** The plain connection, while it is usable. */
  private connection(): Promise<ReadConnection | undefined> {
    this.reader ??= openForReading(this.db);
    return this.reader.then((reader) => (reader?.isOpen ? reader : undefined));
  }

  async load(): Promise<LoadedIndex> {
    const started = performance.now();
    const reader = await this.connection();
    const opened = performance.now();
    const [meta, segments, columns] = reader
      ? await reader.read<[MetaRow | undefined, StoredSegment[], ColumnChunk[]]>(
          ['meta', 'segments', 'columns'],
          (tx) => [
            tx.objectStore('meta').get('index'),
            tx.objectStore('segments').getAll(),
            tx.objectStore('columns').getAll(),
          ],
        )
      : await this.db.transaction('r', this.db.meta, this.db.segments, this.db.columns, () =>
          Promise.all([
            this.db.meta.get('index'),
            this.db.segments.toArray(),
            this.db.columns.toArray(),
          ]),
        );
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
    const reader = await this.connection();
    const rows = reader
      ? await reader.getMany<PageRow>('pages', keys)
      : await this.db.pages.bulkGet(keys);
    return rows.map((row) => row?.data);
  }

  async commit(commit: IndexCommit): Promise<void> {
    const { db } = this;
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
    if (keys.length) await this.db.pages.bulkDelete(keys);
  }

  async loadInfo(chunks: number[] | 'all'): Promise<InfoChunk[]> {
    if (chunks === 'all') return this.db.info.toArray();
    const reader = await this.connection();
    const rows = reader
      ? await reader.getMany<InfoChunk>('info', chunks)
      : await this.db.info.bulkGet(chunks);
    return rows.filter((row): row is InfoChunk => row !== undefined);
  }

  /** Closes the plain connection (Dexie's is the caller's to close). */
  async close(): Promise<void> {
    (await this.reader)?.close();
  }

  async clear(): Promise<void> {
    const { db } = this;
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
    const { db } = this;
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
