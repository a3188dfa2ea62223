/**
 * Ready-made search engines on the corpus and query set of `bench:search`: MiniSearch, FlexSearch
 * and Orama, each in plain Node, in memory (no IndexedDB, no worker, no browser): what the
 * engine itself costs before any persistence layer is added.
 *
 *   npx tsx scripts/bench-search-alternatives.ts [--docs N] [--rounds R] [--engines a,b,c]
 *
 * N defaults to 20,000. Engines: minisearch, flexsearch, orama (all by default, one after the
 * other in this process; run one per process for large N). Every engine gets the same
 * tokenization (lowercase, split on anything but letters and digits, CJK runs as bigrams, as
 * our engine and the FTS5 run of bench:search do), so the figures compare index structures,
 * not analyzers. Progress goes to stderr; the last stdout line is one JSON object. Each engine
 * is a phase with its own time limit: one that fails or runs out of time is reported as
 * `{ error, timedOut }` under its name, the others are still printed, and the exit code is 1.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { create, insertMultiple, load, removeMultiple, save, search } from '@orama/orama';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { CorpusGenerator, querySet, type BenchDoc, type BenchQuery } from './bench-search/corpus';
import { buildPool } from './bench-search/pool';
import { arg, BenchReport, latencySummary, log, runBench } from './bench-kit';

const BATCH = 2000;
const TOP = 20;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1e6, 1);

// `--expose-gc` is not needed on the command line: the flag is set here and V8 hands out `gc`
// in a new context.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapUsed(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/u;
const SPLIT = /[^\p{L}\p{N}]+/u;

/** The one analyzer every engine gets: lowercase words, CJK runs as overlapping bigrams. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.toLowerCase().split(SPLIT)) {
    if (!piece) continue;
    if (!CJK_RUN.test(piece)) {
      tokens.push(piece);
      continue;
    }
    // A piece can mix scripts ("gdp增长"): Latin parts stay words, CJK runs become bigrams.
    for (const part of piece.split(
      /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/u,
    )) {
      if (!part) continue;
      if (!CJK_RUN.test(part)) {
        tokens.push(part);
        continue;
      }
      const chars = [...part];
      if (chars.length === 1) tokens.push(part);
      for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
    }
  }
  return tokens;
}

/** Query words without the quotes of a phrase; none of these engines keeps positions. */
const queryWords = (query: BenchQuery) => query.text.replace(/"/g, ' ').trim();

interface Engine {
  /** How the engine answers each kind of query, said plainly (what it cannot do included). */
  mapping: Record<string, string>;
  add(docs: BenchDoc[]): Promise<void> | void;
  remove(docs: BenchDoc[]): Promise<void> | void;
  /** Ranked ids of the top 20 and, where the engine reports it, the total count. */
  query(query: BenchQuery): Promise<number> | number;
  serialize(): Promise<{ bytes: number; payload: unknown }>;
  /** A new instance from the serialized form, ready to answer. */
  deserialize(payload: unknown): Promise<Engine>;
}

// ---------------------------------------------------------------------------------------------
// MiniSearch

const MINI_OPTIONS = {
  fields: ['title', 'authors', 'feed', 'body'],
  idField: 'id',
  tokenize,
  // Lowercasing is already done by tokenize.
  processTerm: (term: string) => term,
  searchOptions: {
    boost: { title: 4, authors: 2, feed: 1, body: 1 },
    combineWith: 'AND' as const,
    fuzzy: (term: string) => (term.length >= 5 ? 0.2 : false),
  },
};

type MiniDoc = { id: string; title: string; authors: string; feed: string; body: string };
const miniDoc = (doc: BenchDoc): MiniDoc => ({
  id: doc.id,
  title: doc.title,
  authors: doc.authors.join(' '),
  feed: doc.feedId,
  body: doc.body,
});

function miniSearch(index = new MiniSearch<MiniDoc>(MINI_OPTIONS)): Engine {
  return {
    mapping: {
      terms: 'BM25+ over 4 fields (title ×4, authors ×2), AND, fuzzy 0.2 for words of 5+ letters',
      prefix: 'prefix search on the last word only',
      phrase: 'no positions: the phrase is answered as its words ANDed (a superset)',
      cjk: 'bigram tokens ANDed',
    },
    add: (docs) => index.addAll(docs.map(miniDoc)),
    // discard() needs only the id (remove() needs the whole original document); the space is
    // reclaimed by a vacuum that MiniSearch runs by itself once enough is discarded.
    remove: (docs) => index.discardAll(docs.map((doc) => doc.id)),
    query: (query) => {
      const results = index.search(queryWords(query), {
        prefix: (_term, i, terms) => query.prefix && i === terms.length - 1,
      });
      return results.length;
    },
    serialize: async () => {
      const json = JSON.stringify(index);
      return { bytes: Buffer.byteLength(json), payload: json };
    },
    deserialize: async (payload) =>
      miniSearch(MiniSearch.loadJSON<MiniDoc>(payload as string, MINI_OPTIONS)),
  };
}

// ---------------------------------------------------------------------------------------------
// FlexSearch

const FLEX_FIELDS = ['title', 'authors', 'feed', 'body'] as const;

/**
 * Two of the configurations its README recommends: "match" (the forward tokenizer: prefixes are
 * indexed, so every word also matches as a prefix) with resolution 9, and "score" (resolution 9
 * with the context index, depth 2, resolution 3; the context index only supports the strict
 * tokenizer, so no prefix search). FlexSearch has no BM25 (a score is the term's position
 * bucketed into resolution slots) and no field boost. `fastupdate` keeps a reverse register so
 * that remove() does not scan the whole index, which a reader deleting old articles needs; but
 * an export made with it does not import into an index that has it (0.8.212 throws
 * "c.add is not a function"), so the loaded copy runs without it and its removes scan.
 */
function flexIndex(context: boolean, fastupdate = true) {
  return new Document({
    fastupdate,
    document: {
      id: 'id',
      index: FLEX_FIELDS.map((field) => ({
        field,
        tokenize: context ? ('strict' as const) : ('forward' as const),
        resolution: 9,
        ...(context ? { context: { depth: 2, resolution: 3, bidirectional: true } } : {}),
        encoder: tokenize,
      })),
    },
  });
}

type FlexDoc = { id: number; title: string; authors: string; feed: string; body: string };
const flexDoc = (doc: BenchDoc): FlexDoc => ({ ...miniDoc(doc), id: Number(doc.id.slice(1)) });

function flexSearch(context: boolean, index = flexIndex(context)): Engine {
  return {
    mapping: {
      terms:
        'words ANDed within one field, the fields merged (no AND across fields, no BM25, no field boost)',
      prefix: context
        ? 'none: the context index needs the strict tokenizer, a partial last word finds nothing'
        : 'forward tokenizer: every word matches as a prefix (prefixes are indexed)',
      phrase: context
        ? 'no positions: words ANDed, ranked by the context index (words within 2 of each other), not a phrase match'
        : 'no positions: words ANDed (a superset)',
      cjk: 'bigram tokens ANDed',
    },
    add: (docs) => {
      for (const doc of docs) index.add(flexDoc(doc));
    },
    remove: (docs) => {
      for (const doc of docs) index.remove(Number(doc.id.slice(1)));
    },
    query: (query) => {
      const results = index.search(queryWords(query), { limit: TOP, merge: true });
      return results.length;
    },
    serialize: async () => {
      const parts: [string, string][] = [];
      await index.export((key: string, data: string) => {
        parts.push([key, data]);
      });
      return {
        bytes: parts.reduce((sum, [, data]) => sum + Buffer.byteLength(data), 0),
        payload: parts,
      };
    },
    deserialize: async (payload) => {
      const fresh = flexIndex(context, false);
      for (const [key, data] of payload as [string, string][]) fresh.import(key, data);
      return flexSearch(context, fresh);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Orama

function oramaDb() {
  return create({
    schema: { title: 'string', authors: 'string', feed: 'string', body: 'string' } as const,
    components: {
      tokenizer: {
        language: 'english',
        normalizationCache: new Map(),
        tokenize: (raw: string) => tokenize(raw),
      },
    },
  });
}

function orama(db = oramaDb()): Engine {
  return {
    mapping: {
      terms: 'BM25 over 4 fields (title ×4, authors ×2), threshold 0 (every word required)',
      prefix:
        'every word is matched as a prefix (radix tree); `exact` is a case-sensitive regex post-filter, not word matching',
      phrase: 'no positions: words ANDed (a superset)',
      cjk: 'bigram tokens ANDed',
    },
    add: async (docs) => {
      await insertMultiple(db, docs.map(miniDoc), BATCH);
    },
    remove: async (docs) => {
      await removeMultiple(
        db,
        docs.map((doc) => doc.id),
        BATCH,
      );
    },
    query: async (query) => {
      const results = await search(db, {
        term: queryWords(query),
        properties: ['title', 'authors', 'feed', 'body'],
        boost: { title: 4, authors: 2 },
        threshold: 0,
        limit: TOP,
      });
      return results.count;
    },
    serialize: async () => {
      const json = JSON.stringify(save(db));
      return { bytes: Buffer.byteLength(json), payload: json };
    },
    deserialize: async (payload) => {
      const fresh = oramaDb();
      load(fresh, JSON.parse(payload as string));
      return orama(fresh);
    },
  };
}

const ENGINES: Record<string, { name: string; make: () => Engine }> = {
  minisearch: { name: 'MiniSearch 7.2.0', make: () => miniSearch() },
  flexsearch: {
    name: 'FlexSearch 0.8.212 (Document, "match": forward tokenizer, resolution 9)',
    make: () => flexSearch(false),
  },
  'flexsearch-context': {
    name: 'FlexSearch 0.8.212 (Document, "score": strict tokenizer, resolution 9, context depth 2)',
    make: () => flexSearch(true),
  },
  orama: { name: 'Orama 3.1.18', make: () => orama() },
};

// ---------------------------------------------------------------------------------------------

async function warm(engine: Engine, queries: BenchQuery[], rounds: number) {
  const times: number[] = [];
  const byKind: Record<string, number[]> = {};
  const hits: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (let r = 0; r <= rounds; r++) {
    for (const query of queries) {
      const started = performance.now();
      let count: number;
      try {
        count = await engine.query(query);
      } catch (error) {
        // Kept out of the timings and reported (FlexSearch 0.8.212 throws inside search() on
        // some queries over tiny imported indexes; none did at 20,000).
        errors[query.text] = error instanceof Error ? error.message : String(error);
        continue;
      }
      const ms = performance.now() - started;
      if (r === 0) {
        hits[query.text] = count;
        continue;
      }
      times.push(ms);
      (byKind[query.kind] ??= []).push(ms);
    }
  }
  return {
    ...latencySummary(times),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([kind, list]) => [kind, latencySummary(list)]),
    ),
    emptyQueries: Object.entries(hits)
      .filter(([, count]) => count === 0)
      .map(([text]) => text),
    hits,
    errors,
  };
}

/** Adds documents N + from… (50 of them) and removes 50 spread over the first N. */
async function update(engine: Engine, generator: CorpusGenerator, docs: number, from: number) {
  const added: BenchDoc[] = [];
  for (let i = docs + from; i < docs + from + 50; i++) added.push(generator.doc(i));
  let started = performance.now();
  await engine.add(added);
  const add50Ms = performance.now() - started;
  // Two calls (from 0 and 50) remove different documents, all of them in the index.
  const shift = from > 0 && docs >= 100 ? 1 : 0;
  const removed = Array.from({ length: 50 }, (_, i) =>
    generator.doc(Math.floor((i * docs) / 50) + shift),
  );
  started = performance.now();
  await engine.remove(removed);
  return { add50Ms: round(add50Ms), remove50Ms: round(performance.now() - started) };
}

async function runEngine(
  key: string,
  docs: number,
  generator: CorpusGenerator,
  queries: BenchQuery[],
  rounds: number,
) {
  const { name, make } = ENGINES[key]!;
  log(`${name}: building ${docs} documents…`);
  const heapBefore = heapUsed();
  let engine = make();
  let buildMs = 0;
  for (let at = 0; at < docs; at += BATCH) {
    const batch: BenchDoc[] = [];
    for (let i = at; i < Math.min(docs, at + BATCH); i++) batch.push(generator.doc(i));
    const started = performance.now();
    await engine.add(batch);
    buildMs += performance.now() - started;
    if ((at + BATCH) % 20000 === 0) log(`  ${key}: ${at + BATCH} in ${round(buildMs / 1000, 1)} s`);
  }
  const heapIndex = heapUsed() - heapBefore;
  log(`  ${key}: built in ${round(buildMs / 1000, 1)} s, heap +${mb(heapIndex)} MB`);
  // On the index as built (FlexSearch's reverse register only exists here, see flexIndex).
  const builtUpdate = await update(engine, generator, docs, 50);
  log(
    `  ${key}: built index: add 50 ${builtUpdate.add50Ms} ms, remove 50 ${builtUpdate.remove50Ms} ms`,
  );

  let started = performance.now();
  const serialized = await engine.serialize();
  const serializeMs = performance.now() - started;
  log(`  ${key}: serialized ${mb(serialized.bytes)} MB in ${round(serializeMs)} ms`);
  started = performance.now();
  const loaded = await engine.deserialize(serialized.payload);
  const firstQuery = queries[0]!;
  const loadMs = performance.now() - started;
  const coldStarted = performance.now();
  await loaded.query(firstQuery);
  const loadedFirstQueryMs = performance.now() - coldStarted;
  log(`  ${key}: loaded in ${round(loadMs)} ms, first query ${round(loadedFirstQueryMs)} ms`);
  // The loaded copy answers from here on, so the built one (and its garbage) can go.
  engine = loaded;
  serialized.payload = undefined;
  const heapLoaded = heapUsed() - heapBefore;

  const warmResult = await warm(engine, queries, rounds);
  log(
    `  ${key}: warm p50 ${warmResult.p50Ms} ms, p95 ${warmResult.p95Ms} ms, max ${warmResult.maxMs} ms`,
  );

  // On the loaded copy: what the app would run after a restart.
  const { add50Ms, remove50Ms } = await update(engine, generator, docs, 0);
  // Persisting after the change: none of them writes a delta, the whole index is serialized.
  started = performance.now();
  const again = await engine.serialize();
  const reserializeMs = performance.now() - started;
  log(
    `  ${key}: add 50 ${add50Ms} ms, remove 50 ${remove50Ms} ms, re-serialize ${round(reserializeMs)} ms`,
  );
  return {
    name,
    mapping: engine.mapping,
    buildDocsPerSec: round(docs / (buildMs / 1000), 0),
    buildSeconds: round(buildMs / 1000, 1),
    heapMB: mb(heapIndex),
    heapAfterLoadMB: mb(heapLoaded),
    serializedBytes: serialized.bytes,
    serializeMs: round(serializeMs),
    loadMs: round(loadMs),
    loadedFirstQueryMs: round(loadedFirstQueryMs),
    p50Ms: warmResult.p50Ms,
    p95Ms: warmResult.p95Ms,
    maxMs: warmResult.maxMs,
    byKind: warmResult.byKind,
    emptyQueries: warmResult.emptyQueries,
    hits: warmResult.hits,
    queryErrors: warmResult.errors,
    add50Ms,
    remove50Ms,
    builtIndexUpdate: builtUpdate,
    persistAfterChange: { bytes: again.bytes, serializeMs: round(reserializeMs) },
  };
}

const HOUR = 3_600_000;

const report = new BenchReport();

async function main(): Promise<void> {
  const docs = arg('docs', 20_000);
  const rounds = arg('rounds', 3);
  const index = process.argv.indexOf('--engines');
  const keys = index >= 0 ? process.argv[index + 1]!.split(',') : Object.keys(ENGINES);
  for (const key of keys) if (!ENGINES[key]) throw new Error(`unknown engine ${key}`);
  log(`Search alternatives: ${docs} documents, engines ${keys.join(', ')}`);
  const pool = buildPool();
  const generator = new CorpusGenerator(pool);
  const queries = querySet(pool);
  log(`  pool: ${pool.latin.length} sentences, ${pool.cjk.length} CJK; ${queries.length} queries`);
  report.set('docs', docs);
  report.set('runtime', 'Node, in memory (no IndexedDB, no worker)');
  report.set('queries', queries.length);
  report.set('rounds', rounds);
  report.set('engines', {});
  for (const key of keys) {
    await report.phase(`engines.${key}`, HOUR, async () =>
      report.set(`engines.${key}`, await runEngine(key, docs, generator, queries, rounds)),
    );
  }
  report.set('machine', {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    loadAverage: os.loadavg().map((n) => round(n)),
    maxOldSpaceMB: round(
      (await import('node:v8')).getHeapStatistics().heap_size_limit / 2 ** 20,
      0,
    ),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  });
  report.set('date', new Date().toISOString());
}

runBench(main, report);
