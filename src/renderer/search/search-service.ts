/**
 * Everything the search worker does, without the worker: it answers protocol requests over an
 * engine (persisted in `broadsheet-search`) and the app database (read only). search.worker.ts
 * only wires it to postMessage; tests drive it directly.
 */
import { toHandle, type DatabaseHandle } from '../../search-engine/idb/database-handle';
import type { BroadsheetDb } from '../db/schema';
import { ArticleSource } from './article-source';
import { docFields } from '../../search-engine/core/document';
import { SearchEngine, type EngineOptions } from '../../search-engine/core/engine';
import { IndexCorruptError } from '../../search-engine/core/index-corrupt-error';
import { PURGE_EXPUNGE_RATIO } from '../../search-engine/core/merge-policy';
import { highlightAll, snippet } from '../../search-engine/core/snippets';
import { warmUp } from '../../search-engine/core/warm-up';
import { IndexedDbStorage } from '../../search-engine/idb/index-storage';
import type { SearchDb } from '../../search-engine/idb/search-db-versions';
import type {
  IndexStatus,
  SearchMethods,
  SearchResponse,
  WorkerEvent,
  WorkerRequest,
  WorkerResponse,
} from './protocol';
import { checkIndex } from './repair';

export interface SearchServiceOptions {
  /** The databases, or handles that load Dexie only when a write or a scan needs it. */
  appDb: BroadsheetDb | DatabaseHandle<BroadsheetDb>;
  searchDb: SearchDb | DatabaseHandle<SearchDb>;
  emit?: (event: WorkerEvent) => void;
  engine?: EngineOptions;
  /**
   * Warm the query path up once the index is open and no search waits
   * (search-engine/core/warm-up.ts): the search worker does; tests need not.
   */
  warmUp?: boolean;
  /** Check (or rebuild) the index against the articles at start (default true). */
  checkOnOpen?: boolean;
  /** Quiet time after a write before segments are merged (default 2 s). */
  mergeDelayMs?: number;
  /**
   * Wait before the start-up check (default 1 s), so the first searches of a session do not
   * queue behind its scans of the articles table.
   */
  checkDelayMs?: number;
}

const MAX_LIMIT = 200;
/** A preview may list every match (applyRuleToExisting's candidates), within reason. */
const MAX_PREVIEW_IDS = 100_000;

export class SearchService {
  private latestSearch = 0;
  private busy: IndexStatus['busy'] = null;
  private checked = false;
  private mergeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Documents removed since the last merge pass was scheduled to run. */
  private removedSinceMerge = 0;
  /** Settles when the start-up check (or rebuild) is done. */
  ready: Promise<void> = Promise.resolve();
  /** The warm-up's query totals once it has run (empty without one). */
  warmedUp: Promise<number[]> = Promise.resolve([]);
  private stopWarmUp = (): unknown => undefined;

  private constructor(
    private engine: SearchEngine,
    private readonly storage: IndexedDbStorage,
    private readonly source: ArticleSource,
    private readonly options: SearchServiceOptions,
  ) {}

