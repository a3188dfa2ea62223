/**
 * The library database's name and every schema version ever shipped, apart from Dexie itself:
 * the search worker reads the database by name and version before it loads Dexie.
 */
import type { SchemaVersion } from '../../search-engine/idb/schema-versions';
import { place, type Placeable } from './placement';
import { recountTallies } from './tallies';

export const DB_NAME = 'broadsheet';

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
  {
    // Sync accounts: an account and this computer may both subscribe to one address, so feed
    // URLs are no longer unique in the index (local feeds stay unique in code); account rows
    // and items are found by the server's ids; the outbox keeps changes the server has not yet
    // confirmed, in order. An account's unread items by key let a sync compare read state
    // with the server's without reading article rows.
    version: 4,
    stores: {
      feeds: 'id, url, folderId, accountId, [accountId+remoteId]',
      folders: 'id, parentId, accountId',
      articles:
        'id, feedId, publishedAt, [feedId+publishedAt], [feedId+unread], [unread+publishedAt], [feedId+unread+publishedAt], bookmarkedAt, *tags, savedAt, offline, fetchedAt, accountId, [accountId+remoteId], [accountId+unread]',
      accounts: 'id',
      outbox: '++seq, accountId',
    },
  },
  {
    // What retention purged of an account: a sync compares ids with the server, and without
    // these it would fetch a purged unread item again (then purge it again), every sync.
    version: 5,
    stores: {
      purged: '[accountId+remoteId], accountId',
    },
  },
  {
    // Rules, stories and quiet feeds: every view and count reads `lane` (the feed's views; absent
    // while hidden) or `crowd` (All articles, Unread and Today), both derived on every write
    // (placement.ts), so hiding, grouping and quieting never turn a count into a scan. The
    // unread-by-date indexes they replace are dropped. Rules, story fingerprints and read marks
    // get their own tables. `unreadAt` (unread rows only) tells what became unread after a
    // recorded "mark all as read" (read-marks.ts).
    version: 6,
    stores: {
      articles:
        'id, feedId, publishedAt, [feedId+publishedAt], [feedId+unread], bookmarkedAt, *tags, savedAt, offline, fetchedAt, accountId, [accountId+remoteId], [accountId+unread], [lane+publishedAt], [lane+unread+publishedAt], [crowd+publishedAt], [crowd+unread+publishedAt], storyId, hiddenAt, unreadAt',
      rules: 'id',
      fingerprints: 'articleId, *keys, storyId',
      readMarks: 'id',
    },
    upgrade: async (tx) => {
      await tx
        .table('articles')
        .toCollection()
        .modify((article: Placeable & { unread: 0 | 1; fetchedAt: number; unreadAt?: number }) => {
          place(article);
          // Unread since it was fetched: before any "mark all as read" (read-marks.ts).
          if (article.unread === 1) article.unreadAt = article.fetchedAt;
        });
    },
  },
  {
    // Reading, extended: highlights (anchored by quote, entities.ts#Highlight), episodes kept
    // offline in parts (a failed download resumes), and where playback was left.
    version: 7,
    stores: {
      highlights: 'id, articleId, createdAt',
      episodes: 'articleId, feedId, state',
      episodeParts: '[articleId+index], articleId',
      playback: 'articleId',
    },
  },
  {
    // Tallies: how many articles All articles, Unread and Hidden hold, moved by every article
    // write in its own transaction (tallies.ts), so a view's size is read, not counted.
    version: 8,
    stores: {
      tallies: 'key',
    },
    upgrade: async (tx) => {
      await tx.table('tallies').bulkPut(await recountTallies(tx.table('articles')));
    },
  },
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
