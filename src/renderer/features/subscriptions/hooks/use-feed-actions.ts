import { useLiveQuery } from 'dexie-react-hooks';
import type { Feed, Folder } from '../../../db/entities';
import {
  createFolder,
  moveFeed,
  renameFeed,
  setFeedFullText,
  setFeedInterval,
  unsubscribeFeed,
} from '../../../db/feeds-repository';
import { mergeFeedInto } from '../../../db/merge-feeds';
import { getFeed, listFolders } from '../../../db/queries';
import { refreshFeeds } from '../../../pipeline/sync-client';

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

/** The subscription a feed now duplicates (its server redirects to that one's address). */
export function useDuplicateTarget(feed: Feed): Feed | undefined {
  const targetId = feed.duplicateOf;
  return useLiveQuery(async () => (targetId ? getFeed(targetId) : undefined), [targetId]);
}

/** Moves the feed's articles, with their reading state, into the other, and drops the feed. */
export async function mergeFeeds(fromId: string, intoId: string): Promise<void> {
  await mergeFeedInto(fromId, intoId);
}

export function refreshFeed(feedId: string): void {
  void refreshFeeds([feedId]);
}

export { unsubscribeFeed };
