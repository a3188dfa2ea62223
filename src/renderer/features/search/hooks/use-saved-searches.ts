import { useLiveQuery } from 'dexie-react-hooks';
import type { SavedSearch } from '../../../db/entities';
import {
  addSavedSearch,
  listSavedSearches,
  removeSavedSearch,
  renameSavedSearch,
} from '../../../db/saved-searches-repository';

export type { SavedSearch } from '../../../db/entities';

export function useSavedSearches(): SavedSearch[] | undefined {
  return useLiveQuery(() => listSavedSearches(), []);
}

export const saveSearch = (entry: Omit<SavedSearch, 'id'>) => addSavedSearch(entry);
export const renameSearch = (id: string, name: string) => renameSavedSearch(id, name);
export const removeSearch = (id: string) => removeSavedSearch(id);
