import { afterEach, describe, expect, it } from 'vitest';
import type { Article, Feed } from '@renderer/db/entities';
import type { Dexie } from 'dexie';
import { lazyHandle } from '@search-engine/idb/database-handle';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { createSearchDb } from '@search-engine/idb/index-db';
import type { SearchDb } from '@search-engine/idb/search-db-versions';
import type { SearchResponse, WorkerRequest } from '@renderer/search/protocol';
import { SearchService } from '@renderer/search/search-service';
import { inProcessClient } from './helpers';

const opened: { app: BroadsheetDb; search: SearchDb; services: SearchService[] }[] = [];

afterEach(async () => {
  for (const { app, search, services } of opened.splice(0)) {
    services.forEach((service) => service.close());
    app.close();
    search.close();
    await app.delete();
    await search.delete();
  }
});

const NOW = Date.UTC(2025, 0, 15);

const feed: Feed = {
  id: 'f1',
  url: 'https://news.example/feed',
  title: 'Japan Times',
  createdAt: NOW,
};

function stored(id: string, title: string, text: string, extra: Partial<Article> = {}): Article {
  return {
    id: `f1|${id}`,
    feedId: 'f1',
    guid: id,
    title,
    authors: ['Justin McCurry'],
    publishedAt: NOW - 86_400_000,
    fetchedAt: NOW - 86_400_000,
    contentHtml: `<p>${text}</p>`,
    images: [],
    categories: [],
    unread: 1,
    tags: [],
    offline: 'complete',
    ...extra,
  };
}

const articles = [
  stored('a', 'Ishiba apologises', 'Shigeru Ishiba expressed remorse over the slush fund affair.'),
  stored('b', 'Budget passes', 'The council approved the annual budget after a long debate.'),
  stored('c', '이재명 대통령 기자회견', '이재명 대통령은 오늘 기자회견에서 경제 정책을 발표했다.'),
];

async function setup(seed: Article[] = articles) {
  const suffix = Math.random().toString(36).slice(2);
  const app = createDb(`app-${suffix}`);
  const search = createSearchDb(`search-${suffix}`);
  const entry = { app, search, services: [] as SearchService[] };
  const readyTimings: Record<string, number>[] = [];
  opened.push(entry);
  await app.feeds.put(feed);
  await app.articles.bulkPut(seed);
  const open = async () => {
    const service = await SearchService.open({
      appDb: app,
      searchDb: search,
      mergeDelayMs: 5,
      checkDelayMs: 0,
      emit: (event) => {
        if (event.event === 'ready') readyTimings.push(event.timings);
      },
    });
    entry.services.push(service);
    await service.ready;
    return service;
  };
  return { app, search, open, readyTimings };
}

let requestId = 1;
async function find(service: SearchService, query: string) {
  const response = await service.handle({ id: requestId++, method: 'search', params: { query } });
  if (!response.ok) throw new Error(response.error.message);
  const value = response.value as { results: { articleId: string }[] };
  return value.results.map((result) => result.articleId);
}

