import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useSyncExternalStore } from 'react';
import type { Feed, Folder } from '../../../db/entities';
import { listFeeds, listFolders } from '../../../db/queries';
import { createUnreadCounter, type UnreadCounter } from '../../../db/unread-counter';
import { whenListPainted } from '../../../lib/list-painted';

export function useFeeds(): Feed[] | undefined {
  return useLiveQuery(() => listFeeds(), []);
}

export function useSidebarFolders(): Folder[] | undefined {
  return useLiveQuery(() => listFolders(), []);
}

let counter: UnreadCounter | undefined;

/** One counter for the page: every feed row reads from it, and it counts all rows in one go. */
function unreadCounter(): UnreadCounter {
  counter ??= createUnreadCounter(whenListPainted());
  return counter;
}

export function useUnreadCount(feedId: string): number | undefined {
  const counts = unreadCounter();
  const subscribe = useCallback(
    (listener: () => void) => counts.subscribe(feedId, listener),
    [counts, feedId],
  );
  return useSyncExternalStore(subscribe, () => counts.get(feedId));
}
