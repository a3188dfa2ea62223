/**
 * The index build alone, in Node over MemoryStorage: the same engine code as the worker minus
 * IndexedDB, for profiling the indexing loop quickly (`node --cpu-prof`).
 *
 *   npx tsx scripts/bench-search/node-build.ts [--docs N] [--segment-docs S]
 *
 * Prints one JSON line: documents per second of the build, wall and CPU time (corpus generation
 * excluded).
 */
import { performance } from 'node:perf_hooks';
import { SearchEngine } from '@search-engine/core/engine';
import type { IndexDocument } from '@search-engine/core/document';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import { CorpusGenerator } from './corpus';
import { buildPool } from './pool';
import { searchableArticle } from './searchable';

async function main(): Promise<void> {
  const index = process.argv.indexOf('--docs');
  const docs = index >= 0 ? Number(process.argv[index + 1]) : 20_000;
  const generator = new CorpusGenerator(buildPool());
  const articles: IndexDocument[] = [];
  for (let i = 0; i < docs; i++) articles.push(searchableArticle(generator.doc(i)));
  const segmentIndex = process.argv.indexOf('--segment-docs');
  const segmentDocs = segmentIndex >= 0 ? Number(process.argv[segmentIndex + 1]) : undefined;
  const engine = await SearchEngine.open(
    new MemoryStorage(),
    segmentDocs ? { segmentDocs, segmentBytes: segmentDocs * 8 * 1024 } : {},
  );
  async function* batches() {
    for (let at = 0; at < articles.length; at += 500) yield articles.slice(at, at + 500);
  }
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await engine.rebuild(batches());
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  // On a shared machine wall time follows the load; CPU time compares runs better.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    `${JSON.stringify({ docs, buildMs: Math.round(ms), docsPerSec: Math.round(docs / (ms / 1000)), cpuMs: Math.round(cpuMs), docsPerCpuSec: Math.round(docs / (cpuMs / 1000)), segments: engine.segmentCount })}\n`,
  );
}

void main();
