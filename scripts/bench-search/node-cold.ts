/**
 * The CPU side of a cold search, in Node: a fresh process opens an index held in memory and
 * answers one query with snippets, as a fresh search worker does, minus IndexedDB. In the
 * browser a cold start's figures swing with what else the machine does at launch
 * (docs/bench/2026-12-06-hostile-inputs.md, docs/bench/2026-11-28-search-cold-start.md);
 * here only the engine's own first-run (unoptimized) code is timed, so two versions of it can
 * be told apart.
 *
 *   npx tsx scripts/bench-search/node-cold.ts --build FILE [--docs N]   (index → FILE, FILE.pages)
 *   npx tsx scripts/bench-search/node-cold.ts --dump FILE [--runs R] [--queries Q] [--warm-up]
 *
 * --warm-up runs the worker's warm-up (search-engine/core/warm-up.ts) before the clock starts,
 * as the worker does while the index opens; its own time is reported as warmUpMs.
 * The second form runs each of the first Q bench queries in R fresh processes and prints one
 * JSON line: per phase, the median over runs of each query, summed over the queries.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import { docFields, type IndexDocument } from '@search-engine/core/document';
import { SearchEngine } from '@search-engine/core/engine';
import { INFO_CHUNK_SIZE, type InfoChunk } from '@search-engine/core/doc-info';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import {
  packHeader,
  pageNumbers,
  unpackHeader,
  type StoredSegment,
} from '@search-engine/core/segment';
import type { IndexStorage, LoadedIndex, PageRequest } from '@search-engine/core/storage';
import { highlightAll, snippet } from '@search-engine/core/snippets';
import { warmUp } from '@search-engine/core/warm-up';
import { CorpusGenerator, querySet, type SentencePool } from './corpus';
import { buildPool } from './pool';
import { searchableArticle } from './searchable';
import { arg, flag, percentile, runBench } from '../bench-kit';

function article(generator: CorpusGenerator, i: number): IndexDocument {
  return searchableArticle(generator.doc(i));
}

interface Dump {
  docs: number;
  /** Serialized { meta, segments (stored form), columns }: deserialized by each load. */
  head: Buffer;
  /** Serialized info chunks by number. */
  info: Map<number, Buffer>;
  pages: Map<string, [number, number]>;
  blob: Buffer;
  pool: SentencePool;
}

/**
 * Read-only storage over a dump: pages live in one buffer (a hundred thousand separate
 * ArrayBuffers made Node's GC crawl) and are copied out on read, as IndexedDB hands out copies;
 * the rest is deserialized when asked, as IndexedDB deserializes it.
 */
class DumpStorage implements IndexStorage {
  constructor(private readonly dump: Dump) {}

  async load(): Promise<LoadedIndex> {
    const head = deserialize(this.dump.head) as {
      meta: LoadedIndex['meta'];
      segments: StoredSegment[];
      columns: Awaited<LoadedIndex['columns']>;
    };
    return {
      meta: head.meta,
      segments: head.segments.map(unpackHeader),
      columns: Promise.resolve(head.columns),
    };
  }

  async readPages(requests: PageRequest[]): Promise<(Uint8Array | undefined)[]> {
    return requests.map(({ segment, page }) => {
      const at = this.dump.pages.get(`${segment}:${page}`);
      return at && new Uint8Array(this.dump.blob.subarray(at[0], at[0] + at[1]));
    });
  }

  async loadInfo(chunks: number[] | 'all'): Promise<InfoChunk[]> {
    const wanted = chunks === 'all' ? [...this.dump.info.keys()] : chunks;
    return wanted.flatMap((chunk) => {
      const found = this.dump.info.get(chunk);
      return found ? [deserialize(found) as InfoChunk] : [];
    });
  }

  commit(): Promise<void> {
    throw new Error('read only');
  }

  deletePages(): Promise<void> {
    throw new Error('read only');
  }

  clear(): Promise<void> {
    throw new Error('read only');
  }

  size(): Promise<number> {
    return Promise.resolve(this.dump.blob.length);
  }
}

