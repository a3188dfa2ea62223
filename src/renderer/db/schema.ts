import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Article, Feed, Folder, Setting, StoredImage } from './entities';

export const DB_NAME = 'broadsheet';

export type BroadsheetDb = Dexie & {
  feeds: EntityTable<Feed, 'id'>;
  folders: EntityTable<Folder, 'id'>;
  articles: EntityTable<Article, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  images: EntityTable<StoredImage, 'url'>;
};

/**
 * Every schema version ever shipped, oldest first. Never edit or remove one: a user's database
 * may be at any of them. Add a new entry (with an `upgrade` when data must move) instead.
 */
export const SCHEMA_VERSIONS: {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}[] = [
  {
    version: 1,
    stores: {
      feeds: 'id, &url, folderId',
      folders: 'id, parentId',
      articles:
        'id, feedId, publishedAt, [feedId+publishedAt], [feedId+unread], bookmarkedAt, *tags',
      settings: 'key',
    },
  },
  {
    // Offline articles: images as Blobs (shared by URL), saved items, and a work queue index.
    version: 2,
    stores: {
      articles:
        'id, feedId, publishedAt, [feedId+publishedAt], [feedId+unread], [unread+publishedAt], bookmarkedAt, *tags, savedAt, offline, fetchedAt',
      images: 'url, *articleIds, status',
    },
    upgrade: async (tx) => {
      // Articles stored before v2 carried only what the feed gave; queue them for the offline
      // pass, which decides per feed whether whole text and images are wanted.
      await tx
        .table('articles')
        .toCollection()
        .modify((article: { offline?: string }) => {
          article.offline ??= 'pending';
        });
    },
  },
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Opens the database declared up to `upToVersion` (tests open older versions to seed them). */
export function createDb(name = DB_NAME, upToVersion = LATEST_VERSION): BroadsheetDb {
  const db = new Dexie(name) as BroadsheetDb;
  for (const step of SCHEMA_VERSIONS) {
    if (step.version > upToVersion) break;
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
  return db;
}
