/**
 * The search worker: indexing and querying off the UI thread. Created by the renderer with
 * `new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })` (see
 * search-client.ts). Requests are answered as they complete, so a slow rebuild never holds up
 * a search.
 */
import { createDb } from '../db/schema';
import { createSearchDb } from './index-db';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { SearchService } from './search-service';

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
const post = (message: WorkerMessage) => scope.postMessage(message);

const service = SearchService.open({
  appDb: createDb(),
  searchDb: createSearchDb(),
  emit: post,
});

scope.addEventListener('message', (event) => {
  void service.then(
    async (ready) => post(await ready.handle(event.data)),
    (error: unknown) =>
      post({
        id: event.data.id,
        ok: false,
        error: { code: 'storage', message: error instanceof Error ? error.message : String(error) },
      }),
  );
});
