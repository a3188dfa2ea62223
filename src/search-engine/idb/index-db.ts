/**
 * The search index's database as Dexie declares it (search-db-versions.ts has its versions);
 * IndexedDbStorage (index-storage.ts) persists the engine in it.
 */
import { openVersioned } from './schema-versions';
import {
  SEARCH_DB_NAME,
  SEARCH_LATEST_VERSION,
  SEARCH_SCHEMA_VERSIONS,
  type SearchDb,
} from './search-db-versions';

export function createSearchDb(
  name = SEARCH_DB_NAME,
  upToVersion = SEARCH_LATEST_VERSION,
): SearchDb {
  return openVersioned<SearchDb>(name, SEARCH_SCHEMA_VERSIONS, upToVersion);
}