describe('search service (worker logic) over IndexedDB', () => {
  it('builds the index at first start and answers with snippets and highlighted titles', async () => {
    const { open } = await setup();
    const service = await open();
    const response = await service.handle({
      id: requestId++,
      method: 'search',
      params: { query: 'ishiba remorse' },
    });
    expect(response).toMatchObject({ ok: true });
    const value = (response as { value: SearchResponse }).value;
    expect(value.total).toBe(1);
    expect(value.stale).toBe(false);
    expect(value.results[0]!.articleId).toBe('f1|a');
    expect(value.results[0]!.title).toEqual([
      { text: 'Ishiba', match: true },
      { text: ' apologises', match: false },
    ]);
    expect(value.results[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual([
      'Ishiba',
      'remorse',
    ]);
    expect(await find(service, '이재명')).toEqual(['f1|c']);
    expect(await find(service, 'feed:"japan times" budget')).toEqual(['f1|b']);
  });

  it('answers a search waiting at open before any warm-up, which then does not run', async () => {
    const { app, search, open } = await setup();
    (await open()).close();
    const service = await SearchService.open({
      appDb: app,
      searchDb: search,
      checkOnOpen: false,
      warmUp: true,
    });
    opened.at(-1)!.services.push(service);
    // Asked before the warm-up's first step could start, as a search typed at launch is.
    const found = find(service, 'budget');
    expect(await service.warmedUp).toEqual([]);
    expect(await found).toEqual(['f1|b']);
  });

  it('warms the query path up once open, and still answers the real index', async () => {
    const { app, search } = await setup();
    const service = await SearchService.open({
      appDb: app,
      searchDb: search,
      checkDelayMs: 0,
      warmUp: true,
    });
    opened.at(-1)!.services.push(service);
    await service.ready;
    const warmed = await service.warmedUp;
    // No search was waiting: it ran, and its made-up documents stay out of the real index.
    expect(warmed.length).toBeGreaterThan(0);
    expect(warmed.every((total) => total > 0)).toBe(true);
    expect(await find(service, 'budget')).toEqual(['f1|b']);
    expect(service.status().docs).toBe(3);
  });

  it('keeps the index across restarts instead of rebuilding it', async () => {
    const { open, readyTimings } = await setup();
    const first = await open();
    const generation = first.status().generation;
    first.close();
    const second = await open();
    // The first start created the index through Dexie; the second reads it without Dexie.
    expect(readyTimings.map((timings) => timings['load.plain'])).toEqual([0, 1]);
    expect(second.status().docs).toBe(3);
    expect(second.status().generation).toBe(generation);
    expect(await find(second, 'budget')).toEqual(['f1|b']);
  });

  it('answers a first search without loading Dexie once the databases exist', async () => {
    const { app, search, open } = await setup();
    (await open()).close();
    const loaded: string[] = [];
    const lazy = <T extends Dexie>(db: T) =>
      lazyHandle(db.name, db.verno, async () => {
        loaded.push(db.name);
        return db;
      });
    const service = await SearchService.open({
      appDb: lazy(app),
      searchDb: lazy(search),
      checkOnOpen: false,
    });
    expect(await find(service, 'budget')).toEqual(['f1|b']);
    expect(loaded).toEqual([]);
    // A write needs Dexie, and loads it.
    await service.handle({ id: requestId++, method: 'index', params: { ids: ['f1|a'] } });
    expect(loaded).toContain(search.name);
    service.close();
  });

  it('repairs after a crash between the article write and the index update', async () => {
    const { app, open } = await setup();
    (await open()).close();
    // The page wrote these and died before telling the index.
    await app.articles.put(stored('d', 'Volcano erupts', 'Lava reached the coast.'));
    await app.articles.delete('f1|b');
    await app.articles.update('f1|a', {
      contentHtml: '<p>Ishiba resigned after the election defeat.</p>',
      offline: 'pending',
    });
    await app.articles.update('f1|c', { unread: 0, bookmarkedAt: NOW });
    const service = await open();
    expect(await find(service, 'volcano')).toEqual(['f1|d']);
    expect(await find(service, 'budget')).toEqual([]);
    expect(await find(service, 'ishiba resigned')).toEqual(['f1|a']);
    expect(await find(service, 'remorse')).toEqual([]);
    expect(await find(service, 'is:bookmarked')).toEqual(['f1|c']);
    const check = await service.handle({ id: requestId++, method: 'check', params: {} });
    expect(check).toMatchObject({
      ok: true,
      value: { missing: 0, stale: 0, orphans: 0, flags: 0 },
    });
  });

  it('reports what a check found without repairing when asked', async () => {
    const { app, open } = await setup();
    const service = await open();
    await app.articles.put(stored('d', 'Volcano erupts', 'Lava.'));
    const check = await service.handle({
      id: requestId++,
      method: 'check',
      params: { repair: false },
    });
    expect(check).toMatchObject({ ok: true, value: { articles: 4, missing: 1, repaired: false } });
    expect(await find(service, 'volcano')).toEqual([]);
  });

  it('finds content changes no index shows with a deep check', async () => {
    const { app, open } = await setup();
    const service = await open();
    await app.articles.update('f1|b', { note: 'remember the pothole vote' });
    const check = await service.handle({
      id: requestId++,
      method: 'check',
      params: { deep: true },
    });
    expect(check).toMatchObject({ ok: true, value: { stale: 1 } });
    expect(await find(service, 'pothole')).toEqual(['f1|b']);
  });

  it('indexes by id, updates flags, and drops ids that no longer exist', async () => {
    const { app, open } = await setup();
    const service = await open();
    await app.articles.put(stored('e', 'Typhoon nears Okinawa', 'Winds of 200 km/h.'));
    await app.articles.update('f1|a', { unread: 0 });
    await app.articles.delete('f1|b');
    const response = await service.handle({
      id: requestId++,
      method: 'index',
      params: { ids: ['f1|e', 'f1|a', 'f1|b'] },
    });
    expect(response).toMatchObject({
      ok: true,
      value: { added: 1, updated: 0, unchanged: 1, missing: 1 },
    });
    expect(await find(service, 'typhoon')).toEqual(['f1|e']);
    expect(await find(service, 'is:unread ishiba')).toEqual([]);
    expect(await find(service, 'budget')).toEqual([]);
  });

  it('after removals, rewrites segments a tenth removed so their postings leave the disk', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      stored(`p${i}`, `Harbour report ${i}`, `The ferry timetable changed, part ${i}.`),
    );
    const { search, open } = await setup(many);
    const service = await open();
    const inSegments = async () =>
      (await search.segments.toArray()).reduce((sum, segment) => sum + segment.docCount, 0);
    expect(await inSegments()).toBe(30);
    // A third removed: under the background EXPUNGE_RATIO, over PURGE_EXPUNGE_RATIO.
    const ids = many.filter((_, i) => i % 3 === 0).map((article) => article.id);
    await service.handle({ id: requestId++, method: 'remove', params: { ids } });
    const until = Date.now() + 5_000;
    while ((await inSegments()) !== 20 && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await inSegments()).toBe(20);
    expect(await find(service, 'ferry')).toHaveLength(20);
  });

  it('rebuilds on request', async () => {
    const { open } = await setup();
    const service = await open();
    const response = await service.handle({ id: requestId++, method: 'rebuild', params: {} });
    expect(response).toMatchObject({ ok: true, value: { indexed: 3 } });
    expect(await find(service, 'budget')).toEqual(['f1|b']);
  });

  it('marks an older search stale once a newer one was asked', async () => {
    const { open } = await setup();
    const service = await open();
    const older = service.handle({ id: 1000, method: 'search', params: { query: 'ishiba' } });
    const newer = service.handle({ id: 1001, method: 'search', params: { query: 'budget' } });
    const [a, b] = await Promise.all([older, newer]);
    expect(a).toMatchObject({ ok: true, value: { stale: true, results: [] } });
    expect(b).toMatchObject({ ok: true, value: { stale: false } });
  });

  it('answers bad requests with an error, not a crash', async () => {
    const { open } = await setup();
    const service = await open();
    const response = await service.handle({
      id: 5,
      method: 'nope',
      params: {},
    } as unknown as WorkerRequest);
    expect(response).toMatchObject({ id: 5, ok: false, error: { code: 'internal' } });
  });
});

