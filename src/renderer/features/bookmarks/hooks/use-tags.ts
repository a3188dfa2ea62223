import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
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

type Compare = (a: string, b: string) => number;

/**
 * Tags in use with their counts, in the order of names in the interface's language (`compare`:
 * `t.compare`); repaints when any article's tags change.
 */
export function useTagCounts(compare: Compare): TagCount[] | undefined {
  const counts = useLiveQuery(() => listTagCounts(), []);
  return useMemo(
    () => counts && [...counts].sort((a, b) => compare(a.tag, b.tag) || byCodePoint(a.tag, b.tag)),
    [counts, compare],
  );
}

/** Tag names in use, for autocomplete, in the order of names in the interface's language. */
export function useKnownTags(compare: Compare): string[] {
  const tags = useLiveQuery(() => listTags(), []);
  return useMemo(
    () => [...(tags ?? [])].sort((a, b) => compare(a, b) || byCodePoint(a, b)),
    [tags, compare],
  );
}

/** Two tags the collator calls equal ("Rust", "rust") still keep one fixed order. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
