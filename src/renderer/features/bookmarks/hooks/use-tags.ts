import { useLiveQuery } from 'dexie-react-hooks';
import {
  addTag,
  deleteTag,
  listTagCounts,
  listTags,
  removeTag,
  renameTag,
  restoreBookmark,
  setNote,
  type TagCount,
} from '../../../db/bookmarks-repository';

export type { TagCount };
export { addTag, deleteTag, removeTag, renameTag, restoreBookmark, setNote };

/** Tags in use with their counts, by name; repaints when any article's tags change. */
export function useTagCounts(): TagCount[] | undefined {
  return useLiveQuery(() => listTagCounts(), []);
}

/** Tag names in use, for autocomplete. */
export function useKnownTags(): string[] {
  return useLiveQuery(() => listTags(), []) ?? [];
}
