/**
 * The search index: segments + per-document columns + doc rows, kept in an IndexStorage.
 * Writes (add/update, remove, merge, rebuild) run one at a time; queries run alongside them
 * and see each write whole (in-memory state changes synchronously once a write is staged, and
 * a new segment's pages are served from memory until its commit lands).
 *
 * Removal marks documents dead in the columns; their postings stay in their segment until a
 * merge rewrites it. That keeps removing 50 articles to a handful of small writes instead of
 * rewriting the postings of every term they contained.
 */
import { BlockCache } from './block-cache';
import { DocColumns, FLAG_LIVE, CHUNK_SIZE } from './doc-columns';
import { DocInfo, type DocRow } from './doc-info';
import { docRecord, flagsOf, type DocRecord } from './doc-record';
import { analyzeDoc, contentHash, quickStamp, type IndexDocument } from './document';
import { execute, type IndexView } from './executor';
import { foldTerm } from './fold';
import { IndexCorruptError } from './index-corrupt-error';
import { pickExpunge, pickMerge } from './merge-policy';
import { PageCache } from './page-cache';
import { PageReader } from './page-reader';
import { parseQuery } from './query-parser';
import type { SortMode } from './ranking';
import { filePages, pageNumbers, joinPages, type SegmentFile, type SegmentHeader } from './segment';
import { SegmentBuilder } from './segment-builder';
import { mergeSegments } from './segment-merge';
import { buildRanges } from './rebuild';
import type { SegmentBuildPool } from './rebuild-range';
import { decodeBlocks } from './term-blocks';
import {
  FORMAT_VERSION,
  emptyMeta,
  type IndexCommit,
  type IndexMeta,
  type IndexStorage,
} from './storage';

export interface EngineOptions {
  /** A rebuild writes a segment every this many documents… */
  segmentDocs?: number;
  /** …or when its documents' stored text reaches this many characters, whichever is first. */
  segmentBytes?: number;
  /** This many neighbouring segments of one size class are merged into one. */
  mergeFactor?: number;
  /** Segments this large are left alone by merges (except to purge removed documents). */
  maxMergeDocs?: number;
  pageCacheBytes?: number;
  /** Helper workers for rebuilds (created per rebuild, closed after it). */
  buildPool?: () => SegmentBuildPool | undefined;
  /** Decoded dictionary blocks kept in memory. */
  blockCacheSize?: number;
}

export interface SearchRequest {
  query: string;
  limit?: number;
  offset?: number;
  sort?: SortMode;
  /** Reference time for the recency boost (default: now). */
  now?: number;
  prefixLast?: boolean;
  /**
   * Answer the question a rule asks (core/matcher.ts): complete words only (no prefix on the
   * last word, no typo spellings, no "most of the words" fallback). Overrides prefixLast.
   */
  exact?: boolean;
}

export interface SearchContext {
  /** feedId → title, for `feed:`. */
  feedTitles?: ReadonlyMap<string, string>;
}

export interface EngineHit {
  articleId: string;
  docId: number;
  score: number;
}

export interface EngineResult {
  total: number;
  totalExact: boolean;
  hits: EngineHit[];
  highlight: Set<string>;
  notes: string[];
  timings: { readMs: number; docsMs: number };
}

export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * A rebuild writes a segment every 25,000 documents (the largest a merge makes, maxMergeDocs):
 * four segments at 100,000 rather than ten, so a cold query looks each term up in four
 * dictionaries, and a term's dictionary entry is stored four times rather than ten. The price
 * is the builder's peak memory, which grows with the segment (measured in Node:
 * docs/bench/2026-11-27-search-format-2.md, "23:00, segments of 25,000").
 */
