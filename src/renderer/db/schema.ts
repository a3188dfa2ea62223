import type { Dexie, EntityTable } from 'dexie';
import { openVersioned, type SchemaVersion } from './schema-versions';
import type { Article, Feed, Folder, ReadingPosition, Setting, StoredImage } from './entities';

export const DB_NAME = 'broadsheet';

export type BroadsheetDb = Dexie & {
  feeds: EntityTable<Feed, 'id'>;
  folders: EntityTable<Folder, 'id'>;
  articles: EntityTable<Article, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  images: EntityTable<StoredImage, 'url'>;
  positions: EntityTable<ReadingPosition, 'articleId'>;
};

/**
 * Every schema version ever shipped, oldest first. Never edit or remove one: a user's database
 * may be at any of them. Add a new entry (with an `upgrade` when data must move) instead.
 */
export const SCHEMA_VERSIONS: SchemaVersion[] = [
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
  {
    // Reading positions live in their own small table: a scroll writes a tiny row instead of
    // rewriting a whole article (and waking the search indexer). Unread articles by feed and
    // date let "mark older than a week read" walk exactly the rows it changes.
    version: 3,
    stores: {
      articles:
        'id, feedId, publishedAt, [feedId+publishedAt], [feedId+unread], [unread+publishedAt], [feedId+unread+publishedAt], bookmarkedAt, *tags, savedAt, offline, fetchedAt',
      positions: 'articleId, updatedAt',
    },
  },
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/** Opens the database declared up to `upToVersion` (tests open older versions to seed them). */
export function createDb(name = DB_NAME, upToVersion = LATEST_VERSION): BroadsheetDb {
  return openVersioned<BroadsheetDb>(name, SCHEMA_VERSIONS, upToVersion);
}
