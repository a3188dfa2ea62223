/**
 * The benchmark page (bundled by bench-search.ts, run in headless Chromium): fills the app
 * database with the corpus, drives the real search worker through the real client, and
 * reports timings to Playwright through `window.bench`.
 */
import type { Article, Feed } from '@renderer/db/entities';
import { createDb } from '@renderer/db/schema';
import { createSearchDb } from '@search-engine/idb/index-db';
import { IndexedDbStorage } from '@search-engine/idb/index-storage';
import { SearchClient } from '@renderer/search/search-client';
import { CorpusGenerator, FEED_COUNT, type BenchDoc, type SentencePool } from './corpus';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toArticle(doc: BenchDoc): Article {
  return {
    id: doc.id,
    feedId: doc.feedId,
    guid: doc.id,
    title: doc.title,
    authors: doc.authors,
    publishedAt: doc.publishedAt,
    fetchedAt: doc.publishedAt,
    contentHtml: `<p>${escapeHtml(doc.body)}</p>`,
    images: [],
    categories: [],
    unread: doc.unread ? 1 : 0,
    bookmarkedAt: doc.bookmarked ? doc.publishedAt : undefined,
    tags: [],
    lang: doc.lang,
    offline: 'complete',
  };
}

const scriptStart = performance.now();
let generator: CorpusGenerator | undefined;
let client: SearchClient | undefined;
const db = createDb();
const events: string[] = [];
let readyTimings: Record<string, number> = {};

async function corpus(): Promise<CorpusGenerator> {
  if (!generator) {
    const pool = (await (await fetch('/pool.json')).json()) as SentencePool;
    generator = new CorpusGenerator(pool);
  }
  return generator;
}

function startClient(): SearchClient {
  // The app's own worker, created as the app creates it.
  client = new SearchClient();
  client.on((event) => {
    if (event.event === 'ready') readyTimings = event.timings;
    if (event.event !== 'progress') events.push(JSON.stringify(event));
  });
  return client;
}

async function seed(from: number, to: number): Promise<number> {
  const started = performance.now();
  const gen = await corpus();
  if (from === 0) {
    const feeds: Feed[] = Array.from({ length: FEED_COUNT }, (_, i) => ({
      id: `feed-${i}`,
      url: `https://bench.invalid/feed-${i}`,
      title: `Bench feed ${i}`,
      createdAt: 0,
    }));
    await db.feeds.bulkPut(feeds);
  }
  for (let at = from; at < to; at += 1000) {
    const batch: Article[] = [];
    for (let i = at; i < Math.min(to, at + 1000); i++) batch.push(toArticle(gen.doc(i)));
    await db.articles.bulkPut(batch);
  }
  return performance.now() - started;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs `work` while searching in a loop; reports the searches' worst latency meanwhile. */
async function whileSearching<T>(work: () => Promise<T>, queries: string[]) {
  let done = false;
  const latencies: number[] = [];
  const searching = (async () => {
    for (let i = 0; !done; i++) {
      const started = performance.now();
      await client!.search(queries[i % queries.length]!, { prefixLast: false });
      latencies.push(performance.now() - started);
    }
  })();
  const result = await timed(work);
  done = true;
  await searching;
  return { ...result, searches: latencies.length, searchMaxMs: Math.max(0, ...latencies) };
}

const bench = {
  seed,
  startClient: () => {
    startClient();
    return true;
  },
  async status() {
    return client!.status();
  },
  async build() {
    return (await timed(() => client!.rebuild())).ms;
  },
  async query(text: string, prefix: boolean, snippets: boolean) {
    const { ms, value } = await timed(() => client!.search(text, { prefixLast: prefix, snippets }));
    return { ms, total: value.total, workerMs: value.tookMs, timings: value.timings };
  },
  /** Time from this page's navigation start to the first answer of a fresh worker. */
  async coldQuery(text: string, prefix: boolean) {
    const started = performance.now();
    startClient();
    const response = await client!.search(text, { prefixLast: prefix });
    return {
      sinceNavigationMs: performance.now(),
      sinceClientMs: performance.now() - started,
      scriptStartMs: scriptStart,
      workerMs: response.tookMs,
      timings: {
        ...response.timings,
        ...readyTimings,
        workerOriginMs: (readyTimings['workerOriginMs'] ?? 0) - performance.timeOrigin,
        workerCreatedAtMs: started,
      },
      total: response.total,
    };
  },
  async add(from: number, count: number, queries: string[]) {
    await seed(from, from + count);
    const ids = Array.from({ length: count }, (_, i) => `d${from + i}`);
    return whileSearching(() => client!.index(ids), queries);
  },
  async remove(ids: string[], queries: string[]) {
    await db.articles.bulkDelete(ids);
    return whileSearching(() => client!.remove(ids), queries);
  },
  async indexBytes() {
    const searchDb = createSearchDb();
    const bytes = await new IndexedDbStorage(searchDb).size();
    searchDb.close();
    return bytes;
  },
  async storageUsage() {
    const estimate = await navigator.storage.estimate();
    return estimate.usage ?? 0;
  },
  events: () => events.splice(0),
};

/**
 * A cold page (`?cold=<query>&prefix=1`) starts the worker and asks at once (the app starts its
 * worker when its UI first needs it, later than this), so the figure holds no harness latency
 * (Playwright's polling and round trip). With `library=1` it also opens the library database
 * meanwhile, as the app's first view does: the first IndexedDB request of a launch opens the
 * origin's store, whoever makes it, and that takes a while
 * (docs/bench/2026-11-28-search-cold-start.md).
 */
const coldParams = new URLSearchParams(location.search);
const coldText = coldParams.get('cold');
if (coldText !== null && coldParams.get('library') === '1') void db.open();
const coldAnswer =
  coldText === null ? undefined : bench.coldQuery(coldText, coldParams.get('prefix') === '1');

(window as unknown as { bench: typeof bench & { coldAnswer: () => typeof coldAnswer } }).bench = {
  ...bench,
  coldAnswer: () => coldAnswer,
};
document.title = 'ready';
