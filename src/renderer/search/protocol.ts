/**
 * The messages between the renderer and the search worker. Every request carries an id; the
 * answer carries it back. A search answer also says whether a newer search was asked for in
 * the meantime (`stale`), so the search box can drop it without comparing queries.
 */
import type { Article } from '../db/entities';
import type { SortMode } from '../../search-engine/core/ranking';
import type { SnippetSegment } from '../../search-engine/core/snippets';

export type { SnippetSegment } from '../../search-engine/core/snippets';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  sort?: SortMode;
  /** Whether the last word is still being typed (default true: as-you-type). */
  prefixLast?: boolean;
  /** Build title and snippet segments (default true); false returns ranked ids only. */
  snippets?: boolean;
}

export interface SearchResultItem {
  articleId: string;
  score: number;
  title: SnippetSegment[];
  snippet: SnippetSegment[];
}

export interface SearchResponse {
  total: number;
  /** False when the total of a phrase query is an estimate. */
  totalExact: boolean;
  results: SearchResultItem[];
  /** What in the query was ignored or reinterpreted, for the reader. */
  notes: string[];
  /** A newer search was requested before this one finished: show that one instead. */
  stale: boolean;
  tookMs: number;
  /** Where the time went, in the worker (diagnostics). */
  timings: Record<string, number>;
}

export interface IndexStatus {
  docs: number;
  segments: number;
  generation: number;
  /** What the worker is doing in the background, if anything. */
  busy: 'rebuild' | 'repair' | 'merge' | null;
  /** The start-up check (or rebuild) has finished. */
  checked: boolean;
}

export interface CheckReport {
  articles: number;
  indexed: number;
  missing: number;
  stale: number;
  orphans: number;
  flags: number;
  repaired: boolean;
}

/**
 * What a rule written as `query` would match among the stored articles: an exact search (the
 * rule matcher's question, core/matcher.ts), newest first.
 */
export interface RulePreview {
  total: number;
  /** The first `limit` matches, newest first. */
  ids: string[];
  /** What in the query was ignored or reinterpreted, for the reader. */
  notes: string[];
}

/** Method name → its parameters and its result. */
export interface SearchMethods {
  search: { params: { query: string; options?: SearchOptions }; result: SearchResponse };
  /**
   * Index (or re-index) articles: by id (the worker reads them from the app database) or
   * given whole. Unchanged articles only have their read/bookmark flags updated.
   */
  index: {
    params: { ids?: string[]; articles?: Article[] };
    result: { added: number; updated: number; unchanged: number; missing: number };
  };
  remove: { params: { ids: string[] }; result: { removed: number } };
  rebuild: { params: Record<string, never>; result: { indexed: number } };
  /** Compare the index with the articles table and repair it; `deep` hashes every article. */
  check: { params: { deep?: boolean; repair?: boolean }; result: CheckReport };
  status: { params: Record<string, never>; result: IndexStatus };
  /** The rule dialog's "Matches 12 stored articles" (and a few of them). */
  preview: { params: { query: string; limit?: number }; result: RulePreview };
}

export type SearchMethod = keyof SearchMethods;

export type WorkerRequest = {
  [M in SearchMethod]: { id: number; method: M; params: SearchMethods[M]['params'] };
}[SearchMethod];

export interface WorkerError {
  code: 'bad-request' | 'storage' | 'corrupt' | 'internal';
  message: string;
}

export type WorkerResponse =
  | { id: number; ok: true; value: SearchMethods[SearchMethod]['result'] }
  | { id: number; ok: false; error: WorkerError };

/** Unprompted messages from the worker. */
export type WorkerEvent =
  | {
      event: 'ready';
      status: IndexStatus;
      /** Milliseconds to open the index (worker start to ready), and the parts of it. */
      timings: Record<string, number>;
    }
  | { event: 'progress'; phase: 'rebuild' | 'repair'; done: number; total?: number }
  | { event: 'changed'; status: IndexStatus };

export type WorkerMessage = WorkerResponse | WorkerEvent;