  static async open(options: SearchServiceOptions): Promise<SearchService> {
    const started = performance.now();
    // When the worker's clock started (epoch ms) and when open began on it, for diagnostics.
    const timings: Record<string, number> = {
      workerOriginMs: performance.timeOrigin,
      openAtMs: started,
    };
    const storage = new IndexedDbStorage(options.searchDb);
    const source = new ArticleSource(toHandle(options.appDb));
    // The app database's connection opens meanwhile: the first search's snippets need it.
    void source.reader.get();
    const engine = await SearchEngine.open(storage, options.engine);
    timings['indexMs'] = performance.now() - started;
    timings['sinceWorkerStartMs'] = performance.now();
    for (const [key, ms] of Object.entries(storage.loadTimings)) timings[`load.${key}`] = ms;
    const service = new SearchService(engine, storage, source, options);
    if (options.warmUp) {
      // After the open, which it would only delay: a search already waiting goes first
      // (search() stops it), and the reader's first search, typed later, finds the query path
      // compiled.
      const warm = { stop: false };
      service.stopWarmUp = () => (warm.stop = true);
      service.warmedUp = warmUp({
        pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
        stop: () => warm.stop,
      }).catch(() => []);
    }
    if (!(options.checkOnOpen ?? true)) service.checked = true;
    else {
      const delay = options.checkDelayMs ?? 1_000;
      service.ready = new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() =>
        service.startUp(),
      );
    }
    service.emit({ event: 'ready', status: service.status(), timings });
    return service;
  }

  private emit(event: WorkerEvent): void {
    this.options.emit?.(event);
  }

  status(): IndexStatus {
    return {
      docs: this.engine.docCount,
      segments: this.engine.segmentCount,
      generation: this.engine.generation,
      busy: this.busy,
      checked: this.checked,
    };
  }

  /** An interrupted or missing index is rebuilt; otherwise compared and repaired. */
  private async startUp(): Promise<void> {
    try {
      if (this.engine.needsRebuild || (!this.engine.docCount && (await this.source.count())))
        await this.rebuild();
      else await this.check({});
    } catch {
      // Reported through the next request's error; the index stays usable as it is.
    } finally {
      this.checked = true;
      this.emit({ event: 'changed', status: this.status() });
    }
  }

  private async withBusy<T>(kind: NonNullable<IndexStatus['busy']>, work: () => Promise<T>) {
    this.busy = kind;
    try {
      return await work();
    } finally {
      this.busy = null;
      this.emit({ event: 'changed', status: this.status() });
    }
  }

  /**
   * Merges once writes have been quiet a while. After removals (a retention purge, deletes)
   * the pass also rewrites every segment that lost more than PURGE_EXPUNGE_RATIO of its
   * documents, so their postings give back their space: a segment is rewritten only once a
   * tenth of it is gone, so each removal costs at most ten documents' rewrite, however the
   * removals come. Merges run one segment at a time (engine.merge), so queries keep answering
   * and new articles are indexed in between.
   */
  private scheduleMerge(removed = 0): void {
    this.removedSinceMerge += removed;
    clearTimeout(this.mergeTimer);
    this.mergeTimer = setTimeout(() => {
      const expungeRatio = this.removedSinceMerge > 0 ? PURGE_EXPUNGE_RATIO : undefined;
      this.removedSinceMerge = 0;
      void this.withBusy('merge', () => this.engine.merge({ expungeRatio })).catch(() => undefined);
    }, this.options.mergeDelayMs ?? 2_000);
  }

  async search(
    id: number,
    params: SearchMethods['search']['params'],
  ): Promise<SearchMethods['search']['result']> {
    const started = performance.now();
    this.stopWarmUp();
    this.latestSearch = Math.max(this.latestSearch, id);
    const options = params.options ?? {};
    const limit = Math.min(Math.max(options.limit ?? 20, 1), MAX_LIMIT);
    const feedTitles = await this.feedTitlesFor(params.query);
    const searched = performance.now();
    const { snippets: _snippets, ...request } = options;
    const result = await this.engine.search(
      { query: params.query, ...request, limit },
      { feedTitles },
    );
    const base: SearchResponse = {
      total: result.total,
      totalExact: result.totalExact,
      results: [],
      notes: result.notes,
      stale: id < this.latestSearch,
      tookMs: 0,
      timings: {
        feedsMs: searched - started,
        queryMs: performance.now() - searched,
        ...result.timings,
      },
    };
    // Nobody will look at this one: skip the snippets.
    if (base.stale) return { ...base, tookMs: performance.now() - started };
    if (options.snippets === false) {
      base.results = result.hits.map((hit) => ({
        articleId: hit.articleId,
        score: hit.score,
        title: [],
        snippet: [],
      }));
      return { ...base, tookMs: performance.now() - started };
    }
    const loading = performance.now();
    const articles = await this.source.byIds(result.hits.map((hit) => hit.articleId));
    const snippets = performance.now();
    base.timings.loadMs = snippets - loading;
    for (const hit of result.hits) {
      const article = articles.get(hit.articleId);
      if (!article) continue;
      const fields = docFields({ ...article, feedTitle: undefined });
      base.results.push({
        articleId: hit.articleId,
        score: hit.score,
        title: highlightAll(fields.title, result.highlight),
        snippet: snippet(fields.body || fields.meta, result.highlight),
      });
    }
    base.timings.snippetsMs = performance.now() - snippets;
    return { ...base, stale: id < this.latestSearch, tookMs: performance.now() - started };
  }

  /** What a rule would match: the exact question (no prefix, no typos), newest first. */
  async preview(
    params: SearchMethods['preview']['params'],
  ): Promise<SearchMethods['preview']['result']> {
    const wanted = Number.isFinite(params.limit) ? Math.floor(params.limit!) : 5;
    const limit = Math.min(Math.max(wanted, 0), MAX_PREVIEW_IDS);
    const result = await this.engine.search(
      { query: params.query, exact: true, sort: 'date', limit: Math.max(limit, 1) },
      { feedTitles: await this.feedTitlesFor(params.query) },
    );
    return {
      total: result.total,
      ids: result.hits.slice(0, limit).map((hit) => hit.articleId),
      notes: result.notes,
    };
  }

  /** Feed titles only matter to feed: filters. */
  private async feedTitlesFor(query: string): Promise<Map<string, string>> {
    return /(^|\s)-?feed:/i.test(query) ? this.source.feedTitles() : new Map<string, string>();
  }

  async index(params: SearchMethods['index']['params']): Promise<SearchMethods['index']['result']> {
    const out = { added: 0, updated: 0, unchanged: 0, missing: 0 };
    if (params.articles?.length) {
      const feeds = await this.source.feedMap();
      const highlights = await this.source.highlightsOf(params.articles.map((a) => a.id));
      const articles = params.articles.map((article) =>
        ArticleSource.searchable(article, feeds.get(article.feedId), highlights.get(article.id)),
      );
      Object.assign(out, await this.engine.upsert(articles));
    }
    if (params.ids?.length) {
      const found = await this.source.searchableByIds(params.ids);
      const gone = params.ids.filter((id) => !found.has(id));
      const result = await this.engine.upsert([...found.values()]);
      out.added += result.added;
      out.updated += result.updated;
      out.unchanged += result.unchanged;
      // Asked to index what no longer exists: it was deleted, so it leaves the index too.
      if (gone.length) out.missing = await this.engine.remove(gone);
    }
    this.scheduleMerge(out.missing);
    return out;
  }

  async remove(params: SearchMethods['remove']['params']) {
    const removed = await this.engine.remove(params.ids);
    this.scheduleMerge(removed);
    return { removed };
  }

  async rebuild(): Promise<{ indexed: number }> {
    return this.withBusy('rebuild', async () => {
      const total = await this.source.count();
      const indexed = await this.engine.rebuild(this.source.batches(), (done) =>
        this.emit({ event: 'progress', phase: 'rebuild', done, total }),
      );
      return { indexed };
    });
  }

  async check(params: SearchMethods['check']['params']) {
    return this.withBusy('repair', () =>
      checkIndex(this.engine, this.source, {
        ...params,
        onProgress: (done, total) => this.emit({ event: 'progress', phase: 'repair', done, total }),
      }),
    );
  }

  async handle(request: WorkerRequest): Promise<WorkerResponse> {
    try {
      const value = await this.dispatch(request);
      return { id: request.id, ok: true, value };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof IndexCorruptError) {
        // Unreadable index: rebuild it from the articles rather than answer wrongly forever.
        void this.rebuild().catch(() => undefined);
        return { id: request.id, ok: false, error: { code: 'corrupt', message } };
      }
      const code =
        error instanceof Error && /Dexie|IDB|Quota/i.test(error.name) ? 'storage' : 'internal';
      return { id: request.id, ok: false, error: { code, message } };
    }
  }

  private dispatch(request: WorkerRequest) {
    switch (request.method) {
      case 'search':
        if (typeof request.params?.query !== 'string')
          // eslint-disable-next-line no-restricted-syntax -- never shown: the page always sends a string
          throw new TypeError('query must be a string');
        return this.search(request.id, request.params);
      case 'index':
        return this.index(request.params ?? {});
      case 'remove':
        return this.remove(request.params);
      case 'rebuild':
        return this.rebuild();
      case 'check':
        return this.check(request.params ?? {});
      case 'status':
        return Promise.resolve(this.status());
      case 'preview':
        if (typeof request.params?.query !== 'string')
          // eslint-disable-next-line no-restricted-syntax -- never shown: the page always sends a string
          throw new TypeError('query must be a string');
        return this.preview(request.params);
      default:
        // eslint-disable-next-line no-restricted-syntax -- never shown: the page sends known methods
        throw new TypeError(`Unknown method ${(request as { method: string }).method}`);
    }
  }

  /** Stops timers and closes the plain read connections (tests, worker shutdown). */
  close(): void {
    clearTimeout(this.mergeTimer);
    this.storage.close();
    this.source.close();
  }
}
