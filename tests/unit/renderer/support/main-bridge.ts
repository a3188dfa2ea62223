import { createDispatcher } from '@main/api/dispatch';
import type { EventName, MethodName } from '@shared/api-names';
import type { BroadsheetApi, Events, Handlers } from '@shared/contract';
import { AppError } from '@shared/result';

let current: Partial<Handlers> = {};
const calls: { method: string; params: unknown }[] = [];
const listeners = new Set<{ event: string; listener: (payload: never) => void }>();

const dispatch = createDispatcher(
  new Proxy({} as Handlers, {
    get: (_, method: MethodName) =>
      current[method] ??
      (async () => {
        throw new AppError('network', 'main.error.untranslated', {
          message: `Could not reach the server (${method} in a unit test).`,
        });
      }),
  }),
  () => undefined,
);

const bridge: BroadsheetApi = {
  invoke: (method, params) => {
    calls.push({ method, params });
    return dispatch(method, params) as never;
  },
  on: (event, listener) => {
    const entry = { event, listener: listener as (payload: never) => void };
    listeners.add(entry);
    return () => listeners.delete(entry);
  },
};

/** Pushes an event from "main" to every listener the page has, as the preload's bridge would. */
export function emitMainEvent<E extends EventName>(event: E, payload: Events[E]): void {
  for (const entry of [...listeners])
    if (entry.event === event) (entry.listener as (payload: Events[E]) => void)(payload);
}

/**
 * The renderer's api answered by main's real dispatcher (params checked by the contract's zod
 * schemas, AppErrors turned into failed Results), as the preload's bridge would. Each test gives
 * the handlers it is about; any other method fails as main does when a server is unreachable.
 * The page keeps its first api object, so the bridge is one and only its handlers change.
 */
export function installMainBridge(handlers: Partial<Handlers>): {
  calls: { method: string; params: unknown }[];
} {
  current = handlers;
  calls.length = 0;
  Object.assign(window, { broadsheet: bridge });
  return { calls };
}
