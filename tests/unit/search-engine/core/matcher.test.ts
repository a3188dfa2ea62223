import { describe, expect, it } from 'vitest';
import type { IndexDocument } from '@search-engine/core/document';
import { compileQuery, prepareDocument } from '@search-engine/core/matcher';
import { DAY, NOW, article, engineWith } from './helpers';

const FEEDS = new Map([
  ['feed-1', 'The Guardian World'],
  ['feed-2', 'Japan Times'],
]);

const corpus: IndexDocument[] = [
  article('ishiba', {
    title: 'Ishiba apologises for party funding scandal',
    authors: ['Justin McCurry'],
    body: 'Japan’s prime minister Shigeru Ishiba expressed remorse on Tuesday over the slush fund affair.',
    tags: ['Japan', 'Politics'],
    lang: 'en',
    feedId: 'feed-2',
  }),
  article('budget', {
    title: 'Council passes annual budget',
    authors: ['Jane Doe'],
    body: 'The city council approved the budget after a long debate about road repairs.',
    publishedAt: Date.UTC(2024, 5, 3, 12),
    lang: 'en-GB',
    feedTitle: 'The Guardian World',
  }),
  article('minister', {
    title: 'Minister resigns',
    body: 'The finance minister resigned; the prime of his career was over, colleagues said.',
    bookmarkedAt: NOW - DAY,
    unread: 0,
    lang: 'en',
    publishedAt: Date.UTC(2023, 10, 20, 12),
  }),
  article('korea', {
    title: '이재명 대통령, 기자회견 열어',
    body: '이재명 대통령은 오늘 기자회견에서 경제 정책을 발표했다.',
    lang: 'ko',
    feedId: 'feed-2',
  }),
  article('japan', { title: '石破茂首相が会見', body: '石破首相は記者会見で語った。', lang: 'ja' }),
  article('who', { title: 'The Who play live', body: 'The band of the year.', lang: 'en' }),
  article('ministry', { title: 'Ministry budget cut', body: 'Councils warn of cuts.' }),
];

/** The matcher's ids and the engine's exact answer for the same query; they must agree. */
async function both(query: string): Promise<string[]> {
  const { engine } = await engineWith(corpus);
  const result = await engine.search(
    { query, exact: true, limit: 1000, now: NOW },
    { feedTitles: FEEDS },
  );
  const compiled = compileQuery(query);
  const matched = corpus
    .filter((doc) => compiled.matches(prepareDocument(doc), { feedTitles: FEEDS }))
    .map((doc) => doc.id)
    .sort();
  expect(result.hits.map((hit) => hit.articleId).sort()).toEqual(matched);
  expect(result.total).toBe(matched.length);
  return matched;
}

describe('the rule matcher agrees with exact search', () => {
  it('ANDs words, stemmed and folded, in any field', async () => {
    expect(await both('ISHIBA scandals')).toEqual(['ishiba']);
    expect(await both('budget')).toEqual(['budget', 'ministry']);
    expect(await both('mccurry')).toEqual(['ishiba']);
    expect(await both('guardian budget')).toEqual(['budget']);
  });

  it('takes the last word whole: no prefix, no typo spellings, no "most of the words"', async () => {
    expect(await both('budg')).toEqual([]);
    expect(await both('budgte')).toEqual([]);
    expect(await both('council budget zebra')).toEqual([]);
  });

  it('ORs alternatives and excludes words and phrases', async () => {
    expect(await both('ishiba OR resigns')).toEqual(['ishiba', 'minister']);
    expect(await both('budget -ministry')).toEqual(['budget']);
    expect(await both('minister -"prime minister"')).toEqual(['minister']);
    expect(await both('-budget -ishiba -minister -이재명 -石破')).toEqual(['who']);
  });

  it('checks phrases by position, and words of bigram scripts side by side', async () => {
    expect(await both('"prime minister"')).toEqual(['ishiba']);
    expect(await both('"minister prime"')).toEqual([]);
    expect(await both('"the prime"')).toEqual(['minister']);
    expect(await both('이재명')).toEqual(['korea']);
    expect(await both('石破')).toEqual(['japan']);
  });

  it('drops stopwords unless there is nothing else', async () => {
    expect(await both('the budget')).toEqual(['budget', 'ministry']);
    expect(await both('the who')).toEqual(['who']);
  });

  it('filters by feed id or title, language prefix, author, tag and state', async () => {
    expect(await both('feed:feed-2')).toEqual(['ishiba', 'korea']);
    expect(await both('feed:japan')).toEqual(['ishiba', 'korea']);
    expect(await both('feed:"guardian world" budget')).toEqual(['budget', 'ministry']);
    expect(await both('lang:en')).toEqual(['budget', 'ishiba', 'minister', 'who']);
    expect(await both('lang:en-gb')).toEqual(['budget']);
    expect(await both('author:"jane doe"')).toEqual(['budget']);
    expect(await both('tag:politics')).toEqual(['ishiba']);
    expect(await both('is:bookmarked')).toEqual(['minister']);
    expect(await both('is:read')).toEqual(['minister']);
    expect(await both('-is:read minister')).toEqual(['ishiba']);
  });

  it('filters by day: before excludes the day, after includes it', async () => {
    expect(await both('after:2024-06-03 budget')).toEqual(['budget', 'ministry']);
    expect(await both('before:2024-06-03 budget')).toEqual([]);
    expect(await both('before:2024 after:2023-11')).toEqual(['minister']);
  });

  it('matches nothing when there is nothing to go on', async () => {
    for (const query of ['', '   ', '!!!', '""', 'author:!!!', 'tag:"  "', 'OR']) {
      expect(compileQuery(query).empty).toBe(true);
      expect(await both(query)).toEqual([]);
    }
    expect(compileQuery('is:nope budget').notes).toEqual([
      'Ignored is:nope: use is:bookmarked, is:unread or is:read.',
    ]);
  });
});
