import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useSyncExternalStore } from 'react';
import type { Account, Feed, Folder } from '../../../db/entities';
import { listAccounts } from '../../../db/accounts-repository';
import { listFeeds, listFolders } from '../../../db/queries';
import { pageUnreadCounter } from '../../../db/unread-counter';
import { useT } from '../../../i18n/use-t';

// Each list comes sorted by name in the interface's language: asked again when it changes.

export function useFeeds(): Feed[] | undefined {
  const { locale } = useT();
  return useLiveQuery(() => listFeeds(), [locale]);
}

export function useSidebarFolders(): Folder[] | undefined {
  const { locale } = useT();
  return useLiveQuery(() => listFolders(), [locale]);
}

/** Sync accounts, each a group of sources beside "On this computer". */
export function useSidebarAccounts(): Account[] | undefined {
  const { locale } = useT();
  return useLiveQuery(() => listAccounts(), [locale]);
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
