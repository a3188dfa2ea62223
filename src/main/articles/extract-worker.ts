/**
 * The extraction worker's entry (a worker_threads script, built as out/main/extract-worker.js):
 * runs one job at a time for extract-pool.ts, and answers an AppError as its code, message and text,
 * since an Error loses its class on the way back.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import { runExtractJob, type ExtractJob } from './extract-job';
import type { WorkerAnswer } from './extract-pool';

const MB = 1024 * 1024;

const port = parentPort;
if (!port) throw new Error('extract-worker.ts runs as a worker thread (see extract-pool.ts)');

port.on('message', ({ id, job }: { id: number; job: ExtractJob }) => {
  let answer: WorkerAnswer;
  try {
    answer = { id, ok: true, article: runExtractJob(job) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    answer =
      error instanceof AppError
        ? { id, ok: false, error: { code: error.code, message, text: error.text } }
        : { id, ok: false, error: { code: undefined, message } };
  }
  // The heap the page left, which the pool reads to replace a worker that has grown.
  answer.heapMb = Math.round(getHeapStatistics().total_physical_size / MB);
  port.postMessage(answer);
});
// jsdom and Readability are loaded: the pool may start the job's clock.
port.postMessage({ ready: true } satisfies WorkerAnswer);
