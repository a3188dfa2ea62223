import type { WorkerMessage } from '@renderer/search/protocol';
import { SearchClient, type WorkerLike } from '@renderer/search/search-client';
import type { SearchService } from '@renderer/search/search-service';

/** The real service behind a client, in-process: only postMessage is stood in for. */
export function inProcessClient(service: SearchService): SearchClient {
  const listeners = new Set<(event: MessageEvent<WorkerMessage>) => void>();
  const worker: WorkerLike = {
    postMessage: (request) => {
      void service.handle(request).then((response) => {
        for (const listener of listeners)
          listener({ data: response } as MessageEvent<WorkerMessage>);
      });
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    terminate: () => undefined,
  };
  return new SearchClient(worker);
}
