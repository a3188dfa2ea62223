import { useLiveQuery } from 'dexie-react-hooks';
import type { Account } from '../../../db/entities';
import {
  countAccountBookmarks,
  countPending,
  listAccounts,
  renameAccount as renameAccountRow,
} from '../../../db/accounts-repository';
import {
  moveLocalFeedToAccount,
  removeAccount as removeAccountAndData,
  signOutAccount as signOutAccountAndKeepBookmarks,
} from '../../../pipeline/account-sync';

export type { Account };

/** Every account, by name; undefined while loading. */
export function useAccounts(): Account[] | undefined {
  return useLiveQuery(() => listAccounts(), []);
}

/** Changes made here that the server has not confirmed yet: one account's, or all of them. */
export function usePendingCount(accountId?: string): number | undefined {
  return useLiveQuery(() => countPending(accountId), [accountId]);
}

/** Bookmarked articles of the account: they stay, as Saved articles, when it is signed out. */
export function useAccountBookmarkCount(accountId: string, enabled: boolean): number | undefined {
  return useLiveQuery(
    async () => (enabled ? countAccountBookmarks(accountId) : undefined),
    [accountId, enabled],
  );
}

export async function renameAccount(accountId: string, name: string): Promise<void> {
  await renameAccountRow(accountId, name);
}

export async function signOutAccount(accountId: string): Promise<void> {
  await signOutAccountAndKeepBookmarks(accountId);
}

export async function removeAccount(accountId: string): Promise<void> {
  await removeAccountAndData(accountId);
}

export async function moveFeedToAccount(feedId: string, accountId: string): Promise<void> {
  await moveLocalFeedToAccount(feedId, accountId);
}

/** "1 change waiting to sync", "12 changes waiting to sync". */
export function pendingText(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'} waiting to sync`;
}
