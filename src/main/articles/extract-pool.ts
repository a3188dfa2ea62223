/**
 * Article extraction off the main thread. jsdom and Readability are synchronous and a page can
 * be written to make them slow (see html/page-shape.ts), so on main's event loop one hostile page
 * held every other call for tens of seconds. Here each job runs on a worker thread
 * (node:worker_threads, so the Electron main process and the plain-Node browser host share it)
 * with a wall-clock timeout and a heap cap: a job past either ends its worker, the reader gets an
 * AppError, and the next job gets a fresh worker. A few workers at most; jobs queue for them.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExtractedArticle } from '../../shared/article-model';
import { AppError, type ErrorCode, type MainText } from '../../shared/result';
import type { ExtractJob, Extractor } from './extract-job';

export interface ExtractPoolOptions {
  /**
   * The worker's script. The app passes the built `extract-worker.js` next to its bundle; by
   * default the TypeScript source beside this file runs through tsx (tests, the CLI).
   */
  script?: string;
  /** Workers at most (EXTRACT_POOL_SIZE). */
  size?: number;
  /** Wall-clock time one job may take once its worker is ready. */
  timeoutMs?: number;
  /** The worker's heap (V8 old generation). */
  maxHeapMb?: number;
  /** An idle worker is stopped after this long, giving its memory back. */
  idleMs?: number;
  /** A worker whose heap is past this after a job is replaced (RECYCLE_ABOVE_HEAP_MB). */
  recycleAboveHeapMb?: number;
  /** The worker's young generation (V8 semi-spaces), see EXTRACT_YOUNG_GENERATION_MB. */
  youngGenerationMb?: number;
}

export interface ExtractPool {
  extract: Extractor;
  /** Stops every worker; jobs still waiting or running fail. */
  close(): Promise<void>;
}

/**
 * What a worker posts: that it is ready, or one job's answer with `heapMb`, the physical memory
 * its V8 heap holds after the job (what the process's RSS sees; v8.getHeapStatistics()).
 */
export type WorkerAnswer =
  | { ready: true }
  | { id: number; ok: true; article: ExtractedArticle; heapMb?: number }
  | {
      id: number;
      ok: false;
      error: { code: ErrorCode | undefined; message: string; text?: MainText };
      heapMb?: number;
    };

interface Task {
  id: number;
  job: ExtractJob;
  resolve: (article: ExtractedArticle) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

/**
 * The largest page we take (5 MB of plain article text) was read well within both on a 2-core
 * machine (docs/bench/2026-12-06-hostile-inputs.md): room for a slower laptop, while what is
 * past both is a page made to be expensive.
 */
export const EXTRACT_TIMEOUT_MS = 60_000;
/**
 * One worker: extraction is a background pass over the reader's feeds, and each worker costs
 * ~85 MB before its first page (jsdom's code) and up to RECYCLE_ABOVE_HEAP_MB of heap while it
 * reads, so a second one put main past its 400 MB goal; it read only ~20 % faster on a 2-core
 * machine (docs/bench/2026-12-06-memory-2.md). The price: a page that reads slowly holds the
 * pages behind it, up to EXTRACT_TIMEOUT_MS.
 */
export const EXTRACT_POOL_SIZE = 1;
export const EXTRACT_HEAP_MB = 1024;
/**
 * A worker's heap keeps the size a page grew it to (a 1 MB article: 170–360 MB) long after the
 * page is read: a worker whose heap holds more than this (physical MB) after a job is replaced. A worker holds 65–90 MB of heap after its first pages, and the heap creeps up
 * as pages are read (windows and old generation awaiting a full collection) to the 115–160 MB
 * that put main past its 400 MB goal (issue 15 item 6, docs/bench/2026-12-06-memory-2.md).
 * Replacing a worker costs about a second, once every few dozen pages.
 */
export const RECYCLE_ABOVE_HEAP_MB = 112;
/**
 * V8's default semi-spaces let a worker's young generation take up to ~48 MB of RSS between
 * scavenges; jsdom's short-lived garbage does not need that much (docs/bench/2026-12-06-memory-2.md).
 */
export const EXTRACT_YOUNG_GENERATION_MB = 16;

export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const size = Math.max(1, options.size ?? EXTRACT_POOL_SIZE);
  const timeoutMs = options.timeoutMs ?? EXTRACT_TIMEOUT_MS;
  const maxHeapMb = options.maxHeapMb ?? EXTRACT_HEAP_MB;
  const idleMs = options.idleMs ?? 60_000;
  const recycleAboveHeapMb = options.recycleAboveHeapMb ?? RECYCLE_ABOVE_HEAP_MB;
  const youngGenerationMb = options.youngGenerationMb ?? EXTRACT_YOUNG_GENERATION_MB;
  const script = workerScript(options.script);
  const slots = new Set<Slot>();
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(): Slot {
    const worker = new Worker(script.code ?? script.path, {
      eval: script.code !== undefined,
      resourceLimits: {
        maxOldGenerationSizeMb: maxHeapMb,
        maxYoungGenerationSizeMb: youngGenerationMb,
      },
    });
    const slot: Slot = { worker, ready: false };
    slots.add(slot);
    worker.on('message', (answer: WorkerAnswer) => {
      if ('ready' in answer) {
        slot.ready = true;
        if (slot.task) post(slot);
        return;
      }
      const task = slot.task;
      if (!task || task.id !== answer.id) return;
      if ((answer.heapMb ?? 0) > recycleAboveHeapMb) retire(slot);
      else release(slot);
      if (answer.ok) task.resolve(answer.article);
      else task.reject(rebuild(answer.error));
      pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      end(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(maxHeapMb) : error);
    });
    worker.on('exit', (code) => {
      end(slot, new Error(`The extraction worker stopped (exit code ${code}).`));
    });
    return slot;
  }