const DEFAULTS: Required<Omit<EngineOptions, 'buildPool'>> & Pick<EngineOptions, 'buildPool'> = {
  segmentDocs: 25_000,
  segmentBytes: 128 * 1024 * 1024,
  mergeFactor: 8,
  maxMergeDocs: 25_000,
  pageCacheBytes: 64 * 1024 * 1024,
  blockCacheSize: 2048,
};
export class SearchEngine {
  private meta: IndexMeta = emptyMeta();
  private segments: SegmentHeader[] = [];
  private columns = new DocColumns();
  /**
   * Settles once `columns` holds what storage has (they arrive after the rest of a load, see
   * LoadedIndex); rejects if they could not be read. Writes and column readers await it.
   */
  private columnsLoaded: Promise<void> = Promise.resolve();
  private loads = 0;
  private readonly info: DocInfo;
  private feedIndex = new Map<string, number>();
  private langIndex = new Map<string, number>();
  private readonly cache: PageCache;
  private readonly blockCache: BlockCache;
  private readonly pages: PageReader;
  private readonly options: typeof DEFAULTS;
  private writes: Promise<unknown> = Promise.resolve();
  private activeReads = 0;
  /** True when the stored index is missing, from another format, or a rebuild was cut short. */
  needsRebuild = false;

  private constructor(
    private readonly storage: IndexStorage,
    options: EngineOptions,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.cache = new PageCache(this.options.pageCacheBytes);
    this.blockCache = new BlockCache(this.options.blockCacheSize);
    this.pages = new PageReader(storage, this.cache, this.blockCache);
    this.info = new DocInfo((chunks) => this.storage.loadInfo(chunks));
  }

  static async open(storage: IndexStorage, options: EngineOptions = {}): Promise<SearchEngine> {
    const engine = new SearchEngine(storage, options);
    await engine.reload();
    return engine;
  }

  private async reload(): Promise<void> {
    const load = ++this.loads;
    const loaded = await this.storage.load();
    this.cache.clear();
    this.blockCache.clear();
    this.info.forget();
    this.columns = new DocColumns();
    if (!loaded.meta || loaded.meta.formatVersion !== FORMAT_VERSION) {
      loaded.columns.catch(() => undefined);
      this.columnsLoaded = Promise.resolve();
      this.meta = emptyMeta();
      this.segments = [];
      this.needsRebuild = loaded.meta !== undefined || loaded.segments.length > 0;
      if (this.needsRebuild) await this.storage.clear();
      this.reindexDictionaries();
      return;
    }
    this.meta = loaded.meta;
    this.segments = [...loaded.segments].sort((a, b) => a.minDoc - b.minDoc);
    this.columnsLoaded = loaded.columns.then((chunks) => {
      // A later reload has replaced what this one loaded.
      if (load === this.loads) this.columns = new DocColumns(chunks);
    });
    // Awaited by whoever needs the columns, who then sees the failure.
    this.columnsLoaded.catch(() => undefined);
    this.needsRebuild = loaded.meta.rebuilding;
    this.reindexDictionaries();
    if (this.meta.retired.length) {
      await this.columnsLoaded;
      await this.releaseRetired();
    }
  }

  private reindexDictionaries(): void {
    this.feedIndex = new Map(this.meta.feeds.map((feed, i) => [feed, i]));
    this.langIndex = new Map(this.meta.langs.map((lang, i) => [lang, i]));
  }

