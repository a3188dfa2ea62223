import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '@renderer/db/entities';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { ArticleSource } from '@renderer/search/article-source';
import { checkIndex } from '@renderer/search/repair';
import { SearchEngine } from '@search-engine/core/engine';
import { createSearchDb } from '@search-engine/idb/index-db';
import { toHandle } from '@search-engine/idb/database-handle';
import { IndexedDbStorage } from '@search-engine/idb/index-storage';
import type { SearchDb } from '@search-engine/idb/search-db-versions';

const opened: { app: BroadsheetDb; search: SearchDb }[] = [];

afterEach(async () => {
  for (const { app, search } of opened.splice(0)) {
    app.close();
    search.close();
    await app.delete();
    await search.delete();
  }
});

const NOW = Date.UTC(2026, 11, 6);

function article(guid: string, text: string): Article {
  return {
    id: `f1|${guid}`,
    feedId: 'f1',
    guid,
    title: text,
    authors: [],
    publishedAt: NOW,
    fetchedAt: NOW,
    contentHtml: `<p>${text}</p>`,
    images: [],
    categories: [],
    unread: 1,
    tags: [],
    offline: 'complete',
  };
}

async function setup() {
  const suffix = Math.random().toString(36).slice(2);
  const app = createDb(`repair-app-${suffix}`);
  const search = createSearchDb(`repair-search-${suffix}`);
  opened.push({ app, search });
  await app.feeds.put({ id: 'f1', url: 'https://news.example/feed', title: 'News', createdAt: 0 });
  await app.articles.bulkPut([article('a', 'council budget'), article('b', 'river flood')]);
  const source = new ArticleSource(toHandle(app));
  const engine = await SearchEngine.open(new IndexedDbStorage(search));
  await engine.upsert([...(await source.searchableByIds(['f1|a', 'f1|b'])).values()]);
  return { app, source, engine };
}

async function indexedIds(engine: SearchEngine): Promise<string[]> {
  return (await engine.allDocs()).map((row) => row.articleId).sort();
}

describe('checkIndex (the crash checker)', () => {
  it('keeps an article stored and indexed while it compared: it is not an orphan', async () => {
    const { app, source, engine } = await setup();
    // The kill -9 soak's finding: at start-up, a refresh resumed by the restarted page stores
    // an article and the index upkeep indexes it after the check listed the articles but
    // before it read the index. The check took it for an orphan and removed it, and nothing
    // indexed it again until the next start.
    const allDocs = engine.allDocs.bind(engine);
    engine.allDocs = async () => {
      await app.articles.put(article('c', 'volcano erupts'));
      await engine.upsert([...(await source.searchableByIds(['f1|c'])).values()]);
      return allDocs();
    };
    const report = await checkIndex(engine, source, {});
    engine.allDocs = allDocs;
    expect(report.orphans).toBe(0);
    expect(await indexedIds(engine)).toEqual(['f1|a', 'f1|b', 'f1|c']);
  });

  it('still removes what was indexed and is gone from the library', async () => {
    const { app, source, engine } = await setup();
    await app.articles.delete('f1|b');
    const report = await checkIndex(engine, source, {});
    expect(report).toMatchObject({ orphans: 1, repaired: true });
    expect(await indexedIds(engine)).toEqual(['f1|a']);
  });
});
