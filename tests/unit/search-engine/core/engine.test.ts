import { describe, expect, it } from 'vitest';
import { FLAG_LIVE } from '@search-engine/core/doc-columns';
import { SearchEngine } from '@search-engine/core/engine';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import { PURGE_EXPUNGE_RATIO } from '@search-engine/core/merge-policy';
import { DAY, NOW, article, engineWith } from './helpers';

const corpus = [
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
    publishedAt: NOW - 40 * DAY,
    lang: 'en-GB',
  }),
  article('minister', {
    title: 'Minister resigns',
    body: 'The finance minister resigned; the prime of his career was over, colleagues said.',
    bookmarkedAt: NOW - DAY,
    unread: 0,
    lang: 'en',
  }),
  article('korea', {
    title: '이재명 대통령, 기자회견 열어',
    body: '이재명 대통령은 오늘 기자회견에서 경제 정책을 발표했다.',
    lang: 'ko',
  }),
  article('china', { title: '美国总统访问北京', body: '总统今天在北京发表讲话。', lang: 'zh' }),
  article('japan', { title: '石破茂首相が会見', body: '石破首相は記者会見で語った。', lang: 'ja' }),
  article('russia', {
    title: 'Премьер-министр выступил',
    body: 'Премьер-министр заявил о бюджете.',
    lang: 'ru',
  }),
  article('greek', {
    title: 'Ο πρωθυπουργός μίλησε',
    body: 'Η κυβέρνηση ανακοίνωσε μέτρα.',
    lang: 'el',
  }),
  article('arabic', {
    title: 'رئيس الوزراء يتحدث',
    body: 'أعلنت الحكومة عن الميزانية',
    lang: 'ar',
  }),
  article('hebrew', { title: 'ראש הממשלה נאם', body: 'הממשלה הודיעה על התקציב', lang: 'he' }),
  article('thai', {
    title: 'นายกรัฐมนตรีแถลงข่าว',
    body: 'กรุงเทพมหานครเป็นเมืองหลวงของประเทศไทย',
    lang: 'th',
  }),
];