async function build(file: string, docs: number): Promise<void> {
  const pool = buildPool();
  const generator = new CorpusGenerator(pool);
  const storage = new MemoryStorage();
  const engine = await SearchEngine.open(storage);
  async function* batches() {
    for (let at = 0; at < docs; at += 500) {
      const batch: IndexDocument[] = [];
      for (let i = at; i < Math.min(docs, at + 500); i++) batch.push(article(generator, i));
      yield batch;
    }
  }
  await engine.rebuild(batches());
  const loaded = await storage.load();
  const chunks: number[] = [];
  for (let chunk = 0; chunk * INFO_CHUNK_SIZE < loaded.meta!.nextDocId; chunk++) chunks.push(chunk);
  const info = new Map((await storage.loadInfo(chunks)).map((row) => [row.chunk, serialize(row)]));
  const pages = new Map<string, [number, number]>();
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const header of loaded.segments)
    for (const page of pageNumbers(header)) {
      const [data] = await storage.readPages([{ segment: header.id, page }]);
      pages.set(`${header.id}:${page}`, [at, data!.length]);
      parts.push(data!);
      at += data!.length;
    }
  const head = serialize({
    meta: loaded.meta,
    segments: loaded.segments.map(packHeader),
    columns: await loaded.columns,
  });
  writeFileSync(file, serialize({ docs, head, info, pages, pool }));
  writeFileSync(`${file}.pages`, Buffer.concat(parts));
}

/** One cold query in this process: open, search, snippets. */
async function once(file: string, query: string, prefix: boolean, warm: boolean): Promise<void> {
  const dump = deserialize(readFileSync(file)) as Omit<Dump, 'blob'>;
  const storage = new DumpStorage({ ...dump, blob: readFileSync(`${file}.pages`) });
  const generator = new CorpusGenerator(dump.pool);
  const warming = performance.now();
  if (warm) await warmUp();
  const warmUpMs = performance.now() - warming;
  const started = performance.now();
  const engine = await SearchEngine.open(storage);
  const opened = performance.now();
  const result = await engine.search({ query, prefixLast: prefix, limit: 20 });
  const searched = performance.now();
  // Article text comes from IndexedDB in the worker; here it is made before the clock runs.
  const articles = result.hits.map((hit) => article(generator, Number(hit.articleId.slice(1))));
  const snippets = performance.now();
  for (const found of articles) {
    const fields = docFields({ ...found, feedTitle: undefined });
    highlightAll(fields.title, result.highlight);
    snippet(fields.body || fields.meta, result.highlight);
  }
  const done = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      openMs: opened - started,
      searchMs: searched - opened,
      snippetsMs: done - snippets,
      ...result.timings,
      totalMs: opened - started + (searched - opened) + (done - snippets),
      warmUpMs,
    })}\n`,
  );
}

function compare(file: string, runs: number, count: number, warm: boolean): void {
  const { pool } = deserialize(readFileSync(file)) as Dump;
  const queries = querySet(pool).slice(0, count);
  const sums: Record<string, number> = {};
  const perQuery: Record<string, number> = {};
  for (const query of queries) {
    const samples: Record<string, number>[] = [];
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          __filename,
          '--dump',
          file,
          '--once',
          query.text,
          ...(query.prefix ? ['--prefix'] : []),
          ...(warm ? ['--warm-up'] : []),
        ],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(child.stderr);
      samples.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, number>);
    }
    for (const key of Object.keys(samples[0]!)) {
      const value = percentile(
        samples.map((sample) => sample[key] ?? 0).sort((a, b) => a - b),
        0.5,
      );
      sums[key] = (sums[key] ?? 0) + value;
      if (key === 'totalMs') perQuery[query.text] = Math.round(value * 10) / 10;
    }
  }
  const rounded = Object.fromEntries(
    Object.entries(sums).map(([key, value]) => [key, Math.round(value)]),
  );
  process.stdout.write(
    `${JSON.stringify({ queries: queries.length, runs, sums: rounded, perQuery })}\n`,
  );
}

async function main(): Promise<void> {
  const target = flag('build');
  if (target) return build(target, arg('docs', 100_000));
  const file = flag('dump');
  if (!file) throw new Error('--build FILE or --dump FILE');
  const asked = flag('once');
  const warm = process.argv.includes('--warm-up');
  if (asked !== undefined) return once(file, asked, process.argv.includes('--prefix'), warm);
  compare(file, arg('runs', 5), arg('queries', 65), warm);
}

runBench(main);
