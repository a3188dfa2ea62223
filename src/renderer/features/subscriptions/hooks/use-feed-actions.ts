import { useLiveQuery } from 'dexie-react-hooks';
import type { Feed, Folder } from '../../../db/entities';
import {
  createFolder,
  moveFeed,
  renameFeed,
  setFeedFullText,
  setFeedInterval,
  setFeedNotify,
  unsubscribeFeed,
} from '../../../db/feeds-repository';
import { mergeFeedInto } from '../../../db/merge-feeds';
import { EPISODES_QUEUED_ON_TURN_ON, setFeedKeepEpisodes } from '../../../db/episodes-repository';
import { setFeedQuiet } from '../../../db/quiet-feeds';
import { getFeed, listFolders } from '../../../db/queries';
import { syncAccountNow } from '../../../pipeline/account-sync';
import { notificationProblem } from '../../../pipeline/article-notices';
import { refreshFeeds } from '../../../pipeline/sync-client';
import { reportStorageError } from '../../../lib/storage-errors';
import { useT } from '../../../i18n/use-t';

/** Folders by name in the interface's language: asked again when it changes. */
export function useFolders(): Folder[] | undefined {
  const { locale } = useT();
  return useLiveQuery(() => listFolders(), [locale]);
}

export async function saveFeedSettings(
  feedId: string,
  changes: {
    title: string;
    folderId?: string;
    newFolderName?: string;
    intervalMinutes?: number;
    fullText?: 'auto' | 'always' | 'never';
    /** Kept out of All articles, Unread and Today. */
    quiet?: boolean;
    /** "Notify me of new articles". */
    notify?: boolean;
    /** "Keep episodes offline". */
    keepEpisodes?: boolean;
  },
): Promise<void> {
  const feed = await getFeed(feedId);
  if (!feed) return;
  await renameFeed(feedId, changes.title);
  await setFeedFullText(feedId, changes.fullText);
  // An account's feed is fetched by its server, not on an interval of ours.
  if (!feed.accountId) await setFeedInterval(feedId, changes.intervalMinutes);
  const newName = changes.newFolderName?.trim();
  const folderId = newName ? (await folderNamed(newName, feed.accountId)).id : changes.folderId;
  await moveFeed(feedId, folderId);
  if (changes.quiet !== undefined) await setFeedQuiet(feedId, changes.quiet);
  if (changes.notify !== undefined) await setFeedNotify(feedId, changes.notify);
  if (changes.keepEpisodes !== undefined && changes.keepEpisodes !== (feed.keepEpisodes === true)) {
    await setFeedKeepEpisodes(feedId, changes.keepEpisodes);
  }
}

/** Asked when the reader ticks "Notify me of new articles" (a click: browsers ask only then). */
export { notificationProblem };

/**
 * "New folder…" in the feed's own source: an account's feed gets a folder in that account (a
 * label the move then sends to the server); a name the source already has is that folder.
 */
async function folderNamed(name: string, accountId: string | undefined): Promise<Folder> {
  const existing = (await listFolders()).find(
    (folder) => folder.accountId === accountId && folder.name === name,
  );
  return existing ?? createFolder(name, undefined, accountId);
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

/** An account's feeds come with its sync: "refresh" for one of them syncs the account now. */
export function syncFeedAccount(accountId: string): void {
  void syncAccountNow(accountId).catch(reportStorageError);
}

export { unsubscribeFeed };

/** How many of a feed's episodes are fetched at once when "Keep episodes offline" is ticked. */
export { EPISODES_QUEUED_ON_TURN_ON };
