import { useLiveQuery } from 'dexie-react-hooks';
import type { Feed } from '../../../db/entities';
import { countUnread, listFeeds } from '../../../db/queries';

export function useFeeds(): Feed[] | undefined {
  return useLiveQuery(() => listFeeds(), []);
}

export function useUnreadCount(feedId: string): number | undefined {
  return useLiveQuery(() => countUnread(feedId), [feedId]);
}
