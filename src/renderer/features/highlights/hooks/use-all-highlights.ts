import { useLiveQuery } from 'dexie-react-hooks';
import { listAllHighlights, type HighlightEntry } from '../../../db/highlights-repository';

/** Every highlight across articles, newest first; undefined while loading. */
export function useAllHighlights(): HighlightEntry[] | undefined {
  return useLiveQuery(() => listAllHighlights(), []);
}

/** Whether any highlight exists (the sidebar shows the view only then). */
export function useHasHighlights(): boolean {
  return useLiveQuery(async () => (await listAllHighlights(1)).length > 0, [], false);
}