  /** Hands the slot's task to its worker and starts the clock. */
  function post(slot: Slot): void {
    const task = slot.task!;
    slot.worker.postMessage({ id: task.id, job: task.job });
    slot.timer = setTimeout(() => {
      end(slot, tookTooLong(timeoutMs));
      void slot.worker.terminate();
    }, timeoutMs);
  }

  function assign(slot: Slot, task: Task): void {
    clearTimeout(slot.idleTimer);
    slot.task = task;
    slot.worker.ref();
    if (slot.ready) post(slot);
  }

  function release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.task = undefined;
    // An idle worker must not keep a CLI run or a test alive.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      if (slot.task) return;
      slots.delete(slot);
      void slot.worker.terminate();
    }, idleMs);
    slot.idleTimer.unref();
  }

  /** Its job answered, the worker is ended for its memory's sake; the next job gets a new one. */
  function retire(slot: Slot): void {
    slots.delete(slot);
    clearTimeout(slot.timer);
    slot.task = undefined;
    void slot.worker.terminate();
  }

  /** The worker is gone (timeout, heap, crash): its task fails, and the queue moves on. */
  function end(slot: Slot, error: Error): void {
    if (!slots.delete(slot)) return;
    clearTimeout(slot.timer);
    clearTimeout(slot.idleTimer);
    slot.task?.reject(error);
    slot.task = undefined;
    pump();
  }

  function pump(): void {
    while (queue.length && !closed) {
      let slot = Array.from(slots).find((candidate) => !candidate.task);
      if (!slot) {
        if (slots.size >= size) return;
        slot = spawn();
      }
      assign(slot, queue.shift()!);
    }
  }

  return {
    extract: (job) =>
      new Promise<ExtractedArticle>((resolve, reject) => {
        if (closed) {
          reject(new AppError('internal', 'main.article.extractionStopped'));
          return;
        }
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      }),
    async close() {
      closed = true;
      const stopped = new AppError('internal', 'main.article.extractionStopped');
      for (const task of queue.splice(0)) task.reject(stopped);
      const running = Array.from(slots);
      for (const slot of running) end(slot, stopped);
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * The script given, else the built worker beside the bundle, else the TypeScript source, which a
 * worker can run only after registering tsx (a worker ignores `--import` in Node 20).
 */
function workerScript(script: string | undefined): { path: string; code?: string } {
  const built = join(__dirname, 'extract-worker.js');
  const path = script ?? (existsSync(built) ? built : join(__dirname, 'extract-worker.ts'));
  if (!path.endsWith('.ts')) return { path };
  const tsx = createRequire(join(__dirname, 'extract-pool.ts')).resolve('tsx/cjs');
  return { path, code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(path)});` };
}

function rebuild(error: { code: ErrorCode | undefined; message: string; text?: MainText }): Error {
  // Not an AppError: a bug in extraction, which the dispatcher logs and reports as internal.
  if (!error.code) return new Error(error.message);
  return AppError.from({ code: error.code, message: error.message, text: error.text });
}

function tookTooLong(timeoutMs: number): AppError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  return new AppError('timeout', 'main.page.tookTooLong', { seconds });
}

function outOfMemory(maxHeapMb: number): AppError {
  return new AppError('too-large', 'main.page.outOfMemory', { megabytes: maxHeapMb });
}
