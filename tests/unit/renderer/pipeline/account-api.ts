import { createAccountHandlers } from '@main/accounts/account-handlers';
import { createMemoryCredentialStore } from '@main/accounts/credential-store';
import { createGReaderClient } from '@main/accounts/greader-client';
import { createGReaderProtocol } from '@main/accounts/greader-protocol';
import { createDispatcher } from '@main/api/dispatch';
import type { BroadsheetApi, Handlers } from '@shared/contract';

/**
 * The page's api as the renderer sees it, answered by main's real account handlers (Reader API
 * client, credential store in memory, the contract's validation in the dispatcher) over real
 * HTTP: what the pipeline tests sync against, with the loopback Reader API fixture as the server.
 * Other methods answer as main does for an unknown handler: a failed Result.
 */
export function accountApi(): BroadsheetApi {
  const handlers = createAccountHandlers({
    store: createMemoryCredentialStore(),
    protocolFor: () =>
      createGReaderProtocol((options) =>
        createGReaderClient({
          ...options,
          userAgent: 'Broadsheet/test',
          now: Date.now,
          sleep: async () => undefined,
          limits: { timeoutMs: 5000, connectTimeoutMs: 2000 },
        }),
      ),
    fetchFor: () => globalThis.fetch,
    typed: async (url) => new URL(url).hostname,
    now: Date.now,
    newId: () => crypto.randomUUID(),
  });
  const dispatch = createDispatcher(handlers as Handlers, () => undefined);
  return {
    invoke: (method, params) => dispatch(method, params) as never,
    on: () => () => undefined,
  };
}
