import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useSyncExternalStore } from 'react';
import type { Account, Feed, Folder } from '../../../db/entities';
import { listAccounts } from '../../../db/accounts-repository';
import { listFeeds, listFolders } from '../../../db/queries';
import { createUnreadCounter, type UnreadCounter } from '../../../db/unread-counter';
import { whenListPainted } from '../../../lib/list-painted';

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
