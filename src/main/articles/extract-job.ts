/**
 * One extraction — a fetched page or a file the reader chose — as plain data, so it can be run
 * here or handed to a worker thread (extract-pool.ts) and answered the same way.
 */
import type { ExtractedArticle } from '../../shared/article-model';
import { extractArticle } from './extract-article';
import { importArticleFile } from './import-file';
import { importHtmlFile } from './import-html';

export type ExtractJob =
  /** A web page fetched for "Fetch full article" and "Save URL". */
  | { kind: 'page'; bytes: Uint8Array; url: string; contentType?: string }
  /** A file the reader imported: text, Markdown or a saved HTML page. */
  | { kind: 'file'; name: string; bytes: Uint8Array; baseUrl?: string; now: number };

/** Runs extraction jobs; the app and the browser host run them on worker threads. */
export type Extractor = (job: ExtractJob) => Promise<ExtractedArticle>;

/** The work itself, synchronous: for a worker thread, or for callers that may block. */
export function runExtractJob(job: ExtractJob): ExtractedArticle {
  if (job.kind === 'page') {
    return importHtmlFile(job.bytes, {
      baseUrl: job.url,
      contentType: job.contentType,
      extract: extractArticle,
    });
  }
  return importArticleFile(
    { name: job.name, bytes: job.bytes },
    { baseUrl: job.baseUrl, extract: extractArticle, now: job.now },
  );
}

/** On the calling thread: for tests and tools, never for the app's main process. */
export const extractInProcess: Extractor = async (job) => runExtractJob(job);
