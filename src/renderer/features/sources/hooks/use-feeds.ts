import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useSyncExternalStore } from 'react';
import type { Account, Feed, Folder } from '../../../db/entities';
import { listAccounts } from '../../../db/accounts-repository';
import { listFeeds, listFolders } from '../../../db/queries';
import { pageUnreadCounter } from '../../../db/unread-counter';

export function useFeeds(): Feed[] | undefined {
  return useLiveQuery(() => listFeeds(), []);
}

export function useSidebarFolders(): Folder[] | undefined {
  return useLiveQuery(() => listFolders(), []);
}

/** Sync accounts, each a group of sources beside "On this computer". */
export function useSidebarAccounts(): Account[] | undefined {
  return useLiveQuery(() => listAccounts(), []);
}

export function useUnreadCount(feedId: string): number | undefined {
  // One counter for the page: every feed row reads from it, and it counts all rows in one go.
  const counts = pageUnreadCounter();
  const subscribe = useCallback(
    (listener: () => void) => counts.subscribe(feedId, listener),
    [counts, feedId],
  );
  return useSyncExternalStore(subscribe, () => counts.get(feedId));
}