describe('search engine: query language', () => {
  it('ANDs words, stems and folds', async () => {
    const { search } = await engineWith(corpus);
    expect((await search('ishiba remorse')).ids).toEqual(['ishiba']);
    expect((await search('ISHIBA’S REMORSEFUL', { prefixLast: false })).ids).toEqual(['ishiba']);
    expect((await search('apologises ishiba ')).ids).toEqual(['ishiba']);
    expect((await search('councils budgets ')).ids).toEqual(['budget']);
  });

  it('completes the last word while typing', async () => {
    const { search } = await engineWith(corpus);
    expect((await search('ishiba remo')).ids).toEqual(['ishiba']);
    expect((await search('ishiba remo ')).notes).toContain(
      'No article has every word; showing those with most of them.',
    );
    expect((await search('counc')).ids).toEqual(['budget']);
  });

  it('tolerates one typo in words of five letters or more', async () => {
    const { search } = await engineWith(corpus);
    const result = await search('minsiter ');
    expect(result.ids.sort()).toEqual(['ishiba', 'minister']);
    expect(result.notes[0]).toMatch(/No article has "minsiter"/);
    expect((await search('budgte ')).ids).toEqual(['budget']);
    expect((await search('bugdte ')).ids).toEqual([]);
  });

  it('supports OR, exclusions and phrases', async () => {
    const { search } = await engineWith(corpus);
    expect((await search('ishiba OR council ')).ids.sort()).toEqual(['budget', 'ishiba']);
    expect((await search('minister -ishiba ')).ids).toEqual(['minister']);
    expect((await search('"prime minister"')).ids).toEqual(['ishiba']);
    expect((await search('prime minister ')).ids.sort()).toEqual(['ishiba', 'minister']);
    expect((await search('minister -"prime minister"')).ids).toEqual(['minister']);
  });

  it('drops stopwords a query does not need', async () => {
    const { search } = await engineWith(corpus);
    expect((await search('that piece about the ishiba remorse ')).ids).toEqual(['ishiba']);
  });

  it('falls back to most of the words when no article has them all', async () => {
    const { search } = await engineWith(corpus);
    const result = await search('ishiba remorse volcano ');
    expect(result.ids).toEqual(['ishiba']);
    expect(result.notes).toContain('No article has every word; showing those with most of them.');
  });

  it('applies field filters', async () => {
    const { search } = await engineWith(corpus);
    expect((await search('author:mccurry')).ids).toEqual(['ishiba']);
    expect((await search('author:"jane doe" budget')).ids).toEqual(['budget']);
    expect((await search('tag:japan')).ids).toEqual(['ishiba']);
    expect((await search('tag:politics minister')).ids).toEqual(['ishiba']);
    expect((await search('feed:japan minister')).ids).toEqual(['ishiba']);
    expect((await search('feed:guardian minister')).ids).toEqual(['minister']);
    expect((await search('is:bookmarked')).ids).toEqual(['minister']);
    expect((await search('is:unread minister')).ids).toEqual(['ishiba']);
    expect((await search('is:read')).ids).toEqual(['minister']);
    expect((await search('lang:en budget OR minister')).ids.sort()).toEqual([
      'budget',
      'ishiba',
      'minister',
    ]);
    expect((await search('lang:ko')).ids).toEqual(['korea']);
    const before = new Date(NOW - 10 * DAY).toISOString().slice(0, 10);
    expect((await search(`before:${before}`)).ids).toEqual(['budget']);
    expect((await search(`after:${before} council`)).ids).toEqual([]);
  });

  it('finds CJK, Thai, Cyrillic, Greek, Arabic and Hebrew words', async () => {
    const { search } = await engineWith(corpus);
    expect((await search('이재명')).ids).toEqual(['korea']);
    expect((await search('总统')).ids).toEqual(['china']);
    expect((await search('石破')).ids).toEqual(['japan']);
    expect((await search('石')).ids).toEqual(['japan']);
    // One character is found inside a word too (讲话 ends with it), not only where it stands alone.
    expect((await search('话')).ids).toEqual(['china']);
    expect((await search('กรุงเทพ')).ids).toEqual(['thai']);
    expect((await search('премьер')).ids).toEqual(['russia']);
    expect((await search('κυβερνηση')).ids).toEqual(['greek']);
    expect((await search('الحكومة')).ids).toEqual(['arabic']);
    expect((await search('הממשלה')).ids).toEqual(['hebrew']);
  });

  it('says what it ignored and still searches', async () => {
    const { search } = await engineWith(corpus);
    const lone = await search('"ishiba remorse');
    expect(lone.ids).toEqual(['ishiba']);
    expect(lone.notes).toHaveLength(1);
    const date = await search('before:tomorrowish ishiba');
    expect(date.ids).toEqual(['ishiba']);
    expect(date.notes).toEqual(['Ignored before:tomorrowish: dates look like 2024-05-31.']);
  });

  it('returns nothing for an empty query', async () => {
    const { search } = await engineWith(corpus);
    expect(await search('   ')).toMatchObject({ total: 0, ids: [] });
  });
});

describe('search engine: ranking', () => {
  it('gives the same top 20 whether or not hopeless candidates are skipped', async () => {
    // Scores spread by term frequency, age, bookmarks and title matches, so that boosts reorder
    // near-ties and candidates are skipped for not reaching the 20th best even when boosted.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const articles = Array.from({ length: 400 }, (_, i) =>
      article(`a${i}`, {
        title: next() < 0.2 ? `harbour news ${i}` : `story ${i}`,
        body: `${'harbour '.repeat(1 + Math.floor(next() * 6))}${'filler words '.repeat(Math.floor(next() * 40))}`,
        publishedAt: NOW - Math.floor(next() * 120) * DAY,
        bookmarkedAt: next() < 0.2 ? NOW : undefined,
        unread: next() < 0.5 ? 1 : 0,
      }),
    );
    const { search } = await engineWith(articles);
    // One word, words (scored through an intersection), and a filter (no floor before it).
    for (const query of ['harbour', 'harbour filler', 'harbour is:unread']) {
      const top20 = await search(query, { limit: 20 });
      const top200 = await search(query, { limit: 200 });
      // With room for every candidate, none can be skipped.
      const all = await search(query, { limit: 400 });
      expect(all.hits.length).toBe(all.total);
      expect(all.total).toBeGreaterThan(150);
      expect(top20.total).toBe(all.total);
      expect(top20.hits).toEqual(all.hits.slice(0, 20));
      expect(top200.hits).toEqual(all.hits.slice(0, 200));
    }
  });
});

