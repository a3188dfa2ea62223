import { useLiveQuery } from 'dexie-react-hooks';
import type { Feed, Folder } from '../../../db/entities';
import { countUnread, listFeeds, listFolders } from '../../../db/queries';

export function useFeeds(): Feed[] | undefined {
  return useLiveQuery(() => listFeeds(), []);
}

export function useSidebarFolders(): Folder[] | undefined {
  return useLiveQuery(() => listFolders(), []);
}

export function useUnreadCount(feedId: string): number | undefined {
  return useLiveQuery(() => countUnread(feedId), [feedId]);
}
