import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexDocument } from '@search-engine/core/document';
import { SearchEngine } from '@search-engine/core/engine';
import { compileQuery, prepareDocument } from '@search-engine/core/matcher';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import { queryText, WORDS } from '../../../fixtures/query-text';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';
import { DAY, NOW, article } from './helpers';

const TARGET = 'search-engine/core/matcher';

/** The fuzzed words plus stopwords, so stopword dropping and phrases through them are tried. */
const VOCABULARY = [...WORDS, 'the', 'of', 'who'];

const words = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...VOCABULARY), { minLength: min, maxLength: max })
    .map((w) => w.join(' '));

const FEEDS = new Map([
  ['feed-1', 'The Guardian World'],
  ['feed-2', 'Japan Times'],
  ['feed-3', 'Premier League'],
]);

const doc = (id: string) =>
  fc
    .record({
      title: words(1, 4),
      body: words(0, 14),
      feedId: fc.constantFrom('feed-1', 'feed-2', 'feed-3'),
      feedTitle: fc.constantFrom(undefined, 'The Guardian World', 'Japan Times'),
      authors: fc.array(fc.constantFrom('Jane Doe', 'Ishiba', 'Echo Delta'), { maxLength: 2 }),
      tags: fc.array(fc.constantFrom('Japan', 'Politics', 'alpha'), { maxLength: 2 }),
      lang: fc.constantFrom('en', 'en-GB', 'ja', 'EN-us', undefined),
      // Around before:2024-05-31 and after:2024 in the fuzzed queries, to the minute.
      publishedAt: fc.oneof(
        fc.integer({ min: 0, max: 800 }).map((days) => NOW - days * DAY),
        fc
          .integer({ min: -3, max: 3 })
          .map((minutes) => new Date(2024, 4, 31).getTime() + minutes * 30_000),
        fc
          .integer({ min: -3, max: 3 })
          .map((minutes) => new Date(2024, 0, 1).getTime() + minutes * 30_000),
      ),
      unread: fc.constantFrom(0 as const, 1 as const),
      bookmarked: fc.boolean(),
    })
    .map((r): IndexDocument =>
      article(id, {
        title: r.title,
        body: r.body,
        feedId: r.feedId,
        feedTitle: r.feedTitle,
        authors: r.authors,
        tags: r.tags,
        lang: r.lang,
        publishedAt: r.publishedAt,
        unread: r.unread,
        bookmarkedAt: r.bookmarked ? NOW - DAY : undefined,
      }),
    );

const library = fc
  .integer({ min: 1, max: 10 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => doc(`doc-${i}`))));

/** Queries built from the documents' own words (so they often match) and from anything. */
const atom = fc.oneof(
  fc.constantFrom(...VOCABULARY),
  fc.constantFrom(...VOCABULARY).map((w) => `-${w}`),
  words(2, 3).map((w) => `"${w}"`),
  words(1, 2).map((w) => `-"${w}"`),
  fc.constantFrom(
    'OR',
    'feed:feed-2',
    'feed:japan',
    'feed:"guardian world"',
    'feed:nowhere',
    'lang:en',
    'lang:en-gb',
    'author:"jane doe"',
    'author:ishiba',
    'tag:japan',
    'tag:alpha',
    'is:unread',
    'is:read',
    '-is:bookmarked',
    'before:2024-05-31',
    'after:2024',
  ),
);
const query = fc.oneof(
  { weight: 3, arbitrary: fc.array(atom, { maxLength: 5 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: queryText },
);

describe('the rule matcher under fuzzing', () => {
  it('matches what an exact search finds', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'matcher and engine (exact) agree on every document',
      fc.asyncProperty(
        library,
        fc.array(query, { minLength: 1, maxLength: 4 }),
        async (docs, queries) => {
          const engine = await SearchEngine.open(new MemoryStorage());
          await engine.upsert(docs);
          const prepared = docs.map((d) => ({ id: d.id, doc: prepareDocument(d) }));
          for (const text of queries) {
            const result = await engine.search(
              { query: text, exact: true, limit: 1000, now: NOW },
              { feedTitles: FEEDS },
            );
            const compiled = compileQuery(text);
            const matched = prepared
              .filter(({ doc: d }) => compiled.matches(d, { feedTitles: FEEDS }))
              .map(({ id }) => id)
              .sort();
            expect(result.hits.map((hit) => hit.articleId).sort(), text).toEqual(matched);
          }
        },
      ),
    );
  });
});
