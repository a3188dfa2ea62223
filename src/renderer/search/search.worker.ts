/**
 * The search worker: indexing and querying off the UI thread. Created by the renderer with
 * `new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })` (see
 * search-client.ts). Requests are answered as they complete, so a slow rebuild never holds up
 * a search.
 *
 * The same script, started by the search worker under the name BUILD_HELPER, is a rebuild
 * helper: it builds the segments of the document ranges it is sent (segment-build.ts), so a
 * rebuild uses more than one core.
 */
import { createDb } from '../db/schema';
import {
  buildRange,
  rangeTransfer,
  type BuiltRange,
  type RangeDoc,
  type SegmentBuildPool,
} from './core/segment-build';
import { createSearchDb } from './index-db';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { SearchService } from './search-service';

const BUILD_HELPER = 'search-build-helper';
/** Helpers beyond this bring little: the search worker still reads and commits alone. */
const MAX_HELPERS = 3;

interface BuildRequest {
  id: number;
  segmentId: number;
  docs: RangeDoc[];
}

type BuildReply = { id: number; built: BuiltRange } | { id: number; error: string };

interface WorkerScope {
  name: string;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as WorkerScope;

/** Helper workers running this very script; created for one rebuild, terminated after. */
function workerPool(): SegmentBuildPool | undefined {
  const size = Math.min(MAX_HELPERS, (navigator.hardwareConcurrency || 1) - 1);
  if (size < 1 || typeof Worker === 'undefined') return undefined;
  const helpers = Array.from(
    { length: size },
    () => new Worker(import.meta.url, { type: 'module', name: BUILD_HELPER }),
  );
  const waiting = new Map<
    number,
    { resolve: (built: BuiltRange) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let turn = 0;
  for (const helper of helpers) {
    helper.addEventListener('message', (event: MessageEvent<BuildReply>) => {
      const reply = event.data;
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ('built' in reply) pending?.resolve(reply.built);
      else pending?.reject(new Error(reply.error));
    });
    // A helper that cannot start fails its ranges; the search worker then builds them itself.
    helper.addEventListener('error', () => {
      for (const pending of waiting.values()) pending.reject(new Error('build helper failed'));
      waiting.clear();
    });
  }
  return {
    size,
    build(segmentId, docs) {
      const id = nextId++;
      const helper = helpers[turn++ % helpers.length]!;
      return new Promise<BuiltRange>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        helper.postMessage({ id, segmentId, docs } satisfies BuildRequest);
      });
    },
    close() {
      for (const helper of helpers) helper.terminate();
    },
  };
}

if (scope.name === BUILD_HELPER) {
  scope.addEventListener('message', (event: MessageEvent<BuildRequest>) => {
    const { id, segmentId, docs } = event.data;
    try {
      const built = buildRange(segmentId, docs);
      scope.postMessage({ id, built } satisfies BuildReply, rangeTransfer(built));
    } catch (error) {
      scope.postMessage({ id, error: String(error) } satisfies BuildReply);
    }
  });
} else {
  const post = (message: WorkerMessage) => scope.postMessage(message);
  const service = SearchService.open({
    appDb: createDb(),
    searchDb: createSearchDb(),
    emit: post,
    engine: { buildPool: workerPool },
  });
  scope.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
    void service.then(
      async (ready) => post(await ready.handle(event.data)),
      (error: unknown) =>
        post({
          id: event.data.id,
          ok: false,
          error: {
            code: 'storage',
            message: error instanceof Error ? error.message : String(error),
          },
        }),
    );
  });
}
