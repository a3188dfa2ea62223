import type { Dexie, EntityTable, Table } from 'dexie';
import { openVersioned } from '../../search-engine/idb/schema-versions';
import type {
  Account,
  Article,
  EpisodePart,
  EpisodeRow,
  Highlight,
  Playback,
  ReadMark,
  Rule,
  StoryFingerprintRow,
  Feed,
  Folder,
  OutboxEntry,
  PurgedItem,
  ReadingPosition,
  Setting,
  StoredImage,
  Tally,
} from './entities';
import { PLACEMENT_VERSION, placeArticles } from './placement';
import { stampUnread } from './read-marks';
import { TALLY_VERSION, keepTallies } from './tallies';
import { DB_NAME, LATEST_VERSION, SCHEMA_VERSIONS } from './versions';

export { DB_NAME, LATEST_VERSION, SCHEMA_VERSIONS } from './versions';

export type BroadsheetDb = Dexie & {
  feeds: EntityTable<Feed, 'id'>;
  folders: EntityTable<Folder, 'id'>;
  articles: EntityTable<Article, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  images: EntityTable<StoredImage, 'url'>;
  positions: EntityTable<ReadingPosition, 'articleId'>;
  accounts: EntityTable<Account, 'id'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  purged: Table<PurgedItem, [string, string]>;
  rules: EntityTable<Rule, 'id'>;
  fingerprints: EntityTable<StoryFingerprintRow, 'articleId'>;
  readMarks: EntityTable<ReadMark, 'id'>;
  highlights: EntityTable<Highlight, 'id'>;
  episodes: EntityTable<EpisodeRow, 'articleId'>;
  episodeParts: Table<EpisodePart, [string, number]>;
  playback: EntityTable<Playback, 'articleId'>;
  tallies: EntityTable<Tally, 'key'>;
};

/** Opens the database declared up to `upToVersion` (tests open older versions to seed them). */
export function createDb(name = DB_NAME, upToVersion = LATEST_VERSION): BroadsheetDb {
  const db = openVersioned<BroadsheetDb>(name, SCHEMA_VERSIONS, upToVersion);
  // Versions before 6 have no placement indexes; tests seed them with rows as they were.
  if (upToVersion >= PLACEMENT_VERSION) placeArticles(db);
  if (upToVersion >= PLACEMENT_VERSION) stampUnread(db);
  if (upToVersion >= TALLY_VERSION) keepTallies(db);
  return db;
}
