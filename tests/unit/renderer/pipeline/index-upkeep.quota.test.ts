/**
 * The search index on a full disk: articles are stored but the index cannot take them. What
 * failed goes back in the queue and reaches the index once there is room — with the next
 * write, or on a retry of its own — not only at the worker's next start.
 */
import Dexie, { type DBCore, type DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { trackArticleChanges } from '@renderer/db/article-changes';
import { articleId } from '@renderer/db/article-id';
import { addFeed, storeFetchResult } from '@renderer/db/feeds-repository';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { IndexUpkeep } from '@renderer/pipeline/index-upkeep';
import { SearchService } from '@renderer/search/search-service';
import { createSearchDb } from '@search-engine/idb/index-db';
import type { SearchDb } from '@search-engine/idb/search-db-versions';
import { fetchedFeed as fetched, parsedItem } from '../db/fixtures';
import { inProcessClient } from '../search/helpers';

const opened: {
  app: BroadsheetDb;
  workerView: BroadsheetDb;
  search: SearchDb;
  service: SearchService;
}[] = [];

afterEach(async () => {
  for (const { app, workerView, search, service } of opened.splice(0)) {
    service.close();
    workerView.close();
    app.close();
    search.close();
    await app.delete();
    await search.delete();
  }
});

/** Articles reach a search index whose writes fail, as on a full disk, while `disk.full`. */
async function setup(firstRetryMs: number) {
  const suffix = Math.random().toString(36).slice(2);
  const app = createDb(`upkeep-quota-app-${suffix}`);
  const search = createSearchDb(`upkeep-quota-search-${suffix}`);
  const disk = { full: false };
  search.use({
    stack: 'dbcore',
    name: 'FullDisk',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            disk.full
              ? Promise.reject(
                  new Dexie.AbortError(new DOMException('The disk is full.', 'QuotaExceededError')),
                )
              : table.mutate(req),
        };
      },
    }),
  });
  const workerView = createDb(`upkeep-quota-app-${suffix}`);
  const service = await SearchService.open({
    appDb: workerView,
    searchDb: search,
    checkOnOpen: false,
    mergeDelayMs: 5,
  });
  opened.push({ app, workerView, search, service });
  const client = inProcessClient(service);
  const upkeep = new IndexUpkeep(() => client, undefined, 5, firstRetryMs);
  trackArticleChanges(app, (changes) => upkeep.add(changes));
  /** What the index finds now, without waiting for the upkeep to settle. */
  const findNow = async (query: string) => {
    const response = await client.search(query, { prefixLast: false, sort: 'date' });
    return response.results.map((result) => result.articleId);
  };
  const find = async (query: string) => {
    await upkeep.settled();
    return findNow(query);
  };
  return { app, disk, find, findNow };
}

const item = (id: string, text: string) =>
  parsedItem(id, { title: `Story ${id}`, summary: `<p>${text}</p>` });
const quiet = () => {
  const warn = console.warn;
  console.warn = () => undefined;
  return () => (console.warn = warn);
};

describe('search index upkeep on a full disk', () => {
  it('sends what failed again with the next write once there is room', async () => {
    const { app, disk, find, findNow } = await setup(60_000);
    const feed = await addFeed('https://e.com/feed', fetched([item('1', 'walrus')]), 100, app);
    expect(await find('walrus')).toEqual([articleId(feed.id, '1')]);

    const restore = quiet();
    disk.full = true;
    await storeFetchResult(feed.id, fetched([item('1', 'walrus'), item('2', 'narwhal')]), 200, app);
    // What was indexed before is still found; the new article is not, yet.
    expect(await find('walrus')).toEqual([articleId(feed.id, '1')]);
    expect(await find('narwhal')).toEqual([]);
    restore();

    // Room again: an unrelated write a moment later carries the failed article with it,
    // without waiting a minute for the retry.
    disk.full = false;
    await app.articles.update(articleId(feed.id, '1'), { note: 'tusks' });
    await expect
      .poll(() => findNow('narwhal'), { timeout: 2000 })
      .toEqual([articleId(feed.id, '2')]);
    expect(await find('tusks')).toEqual([articleId(feed.id, '1')]);
  });

  it('tries again by itself when no other write comes', async () => {
    const { app, disk, find, findNow } = await setup(20);
    const restore = quiet();
    disk.full = true;
    const feed = await addFeed('https://e.com/feed', fetched([item('1', 'walrus')]), 100, app);
    expect(await find('walrus')).toEqual([]);
    restore();

    disk.full = false;
    await expect
      .poll(() => findNow('walrus'), { timeout: 3000 })
      .toEqual([articleId(feed.id, '1')]);
  });
});
