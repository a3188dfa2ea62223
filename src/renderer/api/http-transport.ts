import type { BroadsheetApi, EventName, Events } from '@shared/contract';
import { fail } from '@shared/result';
import { fromWireJson, toWireJson } from '@shared/wire-json';

const TOKEN_KEY = 'broadsheet.token';

/**
 * The browser host hands the page its access token in the URL fragment. Keep it for this tab
 * (so reloads work) and take it out of the address bar (so it is not bookmarked or shared).
 */
export function takeHostToken(location: Location, storage: Storage, history: History): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

/** The same contract as the Electron preload, carried over loopback HTTP and server-sent events. */
export function createHttpTransport(baseUrl: string, token: string): BroadsheetApi {
  let source: EventSource | undefined;
  return {
    async invoke(method, params) {
      try {
        const response = await fetch(`${baseUrl}/api/invoke/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: toWireJson(params ?? {}),
        });
        return fromWireJson(await response.text()) as never;
      } catch {
        return fail('network', 'main.host.unreachable');
      }
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      source ??= new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
      const handler = (message: MessageEvent<string>): void => {
        listener(JSON.parse(message.data) as Events[E]);
      };
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}