describe('rule preview', () => {
  it('counts the stored articles a rule would match, newest first, exactly as the rule matches', async () => {
    const { open } = await setup([
      ...articles,
      stored('d', 'Budget talks', 'Ministers meet over the budget.', { publishedAt: NOW }),
    ]);
    const client = inProcessClient(await open());
    expect(await client.preview('budget', 5)).toEqual({
      total: 2,
      ids: ['f1|d', 'f1|b'],
      notes: [],
    });
    expect(await client.preview('budget', 1)).toMatchObject({ total: 2, ids: ['f1|d'] });
    // A rule's last word is whole: "budg" is no prefix, and no spelling a typo away is tried.
    expect((await client.search('budg')).total).toBe(2);
    expect(await client.preview('budg')).toMatchObject({ total: 0, ids: [] });
    expect(await client.preview('feed:"japan times" ishiba')).toMatchObject({
      total: 1,
      ids: ['f1|a'],
    });
    expect(await client.preview('is:nope')).toEqual({
      total: 0,
      ids: [],
      notes: ['Ignored is:nope: use is:bookmarked, is:unread or is:read.'],
    });
  });
});

describe('search client', () => {
  it('talks to the worker by request id and flags superseded searches', async () => {
    const { open } = await setup();
    const service = await open();
    const client = inProcessClient(service);
    const first = client.search('ishi');
    const second = client.search('ishiba');
    expect((await first).stale).toBe(true);
    const latest = await second;
    expect(latest.stale).toBe(false);
    expect(latest.results.map((r) => r.articleId)).toEqual(['f1|a']);
    expect(await client.status()).toMatchObject({ docs: 3 });
    await expect(client.call('remove', { ids: ['f1|a'] })).resolves.toEqual({ removed: 1 });
    const pending = client.status();
    client.dispose();
    await expect(pending).rejects.toThrow('Search worker stopped');
  });
});
