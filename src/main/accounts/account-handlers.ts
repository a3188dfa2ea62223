/** The `accounts.*` contract methods over the account service; core.ts spreads them in. */
import type { Handlers } from '../../shared/contract';
import { createAccountService, type AccountServiceDeps } from './account-service';

export type AccountHandlers = Pick<
  Handlers,
  | 'accounts.signIn'
  | 'accounts.list'
  | 'accounts.signOut'
  | 'accounts.remove'
  | 'accounts.pull'
  | 'accounts.fetchItems'
  | 'accounts.push'
>;

export function createAccountHandlers(deps: AccountServiceDeps): AccountHandlers {
  const service = createAccountService(deps);
  return {
    'accounts.signIn': (params) => service.signIn(params),
    'accounts.list': async () => ({ accounts: await service.list() }),
    'accounts.signOut': async ({ accountId }) => {
      await service.signOut(accountId);
      return null;
    },
    'accounts.remove': async ({ accountId }) => {
      await service.remove(accountId);
      return null;
    },
    'accounts.pull': (params) => service.pull(params),
    'accounts.fetchItems': (params) => service.fetchItems(params),
    'accounts.push': (params) => service.push(params),
  };
}
