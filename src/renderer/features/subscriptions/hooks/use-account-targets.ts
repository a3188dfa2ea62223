import { useLiveQuery } from 'dexie-react-hooks';
import { listAccounts } from '../../../db/accounts-repository';
import type { Account } from '../../../db/entities';
import { useT } from '../../../i18n/use-t';

const NONE: Account[] = [];

/**
 * The accounts a new feed may be added to: every one signed in, by name. An account whose
 * last sync failed still takes the subscription (it waits in the queue); a signed-out one
 * cannot send it, so it is not offered. Empty while loading and without accounts.
 */
export function useSubscriptionAccounts(): Account[] {
  // By name in the interface's language: asked again when it changes.
  const { locale } = useT();
  return (
    useLiveQuery(
      async () => (await listAccounts()).filter((account) => account.status !== 'signed-out'),
      [locale],
    ) ?? NONE
  );
}
