import type { ExtractedArticle } from '@shared/contract';
import { getApi } from '../../../api/broadsheet-api';
import type { BroadsheetDb } from '../../../db/schema';
import {
  findRescued,
  rescueId,
  storeRescued,
  type RescueEntry,
} from '../../../db/rescue-import-repository';
import { readRescueFile } from '../../../lib/rescue/read-rescue-file';
// use-import.ts loads this module when an import starts: what it needs of the reader comes along.
export { isRescueFile, RescueError } from '../../../lib/rescue/read-rescue-file';
import type { RescueFormat, RescueItem, RescueProblem } from '../../../lib/rescue/rescue-item';
import { describeFailure } from '../../../lib/storage-errors';

export interface RescueReport {
  /** Whose export it was (Pocket, Omnivore, …): the report names it in the reader's language. */
  format: RescueFormat;
  added: number;
  alreadyThere: number;
  /** New articles whose page the offline pass will fetch (the export had no content). */
  queued: number;
  highlights: number;
  failed: RescueProblem[];
  /**
   * Why the import stopped before the end (a full disk): what was stored stays, and importing
   * the same file again finishes it without adding anything twice.
   */
  stopped?: string;
}

export interface RescueProgress {
  format: RescueFormat;
  done: number;
  total: number;
}

/** Items stored per transaction: small enough that the page keeps painting between chunks. */
export const RESCUE_CHUNK = 500;

export type ContentImporter = (
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  url: string,
) => Promise<ExtractedArticle | undefined>;

/**
 * An export's saved page through main's article import (extraction and sanitizing, as every
 * article). A page that cannot be read is no failure: the item is queued for its page instead.
 */
const importThroughMain: ContentImporter = async (name, bytes, url) => {
  const result = await getApi().invoke('articles.import', { name, bytes, baseUrl: url });
  return result.ok ? result.value : undefined;
};

/**
 * A read-it-later service's export to Saved articles: read the file, then store its items in
 * chunks (one transaction each), reporting progress between them and yielding to the page so
 * a 20,000-item export never freezes the window. Items already stored are counted, not
 * touched; their pages are not even read from the archive.
 */
export async function importRescueFile(
  file: File,
  options: {
    onProgress?: (progress: RescueProgress) => void;
    importContent?: ContentImporter;
    now?: number;
    db?: BroadsheetDb;
  } = {},
): Promise<RescueReport> {
  const importContent = options.importContent ?? importThroughMain;
  const parsed = await readRescueFile(file);
  const { format } = parsed;
  const report: RescueReport = {
    format,
    added: 0,
    alreadyThere: 0,
    queued: 0,
    highlights: 0,
    failed: [...parsed.problems],
  };
  const total = parsed.items.length;
  options.onProgress?.({ format, done: 0, total });
  for (let from = 0; from < total; from += RESCUE_CHUNK) {
    const chunk = parsed.items.slice(from, from + RESCUE_CHUNK);
    let summary;
    try {
      summary = await storeChunk(chunk, parsed.readContent, importContent, options);
    } catch (error) {
      report.stopped = describeFailure(error);
      break;
    }
    report.added += summary.added;
    report.alreadyThere += summary.alreadyThere;
    report.queued += summary.queued;
    report.highlights += summary.highlights;
    options.onProgress?.({ format, done: Math.min(total, from + chunk.length), total });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return report;
}

async function pageOf(
  path: string,
  url: string,
  read: (path: string) => Promise<Uint8Array<ArrayBuffer>>,
  importContent: ContentImporter,
): Promise<ExtractedArticle | undefined> {
  try {
    const bytes = await read(path);
    if (bytes.byteLength === 0 || bytes.byteLength > 10 * 1024 * 1024) return undefined;
    return await importContent(path.replace(/^.*\//, ''), bytes, url);
  } catch {
    return undefined;
  }
}

/** One chunk: which items are new, their pages from the archive, then one transaction. */
async function storeChunk(
  chunk: RescueItem[],
  readContent: (path: string) => Promise<Uint8Array<ArrayBuffer>>,
  importContent: ContentImporter,
  options: { now?: number; db?: BroadsheetDb },
) {
  const stored = await findRescued(
    chunk.map((item) => item.url),
    options.db,
  );
  const entries: RescueEntry[] = [];
  for (const item of chunk) {
    const entry: RescueEntry = { item };
    if (item.contentPath && !stored.has(rescueId(item.url))) {
      const content = await pageOf(item.contentPath, item.url, readContent, importContent);
      if (content) entry.content = content;
    }
    entries.push(entry);
  }
  return storeRescued(entries, options.now, options.db);
}
