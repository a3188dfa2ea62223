import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexDocument } from '@search-engine/core/document';
import { SearchEngine } from '@search-engine/core/engine';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import type { SortMode } from '@search-engine/core/ranking';
import { queryText, WORDS } from '../../../fixtures/query-text';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';
import { DAY, NOW, article } from './helpers';

const TARGET = 'search-engine/core/engine';

const words = (max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: max }).map((w) => w.join(' '));

const doc = (id: string) =>
  fc
    .record({
      title: words(4),
      body: words(12),
      feedId: fc.constantFrom('feed-1', 'feed-2'),
      authors: fc.array(fc.constantFrom('Jane Doe', 'Ishiba'), { maxLength: 2 }),
      tags: fc.array(fc.constantFrom('Japan', 'Politics'), { maxLength: 2 }),
      lang: fc.constantFrom('en', 'ja', undefined),
      days: fc.integer({ min: 0, max: 800 }),
      unread: fc.constantFrom(0 as const, 1 as const),
      bookmarked: fc.boolean(),
    })
    .map((r): IndexDocument =>
      article(id, {
        title: r.title,
        body: r.body,
        feedId: r.feedId,
        authors: r.authors,
        tags: r.tags,
        lang: r.lang,
        publishedAt: NOW - r.days * DAY,
        unread: r.unread,
        bookmarkedAt: r.bookmarked ? NOW - DAY : undefined,
      }),
    );

/** One to eight documents, some of them removed again. */
const library = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: n }, (_, i) => doc(`doc-${i}`))),
      fc.subarray(Array.from({ length: n }, (_, i) => `doc-${i}`)),
    ),
  );

const FEEDS = new Map([
  ['feed-1', 'The Guardian World'],
  ['feed-2', 'Japan Times'],
]);

async function engineOf(docs: IndexDocument[], removed: string[]): Promise<SearchEngine> {
  const engine = await SearchEngine.open(new MemoryStorage());
  await engine.upsert(docs);
  if (removed.length) await engine.remove(removed);
  return engine;
}

describe('the search engine under fuzzing', () => {
  it('answers any query with stored documents only', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'never throws; hits are live documents, each once',
      fc.asyncProperty(
        library,
        queryText,
        fc.constantFrom<SortMode[]>('relevance', 'date'),
        fc.boolean(),
        async ([docs, removed], query, sort, prefixLast) => {
          const engine = await engineOf(docs, removed);
          const live = new Set(docs.map((d) => d.id).filter((id) => !removed.includes(id)));
          const result = await engine.search(
            { query, now: NOW, sort, prefixLast, limit: 50 },
            { feedTitles: FEEDS },
          );
          const ids = result.hits.map((hit) => hit.articleId);
          expect(ids.filter((id) => !live.has(id))).toEqual([]);
          expect(new Set(ids).size).toBe(ids.length);
          expect(result.total).toBeGreaterThanOrEqual(ids.length);
        },
      ),
    );
  });

  it('finds a live document by any word of its title', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'a title word finds its document unless removed',
      fc.asyncProperty(library, fc.nat(), fc.nat(), async ([docs, removed], pick, wordAt) => {
        const engine = await engineOf(docs, removed);
        const target = docs[pick % docs.length]!;
        const titleWords = target.title.split(' ');
        const word = titleWords[wordAt % titleWords.length]!;
        const result = await engine.search({ query: word, now: NOW, prefixLast: false, limit: 50 });
        const ids = result.hits.map((hit) => hit.articleId);
        expect(ids.includes(target.id)).toBe(!removed.includes(target.id));
      }),
    );
  });
});
