import type { SavedSearch } from './entities';
import { getDb } from './database';
import { getSetting, putSetting } from './settings-repository';

/**
 * Saved searches live in one settings row: a handful of short entries, read whole by the
 * sidebar, so they need no table (and no schema version) of their own.
 */
export async function listSavedSearches(db = getDb()): Promise<SavedSearch[]> {
  const { items } = await getSetting('savedSearches', db);
  return Array.isArray(items) ? items.filter(isSavedSearch) : [];
}

/** A restored backup or an older build may have left anything in the row. */
function isSavedSearch(value: unknown): value is SavedSearch {
  const entry = value as Partial<SavedSearch> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.name === 'string' &&
    typeof entry.query === 'string' &&
    (entry.sort === 'relevance' || entry.sort === 'date')
  );
}

async function change(
  edit: (items: SavedSearch[]) => SavedSearch[],
  db: ReturnType<typeof getDb>,
): Promise<void> {
  // Read and write in one transaction, so two quick edits cannot drop each other's change.
  await db.transaction('rw', db.settings, async () => {
    const items = await listSavedSearches(db);
    await putSetting('savedSearches', { items: edit(items) }, db);
  });
}

export async function addSavedSearch(
  entry: Omit<SavedSearch, 'id'>,
  db = getDb(),
): Promise<SavedSearch> {
  const saved: SavedSearch = {
    id: crypto.randomUUID(),
    name: entry.name.trim() || entry.query.trim(),
    query: entry.query.trim(),
    sort: entry.sort,
  };
  await change((items) => [...items, saved], db);
  return saved;
}

export async function renameSavedSearch(id: string, name: string, db = getDb()): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) return;
  await change(
    (items) => items.map((item) => (item.id === id ? { ...item, name: trimmed } : item)),
    db,
  );
}

export async function removeSavedSearch(id: string, db = getDb()): Promise<void> {
  await change((items) => items.filter((item) => item.id !== id), db);
}