describe('search engine: updates', () => {
  it('re-indexes changed articles and only updates flags of unchanged ones', async () => {
    const { engine, search, put } = await engineWith(corpus.slice(0, 3));
    const changed = { ...corpus[1]!, contentHtml: '<p>Now about a volcano instead.</p>' };
    const read = { ...corpus[0]!, unread: 0 as const };
    expect(await put([changed, read])).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect((await search('volcano ')).ids).toEqual(['budget']);
    expect((await search('repairs ')).ids).toEqual([]);
    expect((await search('is:unread')).ids).toEqual(['budget']);
    expect(engine.docCount).toBe(3);
  });

  it('removes articles at once and purges them from segments on merge', async () => {
    const storage = new MemoryStorage();
    const { engine, search } = await engineWith(corpus, {}, storage);
    expect(await engine.remove(['ishiba', 'korea', 'nope'])).toBe(2);
    expect((await search('ishiba ')).ids).toEqual([]);
    expect((await search('이재명')).ids).toEqual([]);
    expect(engine.docCount).toBe(corpus.length - 2);
    await engine.remove(corpus.slice(2, 8).map((a) => a.id));
    expect(await engine.merge()).toBeGreaterThan(0);
    expect((await search('budget ')).ids).toEqual(['budget']);
  });

  it('after a purge, expunges every segment past PURGE_EXPUNGE_RATIO and answers the same', async () => {
    const storage = new MemoryStorage();
    const engine = await SearchEngine.open(storage, { mergeFactor: 8 });
    // Four segments of 40; a purge takes every third article of each (a third of each).
    const docs = Array.from({ length: 160 }, (_, i) =>
      article(`a${i}`, { body: `harbour ${i % 2 ? 'ferry' : 'tram'} word${i}` }),
    );
    for (let s = 0; s < 4; s++) await engine.upsert(docs.slice(s * 40, s * 40 + 40));
    const doomed = docs.filter((_, i) => i % 3 === 0).map((d) => d.id);
    expect(await engine.remove(doomed)).toBe(54);
    const ask = async (query: string) =>
      (await engine.search({ query, now: NOW, limit: 200 })).hits.map((hit) => hit.articleId);
    const before = await Promise.all(['harbour', 'ferry', 'tram', 'word7 ', 'word9 '].map(ask));
    const bytesBefore = await storage.size();
    // The routine pass leaves a third of every segment removed: under EXPUNGE_RATIO.
    expect(await engine.merge()).toBe(0);
    expect(engine.removedInSegments).toBe(54);
    expect(await engine.merge({ expungeRatio: PURGE_EXPUNGE_RATIO })).toBe(4);
    expect(engine.removedInSegments).toBe(0);
    expect(engine.segmentCount).toBe(4);
    expect(await storage.size()).toBeLessThan(bytesBefore * 0.8);
    expect(await Promise.all(['harbour', 'ferry', 'tram', 'word7 ', 'word9 '].map(ask))).toEqual(
      before,
    );
    expect(await ask('word9 ')).toEqual([]);
    expect(await ask('word7 ')).toEqual(['a7']);
    // And after a reopen, from storage alone.
    const reopened = await SearchEngine.open(storage, { mergeFactor: 8 });
    expect(reopened.removedInSegments).toBe(0);
    expect(reopened.docCount).toBe(106);
  });

  it('drops a segment all of whose documents were purged', async () => {
    const storage = new MemoryStorage();
    const engine = await SearchEngine.open(storage);
    const docs = Array.from({ length: 20 }, (_, i) => article(`b${i}`, { body: `quay ${i}` }));
    await engine.upsert(docs.slice(0, 10));
    await engine.upsert(docs.slice(10));
    const pagesBefore = storage.pageCount;
    await engine.remove(docs.slice(0, 10).map((d) => d.id));
    expect(await engine.merge({ expungeRatio: PURGE_EXPUNGE_RATIO })).toBe(1);
    expect(engine.segmentCount).toBe(1);
    expect(storage.pageCount).toBeLessThan(pagesBefore);
    expect((await engine.search({ query: 'quay', now: NOW, limit: 50 })).total).toBe(10);
  });

  it('merges one segment per queued write: an upsert made meanwhile does not wait for the pass', async () => {
    const engine = await SearchEngine.open(new MemoryStorage(), { mergeFactor: 8 });
    const docs = Array.from({ length: 60 }, (_, i) => article(`c${i}`, { body: `pier ${i}` }));
    for (let s = 0; s < 3; s++) await engine.upsert(docs.slice(s * 20, s * 20 + 20));
    await engine.remove(docs.filter((_, i) => i % 2 === 0).map((d) => d.id));
    const order: string[] = [];
    const pass = engine
      .merge({ expungeRatio: PURGE_EXPUNGE_RATIO })
      .then((merges) => order.push(`merge:${merges}`));
    // Queued behind the first rewrite only.
    const write = engine
      .upsert([article('late', { body: 'pier late' })])
      .then(() => order.push('upsert'));
    await Promise.all([pass, write]);
    expect(order).toEqual(['upsert', 'merge:3']);
    expect(engine.removedInSegments).toBe(0);
    expect((await engine.search({ query: 'pier', now: NOW, limit: 50 })).total).toBe(31);
  });

  it('merges many small segments into one and frees their pages', async () => {
    const storage = new MemoryStorage();
    const engine = await SearchEngine.open(storage, { mergeFactor: 4 });
    for (let i = 0; i < 16; i++)
      await engine.upsert([article(`a${i}`, { body: `harbour number${i}` })]);
    expect(engine.segmentCount).toBe(16);
    await engine.merge();
    expect(engine.segmentCount).toBeLessThanOrEqual(4);
    await engine.idle();
    const result = await engine.search({ query: 'harbour ', now: NOW, limit: 100 });
    expect(result.total).toBe(16);
    const only = await engine.search({ query: 'number7 ', now: NOW });
    expect(only.hits.map((hit) => hit.articleId)).toEqual(['a7']);
    // Positions survive the merge.
    const phrase = await engine.search({ query: '"harbour number7"', now: NOW });
    expect(phrase.hits.map((hit) => hit.articleId)).toEqual(['a7']);
    expect((await engine.search({ query: '"number7 harbour"', now: NOW })).total).toBe(0);
    const live = await SearchEngine.open(storage);
    expect((await live.search({ query: 'harbour ', now: NOW })).total).toBe(16);
    // Each small segment: one postings page, one positions page, one dictionary block.
    expect(storage.pageCount).toBe(live.segmentCount * 3);
  });

  it('survives a reopen: the index is persisted, not rebuilt', async () => {
    const storage = new MemoryStorage();
    await engineWith(corpus, {}, storage);
    const reopened = await SearchEngine.open(storage);
    expect(reopened.needsRebuild).toBe(false);
    expect(reopened.docCount).toBe(corpus.length);
    const result = await reopened.search({ query: 'ishiba', now: NOW });
    expect(result.hits.map((hit) => hit.articleId)).toEqual(['ishiba']);
  });

  it('leaves memory as stored when a commit fails', async () => {
    const storage = new MemoryStorage();
    const { engine, search } = await engineWith(corpus.slice(0, 2), {}, storage);
    storage.beforeCommit = () => {
      throw new Error('disk full');
    };
    await expect(engine.upsert([article('new', { body: 'volcano' })])).rejects.toThrow('disk full');
    await expect(engine.remove(['ishiba'])).rejects.toThrow('disk full');
    storage.beforeCommit = undefined;
    expect((await search('volcano ')).ids).toEqual([]);
    expect((await search('ishiba ')).ids).toEqual(['ishiba']);
    expect(engine.docCount).toBe(2);
    await engine.upsert([article('new', { body: 'volcano' })]);
    expect((await search('volcano ')).ids).toEqual(['new']);
  });

  it('rebuilds from a stream of batches in several segments', async () => {
    const storage = new MemoryStorage();
    const engine = await SearchEngine.open(storage, { segmentDocs: 4 });
    const progress: number[] = [];
    const count = await engine.rebuild(
      (async function* () {
        yield corpus.slice(0, 5);
        yield corpus.slice(5);
      })(),
      (n) => progress.push(n),
    );
    expect(count).toBe(corpus.length);
    expect(progress).toEqual([5, corpus.length]);
    expect(engine.segmentCount).toBe(3);
    expect((await engine.search({ query: '总统', now: NOW })).total).toBe(1);
    expect(engine.needsRebuild).toBe(false);
  });

  it('flags an interrupted rebuild for redoing', async () => {
    const storage = new MemoryStorage();
    const engine = await SearchEngine.open(storage, { segmentDocs: 2 });
    await expect(
      engine.rebuild(
        (async function* () {
          yield corpus.slice(0, 4);
          throw new Error('page closed');
        })(),
      ),
    ).rejects.toThrow('page closed');
    const reopened = await SearchEngine.open(storage);
    expect(reopened.needsRebuild).toBe(true);
  });

  it('opens before its columns arrive: a search and a write wait for them, not the open', async () => {
    const storage = new MemoryStorage();
    await engineWith(corpus, {}, storage);
    let deliver!: () => void;
    const arrived = new Promise<void>((resolve) => (deliver = resolve));
    const load = storage.load.bind(storage);
    storage.load = async () => {
      const loaded = await load();
      return { ...loaded, columns: arrived.then(() => loaded.columns) };
    };
    const reopened = await SearchEngine.open(storage);
    expect(reopened.docCount).toBe(corpus.length);
    let searched = false;
    const search = reopened.search({ query: 'ishiba', now: NOW }).then((result) => {
      searched = true;
      return result;
    });
    const write = reopened.upsert([article('late', { body: 'volcano' })]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(searched).toBe(false);
    deliver();
    expect((await search).hits.map((hit) => hit.articleId)).toEqual(['ishiba']);
    expect((await write).added).toBe(1);
    // The write kept the loaded columns: every earlier article is still there and live.
    const again = await SearchEngine.open(storage);
    expect((await again.search({ query: 'ishiba', now: NOW })).total).toBe(1);
    expect((await again.search({ query: 'volcano', now: NOW })).total).toBe(1);
    expect(again.docCount).toBe(corpus.length + 1);
  });

  it('fails searches and writes, and stores nothing, when its columns cannot be read', async () => {
    const storage = new MemoryStorage();
    await engineWith(corpus, {}, storage);
    const load = storage.load.bind(storage);
    storage.load = async () => ({
      ...(await load()),
      columns: Promise.reject(new Error('columns unreadable')),
    });
    const reopened = await SearchEngine.open(storage);
    await expect(reopened.search({ query: 'ishiba', now: NOW })).rejects.toThrow(
      'columns unreadable',
    );
    await expect(reopened.upsert([article('late', { body: 'volcano' })])).rejects.toThrow(
      'columns unreadable',
    );
    await expect(reopened.allDocs()).rejects.toThrow('columns unreadable');
    storage.load = load;
    const healthy = await SearchEngine.open(storage);
    expect((await healthy.search({ query: 'ishiba', now: NOW })).total).toBe(1);
    expect((await healthy.search({ query: 'volcano', now: NOW })).total).toBe(0);
  });

  it('keeps answering queries while writes run', async () => {
    const { engine, search } = await engineWith(corpus);
    const writes = engine.upsert(
      Array.from({ length: 50 }, (_, i) => article(`sync${i}`, { body: `harbour ${i}` })),
    );
    const during = await search('ishiba ');
    expect(during.ids).toEqual(['ishiba']);
    await writes;
    expect((await search('harbour ', { limit: 100 })).total).toBe(50);
    expect(engine.docFlags((await engine.allDocs())[0]!.docId) & FLAG_LIVE).toBe(FLAG_LIVE);
  });
});
