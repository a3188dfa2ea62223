import { useLiveQuery } from 'dexie-react-hooks';
import type { Folder } from '../../../db/entities';
import {
  createFolder,
  moveFeed,
  renameFeed,
  setFeedFullText,
  setFeedInterval,
  unsubscribeFeed,
} from '../../../db/feeds-repository';
import { listFolders } from '../../../db/queries';
import { refreshFeeds } from '../../../lib/sync-client';

export function useFolders(): Folder[] | undefined {
  return useLiveQuery(() => listFolders(), []);
}

export async function saveFeedSettings(
  feedId: string,
  changes: {
    title: string;
    folderId?: string;
    newFolderName?: string;
    intervalMinutes?: number;
    fullText?: 'auto' | 'always' | 'never';
  },
): Promise<void> {
  await renameFeed(feedId, changes.title);
  await setFeedFullText(feedId, changes.fullText);
  await setFeedInterval(feedId, changes.intervalMinutes);
  const folderId = changes.newFolderName?.trim()
    ? (await createFolder(changes.newFolderName)).id
    : changes.folderId;
  await moveFeed(feedId, folderId);
}

export function refreshFeed(feedId: string): void {
  void refreshFeeds([feedId]);
}

export { unsubscribeFeed };
