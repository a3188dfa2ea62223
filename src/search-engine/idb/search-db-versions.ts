/**
 * The search index's own IndexedDB database, `broadsheet-search`: its name, rows and every
 * schema version, declared like the app's (db/versions.ts), apart from Dexie itself.
 *
 * Stores: `meta` (collection stats, dictionaries, generation), `segments` (segment headers with
 * the sparse index of their term dictionaries), `pages` (postings and positions streams in
 * 32 KB pages, dictionary blocks of ~4 KB), `columns` (per-document numbers in
 * chunks of 4,096 docIds) and `info` (per-document article id, content hash and stamp for
 * updates and the crash checker, in the same chunks).
 */
import type { Dexie, Table } from 'dexie';
import type { SchemaVersion } from './schema-versions';
import type { ColumnChunk } from '../core/doc-columns';
import type { InfoChunk } from '../core/doc-info';
import type { StoredSegment } from '../core/segment';
import type { IndexMeta } from '../core/storage';

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
