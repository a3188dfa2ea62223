import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountService } from '@shared/account-model';
import type { ApiError } from '@shared/result';
import type { Account } from '../../../db/entities';
import type { MessageId } from '../../../i18n/catalogue';
import { errorText } from '../../../i18n/localized-error';
import type { MessageValues, Translator } from '../../../i18n/use-t';
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

/** The services by name, as the reader picks them in "Add account". */
export const SERVICE_NAMES: Record<AccountService, MessageId> = {
  freshrss: 'accounts.service.freshrss',
  miniflux: 'accounts.service.miniflux',
  greader: 'accounts.service.greader',
};

/**
 * Something to tell the reader in a form: a message of ours, or a failure (a thrown error, or a
 * failed call to main), put in words when shown so it follows the interface language.
 */
export type Problem = { id: MessageId; values?: MessageValues } | { error: unknown };

export function problemText(problem: Problem, t: Translator): string {
  if ('id' in problem) return t(problem.id, problem.values);
  const failed = problem.error as Partial<ApiError> | null;
  // A failed call main sent no text with: its English message is all there is.
  if (failed && !(problem.error instanceof Error) && !failed.text && failed.message)
    return failed.message;
  return errorText(problem.error, t);
}
