/**
 * The search worker: indexing and querying off the UI thread. Created by the renderer with
 * `new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module' })` (see
 * search-client.ts). Requests are answered as they complete, so a slow rebuild never holds up
 * a search.
 *
 * The same script, started by the search worker under the name BUILD_HELPER, is a rebuild
 * helper: it builds the segments of the document ranges it is sent
 * (search-engine/core/rebuild-range.ts), so a rebuild uses more than one core.
 */
import { lazyHandle } from '../../search-engine/idb/database-handle';
import { DB_NAME, LATEST_VERSION } from '../db/versions';
import {
  RangeBuilder,
  rangeTransfer,
  type BuiltRange,
  type RangeDoc,
  type SegmentBuildPool,
} from '../../search-engine/core/rebuild-range';
import { SEARCH_DB_NAME, SEARCH_LATEST_VERSION } from '../../search-engine/idb/search-db-versions';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { SearchService } from './search-service';

const BUILD_HELPER = 'search-build-helper';
/** Helpers beyond this bring little: the search worker still reads and commits alone. */
const MAX_HELPERS = 3;
/**
 * Cores left to the browser (IndexedDB, the page). A 2-core machine gets one helper: with the
 * rebuild's reads and commits overlapped, one helper now builds faster there than none
 * (docs/bench/2026-12-07-search-queries.md; with index format 2 it had been slower).
 */
const SPARE_CORES = 1;

/** To a helper: more documents of a range, or its end. */
type BuildRequest =
  | { kind: 'add'; range: number; segmentId: number; docs: RangeDoc[] }
  | { kind: 'finish'; range: number };

type BuildReply = { range: number; built: BuiltRange } | { range: number; error: string };

interface WorkerScope {
  name: string;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

const scope = self as unknown as WorkerScope;

/** Helper workers running this very script; created for one rebuild, terminated after. */
function workerPool(): SegmentBuildPool | undefined {
  const size = Math.min(MAX_HELPERS, (navigator.hardwareConcurrency || 1) - SPARE_CORES);
  if (size < 1 || typeof Worker === 'undefined') return undefined;
  type Waiting = { resolve: (built: BuiltRange) => void; reject: (error: Error) => void };
  const waiting = new Map<number, Waiting>();
  let broken = false;
  const fail = () => {
    // A helper that cannot start or crashed fails its ranges; the search worker builds them.
    broken = true;
    for (const pending of waiting.values())
      // eslint-disable-next-line no-restricted-syntax -- never shown: the search worker builds the range itself
      pending.reject(new Error('build helper failed'));
    waiting.clear();
  };
  const helpers = Array.from({ length: size }, () => {
    const helper = new Worker(import.meta.url, { type: 'module', name: BUILD_HELPER });
    helper.addEventListener('message', (event: MessageEvent<BuildReply>) => {
      const reply = event.data;
      const pending = waiting.get(reply.range);
      waiting.delete(reply.range);
      if ('built' in reply) pending?.resolve(reply.built);
      else pending?.reject(new Error(reply.error));
    });
    helper.addEventListener('error', fail);
    helper.addEventListener('messageerror', fail);
    return helper;
  });
  let nextRange = 0;
  return {
    size,
    start(index, segmentId) {
      const range = nextRange++;
      const helper = helpers[index % helpers.length]!;
      const post = (request: BuildRequest) => helper.postMessage(request);
      return {
        add: (docs) => post({ kind: 'add', range, segmentId, docs }),
        finish: () =>
          new Promise<BuiltRange>((resolve, reject) => {
            // eslint-disable-next-line no-restricted-syntax -- never shown: the search worker builds the range itself
            if (broken) return reject(new Error('build helper failed'));
            waiting.set(range, { resolve, reject });
            post({ kind: 'finish', range });
          }),
      };
    },
    close() {
      for (const helper of helpers) helper.terminate();
    },
  };
}

/** A helper's side: one RangeBuilder per range it is sent, answered when the range ends. */
function serveAsHelper(): void {
  const ranges = new Map<number, { builder: RangeBuilder; error?: string }>();
  scope.addEventListener('message', (event: MessageEvent<BuildRequest>) => {
    const request = event.data;
    if (request.kind === 'add') {
      let entry = ranges.get(request.range);
      if (!entry) {
        entry = { builder: new RangeBuilder(request.segmentId) };
        ranges.set(request.range, entry);
      }
      if (entry.error) return;
      try {
        entry.builder.add(request.docs);
      } catch (error) {
        entry.error = String(error);
      }
      return;
    }
    const entry = ranges.get(request.range);
    ranges.delete(request.range);
    try {
      if (!entry || entry.error) throw new Error(entry?.error ?? 'unknown range');
      const built = entry.builder.finish();
      scope.postMessage({ range: request.range, built } satisfies BuildReply, rangeTransfer(built));
    } catch (error) {
      scope.postMessage({ range: request.range, error: String(error) } satisfies BuildReply);
    }
  });
}

if (scope.name === BUILD_HELPER) {
  serveAsHelper();
} else {
  const post = (message: WorkerMessage) => scope.postMessage(message);
  // Dexie (most of this script) is loaded when a write or a scan first needs it: the first
  // answer comes from plain IndexedDB reads.
  const service = SearchService.open({
    appDb: lazyHandle(DB_NAME, LATEST_VERSION, () =>
      import('../db/schema').then(({ createDb }) => createDb()),
    ),
    // Quiet: no live query watches the index's database, yet Dexie sends each commit's keys to
    // every page of the app (BroadcastChannel), where every live query kept them all, never
    // rerunning for them: a merge's deletes grew the page's heap by hundreds of megabytes.
    searchDb: lazyHandle(SEARCH_DB_NAME, SEARCH_LATEST_VERSION, () =>
      Promise.all([import('../../search-engine/idb/index-db'), import('../db/quiet-writes')]).then(
        ([{ createSearchDb }, { quietDatabase }]) => {
          const db = createSearchDb();
          quietDatabase(db);
          return db;
        },
      ),
    ),
    emit: post,
    engine: { buildPool: workerPool },
    warmUp: true,
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