  /** Serializes writes; a failed write reloads the stored state so memory never runs ahead. */
  private enqueue<T>(write: () => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      try {
        await this.columnsLoaded;
        return await write();
      } catch (error) {
        await this.reload().catch(() => undefined);
        throw error;
      }
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  get docCount(): number {
    return this.meta.liveCount;
  }

  get generation(): number {
    return this.meta.generation;
  }

  get segmentCount(): number {
    return this.segments.length;
  }

  /** Flags (FLAG_*) of a document; 0 when unknown or removed (or before allDocs() resolves). */
  docFlags(docId: number): number {
    return this.columns.flags(docId);
  }

  /** Every indexed article's row (loads the doc info). */
  async allDocs(): Promise<DocRow[]> {
    await this.columnsLoaded;
    await this.info.ensureAll();
    return this.info.rows();
  }

  /** Resolves when every write queued so far has finished. */
  idle(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  // ------------------------------------------------------------------------------- reading

  private view(context: SearchContext): IndexView {
    const segments = this.segments;
    const session = this.pages.blockSession();
    const feeds = this.meta.feeds;
    const langs = this.meta.langs;
    return {
      blocks: session.blocks,
      loadMissedBlocks: session.loadMissed,
      docCount: this.meta.liveCount,
      avgLength: this.meta.liveCount ? this.meta.totalLength / this.meta.liveCount : 1,
      columns: () => this.columnsLoaded.then(() => this.columns),
      segments,
      read: (requests) => this.pages.readStreams(requests),
      resolveFeeds: (values) => {
        const wanted = values.map((value) => foldTerm(value.trim()));
        const out = new Set<number>();
        feeds.forEach((feedId, i) => {
          const title = foldTerm(context.feedTitles?.get(feedId) ?? '');
          const id = foldTerm(feedId);
          if (wanted.some((value) => id === value || (value && title.includes(value)))) out.add(i);
        });
        return out;
      },
      resolveLangs: (values) => {
        const out = new Set<number>();
        langs.forEach((lang, i) => {
          if (values.some((value) => lang === value || lang.startsWith(`${value}-`))) out.add(i);
        });
        return out;
      },
    };
  }

  async search(request: SearchRequest, context: SearchContext = {}): Promise<EngineResult> {
    this.activeReads++;
    try {
      const exact = request.exact ?? false;
      const parsed = parseQuery(request.query, {
        prefixLast: exact ? false : request.prefixLast,
      });
      const result = await execute(this.view(context), parsed, {
        limit: request.limit ?? 20,
        offset: request.offset ?? 0,
        sort: request.sort ?? 'relevance',
        now: request.now ?? Date.now(),
        exact,
      });
      const docsStarted = performance.now();
      await this.info.ensure(result.hits.map((hit) => hit.docId));
      const hits: EngineHit[] = [];
      for (const hit of result.hits) {
        const articleId = this.info.articleId(hit.docId);
        if (articleId) hits.push({ articleId, docId: hit.docId, score: hit.score });
      }
      const docsMs = performance.now() - docsStarted;
      return { ...result, hits, timings: { ...result.timings, docsMs } };
    } finally {
      this.activeReads--;
      if (!this.activeReads && this.meta.retired.length)
        void this.enqueue(() => this.releaseRetired());
    }
  }

  // ------------------------------------------------------------------------------- writing

  private feedNumber(feedId: string): number {
    let index = this.feedIndex.get(feedId);
    if (index === undefined) {
      index = this.meta.feeds.length;
      this.meta.feeds.push(feedId);
      this.feedIndex.set(feedId, index);
    }
    return index;
  }

  private langNumber(lang: string | undefined): number {
    const key = (lang ?? '').toLowerCase();
    let index = this.langIndex.get(key);
    if (index === undefined) {
      index = this.meta.langs.length;
      this.meta.langs.push(key);
      this.langIndex.set(key, index);
    }
    return index;
  }

  /** Adds one document to `builder`, the columns and the doc info. */
  private addDoc(builder: SegmentBuilder, article: IndexDocument, hash: number): void {
    const docId = this.meta.nextDocId++;
    builder.beginDoc(docId);
    const length = analyzeDoc(article, builder);
    builder.endDoc();
    this.registerDoc(docRecord(docId, article, hash), length);
  }

  /** A document's columns and doc info, once its postings are built. */
  private registerDoc(record: DocRecord, length: number): void {
    this.columns.set(record.docId, {
      length,
      date: record.date,
      flags: record.flags,
      feed: this.feedNumber(record.feedId),
      lang: this.langNumber(record.lang),
    });
    this.meta.liveCount++;
    this.meta.totalLength += length;
    const { docId, articleId, hash, stamp } = record;
    this.info.set({ docId, articleId, hash, stamp });
  }

  private kill(docId: number): void {
    const values = this.columns.get(docId);
    if (!values || !(values.flags & FLAG_LIVE)) return;
    this.columns.setFlags(docId, 0);
    this.info.delete(docId);
    this.meta.liveCount--;
    this.meta.totalLength -= values.length;
  }

  private stageSegment(builder: SegmentBuilder): SegmentFile | undefined {
    if (builder.empty) return undefined;
    return this.stage(builder.build(this.meta.nextSegmentId++));
  }

  /** Makes a new segment searchable: its pages are served from memory until committed. */
  private stage(file: SegmentFile): SegmentFile {
    for (const [page, data] of filePages(file))
      this.cache.set(PageCache.key(file.header.id, page), data);
    this.segments = [...this.segments, file.header].sort((a, b) => a.minDoc - b.minDoc);
    return file;
  }

  private async commit(
    change: Partial<Pick<IndexCommit, 'putSegments' | 'deleteSegments'>>,
  ): Promise<void> {
    this.meta.generation++;
    const columns = this.columns.takeDirty();
    const info = this.info.takeDirty();
    await this.storage.commit({
      // A copy: a rebuild goes on indexing (and numbering segments) while this one is written.
      meta: { ...this.meta },
      putSegments: change.putSegments ?? [],
      deleteSegments: change.deleteSegments ?? [],
      putColumns: columns.put,
      deleteColumns: columns.deleted,
      putInfo: info.put,
      deleteInfo: info.deleted,
    });
  }

  /**
   * Adds new articles, re-indexes changed ones and updates the flags of the rest, in one
   * commit. An article whose searchable text is unchanged keeps its postings.
   */
  upsert(articles: IndexDocument[]): Promise<UpsertResult> {
    return this.enqueue(async () => {
      const latest = new Map(articles.map((article) => [article.id, article]));
      await this.info.ensureAll();
      const builder = new SegmentBuilder();
      const result: UpsertResult = { added: 0, updated: 0, unchanged: 0 };
      for (const article of latest.values()) {
        const existing = this.info.row(article.id);
        const hash = contentHash(article);
        if (existing && existing.hash === hash && this.columns.isLive(existing.docId)) {
          const flags = flagsOf(article);
          if (this.columns.flags(existing.docId) !== flags)
            this.columns.setFlags(existing.docId, flags);
          const stamp = quickStamp(article);
          if (stamp !== existing.stamp) this.info.set({ ...existing, stamp });
          result.unchanged++;
          continue;
        }
        if (existing) {
          this.kill(existing.docId);
          result.updated++;
        } else result.added++;
        this.addDoc(builder, article, hash);
      }
      const file = this.stageSegment(builder);
      await this.commit({ putSegments: file ? [file] : [] });
      return result;
    });
  }

  remove(articleIds: string[]): Promise<number> {
    return this.enqueue(async () => {
      await this.info.ensureAll();
      let removed = 0;
      for (const id of new Set(articleIds)) {
        const row = this.info.row(id);
        if (!row) continue;
        this.kill(row.docId);
        removed++;
      }
      if (removed) await this.commit({});
      return removed;
    });
  }

  /**
   * Drops the index and indexes every article `source` yields, a segment every `segmentDocs`
   * documents so memory stays bounded and progress survives a crash (an interrupted rebuild
   * is flagged and redone at the next start). With a build pool, helper workers build ranges
   * while this thread builds one too; segments are committed in docId order either way.
   */
  rebuild(
    source: AsyncIterable<IndexDocument[]>,
    onProgress?: (indexed: number) => void,
  ): Promise<number> {
    return this.enqueue(async () => {
      await this.storage.clear();
      this.cache.clear();
      this.blockCache.clear();
      this.meta = { ...emptyMeta(), rebuilding: true };
      this.segments = [];
      this.columns = new DocColumns();
      this.info.reset();
      this.reindexDictionaries();
      await this.commit({});
      const pool = this.options.buildPool?.();
      try {
        const indexed = await buildRanges(
          {
            meta: () => this.meta,
            registerDoc: (record, length) => this.registerDoc(record, length),
            stage: (file) => this.stage(file),
            commit: (change) => this.commit(change),
          },
          source,
          pool,
          this.options,
          onProgress,
        );
        this.needsRebuild = false;
        return indexed;
      } finally {
        pool?.close();
      }
    });
  }

  // ------------------------------------------------------------------------------- merging

  private liveIn(segment: SegmentHeader): number {
    let live = 0;
    for (let doc = segment.minDoc; doc <= segment.maxDoc;) {
      const chunk = this.columns.chunkOf(doc);
      const chunkEnd = Math.min(
        segment.maxDoc + 1,
        (Math.floor(doc / CHUNK_SIZE) + 1) * CHUNK_SIZE,
      );
      if (chunk) {
        for (; doc < chunkEnd; doc++) if (chunk.flags[doc % CHUNK_SIZE]! & FLAG_LIVE) live++;
      } else doc = chunkEnd;
    }
    return live;
  }

  /**
   * Neighbouring segments to merge (or one to purge of removed documents), if any; with
   * `expungeRatio`, when the size classes need nothing, the segment with the largest share of
   * removed documents over that ratio.
   */
  private pickMerge(expungeRatio?: number): SegmentHeader[] | undefined {
    const liveIn = (segment: SegmentHeader) => this.liveIn(segment);
    const merge = pickMerge(this.segments, liveIn, this.options);
    if (merge || expungeRatio === undefined) return merge;
    const expunge = pickExpunge(this.segments, liveIn, expungeRatio);
    return expunge && [expunge];
  }

  /**
   * Runs merges until the policy is satisfied; returns how many ran. `expungeRatio` (after a
   * purge: PURGE_EXPUNGE_RATIO) also rewrites every segment that lost more than that share of
   * its documents, so their postings leave the disk.
   *
   * Each merge is a write of its own in the queue, picked afresh: an upsert or removal that
   * arrives meanwhile waits for one segment's rewrite (≤ maxMergeDocs documents), not for the
   * whole pass, and queries answer throughout (they read the old segments until the commit).
   */
  async merge(options: { expungeRatio?: number } = {}): Promise<number> {
    let merges = 0;
    for (;;) {
      const merged = await this.enqueue(async () => {
        const picked = this.pickMerge(options.expungeRatio);
        if (picked) await this.mergeSegments(picked);
        return picked !== undefined;
      });
      if (!merged) return merges;
      merges++;
    }
  }

  /** Documents held in segments that no longer count: removed, or replaced by a newer version. */
  get removedInSegments(): number {
    let removed = 0;
    for (const segment of this.segments) removed += segment.docCount - this.liveIn(segment);
    return removed;
  }

  private async mergeSegments(picked: SegmentHeader[]): Promise<void> {
    const sources = [];
    for (const header of picked) {
      const numbers = pageNumbers(header);
      const pages = await this.storage.readPages(
        numbers.map((page) => ({ segment: header.id, page })),
      );
      if (pages.some((page) => !page))
        throw new IndexCorruptError(`Search index segment ${header.id} is incomplete`);
      const loaded = pages as Uint8Array[];
      const dictStart = header.pageCount + header.posPageCount;
      sources.push({
        header,
        dictionary: decodeBlocks(loaded.slice(dictStart)),
        stream: joinPages(loaded.slice(0, header.pageCount), header.streamBytes),
        positions: joinPages(loaded.slice(header.pageCount, dictStart), header.posBytes),
      });
    }
    const file = mergeSegments(this.meta.nextSegmentId++, sources, (doc) =>
      this.columns.isLive(doc),
    );
    const keep = file.header.docCount > 0 && file.header.termCount > 0;
    const ids = new Set(picked.map((header) => header.id));
    this.meta.retired = [
      ...this.meta.retired,
      ...picked.map(({ id, pageCount, posPageCount, dictPageCount }) => ({
        id,
        pageCount,
        posPageCount,
        dictPageCount,
      })),
    ];
    await this.commit({ putSegments: keep ? [file] : [], deleteSegments: [...ids] });
    this.segments = [
      ...this.segments.filter((header) => !ids.has(header.id)),
      ...(keep ? [file.header] : []),
    ].sort((a, b) => a.minDoc - b.minDoc);
    if (!this.activeReads) await this.releaseRetired();
  }

  /** Deletes pages of merged-away segments once no query can still be reading them. */
  private async releaseRetired(): Promise<void> {
    if (this.activeReads || !this.meta.retired.length) return;
    const retired = this.meta.retired;
    await this.storage.deletePages(retired);
    for (const segment of retired) this.cache.dropSegment(segment.id, pageNumbers(segment));
    this.meta.retired = this.meta.retired.filter((entry) => !retired.includes(entry));
    await this.commit({});
  }
}
