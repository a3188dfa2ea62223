import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedItem } from '@shared/feed-model';
import { trackArticleChanges } from '@renderer/db/article-changes';
import { articleId } from '@renderer/db/article-id';
import { addFeed, storeFetchResult, unsubscribeFeed } from '@renderer/db/feeds-repository';
import { markRead, setBookmarked } from '@renderer/db/articles-repository';
import {
  createHighlight,
  deleteHighlight,
  setHighlightNote,
} from '@renderer/db/highlights-repository';
import { purgeArticles } from '@renderer/db/retention-repository';
import { createDb, type BroadsheetDb } from '@renderer/db/schema';
import { IndexUpkeep } from '@renderer/pipeline/index-upkeep';
import { createSearchDb } from '@search-engine/idb/index-db';
import type { SearchDb } from '@search-engine/idb/search-db-versions';
import { SearchService } from '@renderer/search/search-service';
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

/** An app database whose writes reach a search index through the middleware and the upkeep. */
async function setup({ batchMs = 5 } = {}) {
  const suffix = Math.random().toString(36).slice(2);
  const app = createDb(`upkeep-app-${suffix}`);
  const search = createSearchDb(`upkeep-search-${suffix}`);
  // The worker reads the app database through a connection of its own, as in the app.
  const workerView = createDb(`upkeep-app-${suffix}`);
  const service = await SearchService.open({
    appDb: workerView,
    searchDb: search,
    checkOnOpen: false,
    mergeDelayMs: 5,
  });
  opened.push({ app, workerView, search, service });
  const client = inProcessClient(service);
  let flushes = 0;
  const upkeep = new IndexUpkeep(
    () => client,
    () => (flushes += 1),
    batchMs,
  );
  trackArticleChanges(app, (changes) => upkeep.add(changes));
  const find = async (query: string) => {
    await upkeep.settled();
    const response = await client.search(query, { prefixLast: false, sort: 'date' });
    return response.results.map((result) => result.articleId);
  };
  return { app, client, upkeep, find, flushes: () => flushes };
}

const item = (id: string, text: string, extra: Partial<ParsedItem> = {}) =>
  parsedItem(id, {
    title: `Story ${id}`,
    summary: `<p>${text}</p>`,
    published: Date.UTC(2025, 0, Number(id)),
    ...extra,
  });

describe('search index upkeep', () => {
  it('indexes what subscribing and syncing store, and follows changed text', async () => {
    const { app, find } = await setup();
    const feed = await addFeed('https://e.com/feed', fetched([item('1', 'walrus')]), 100, app);
    expect(await find('walrus')).toEqual([articleId(feed.id, '1')]);

    await storeFetchResult(
      feed.id,
      fetched([item('1', 'narwhal'), item('2', 'walrus and narwhal')]),
      200,
      app,
    );
    expect(await find('walrus')).toEqual([articleId(feed.id, '2')]);
    expect(await find('narwhal')).toEqual([articleId(feed.id, '2'), articleId(feed.id, '1')]);
  });

  it('follows bookmarks, reading, tags and notes', async () => {
    const { app, find } = await setup();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', 'walrus'), item('2', 'walrus')]),
      100,
      app,
    );
    const first = articleId(feed.id, '1');
    await setBookmarked(first, true, 200, app);
    expect(await find('walrus is:bookmarked')).toEqual([first]);
    await markRead(first, 300, app);
    expect(await find('walrus is:unread')).toEqual([articleId(feed.id, '2')]);
    await app.articles.update(first, { tags: ['arctic'] });
    expect(await find('tag:arctic')).toEqual([first]);
    await app.articles.update(articleId(feed.id, '2'), { note: 'tusks remembered' });
    expect(await find('tusks')).toEqual([articleId(feed.id, '2')]);
  });

  it('drops purged and unsubscribed articles', async () => {
    const { app, find } = await setup();
    const now = Date.UTC(2026, 10, 27);
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', 'walrus'), item('2', 'walrus'), item('3', 'walrus')]),
      now - 200 * 86_400_000,
      app,
    );
    await app.articles.update(articleId(feed.id, '3'), { fetchedAt: now });
    await setBookmarked(articleId(feed.id, '2'), true, now, app);
    await purgeArticles({ keepReadDays: 30, keepUnreadDays: 30, maxPerFeed: null }, now, app);
    expect(await find('walrus')).toEqual([articleId(feed.id, '3'), articleId(feed.id, '2')]);
    await unsubscribeFeed(feed.id, now, app);
    expect(await find('walrus')).toEqual([articleId(feed.id, '2')]);
  });

  it('compares and repairs after a write whose keys are unknown (clear)', async () => {
    const { app, find } = await setup();
    await addFeed('https://e.com/feed', fetched([item('1', 'walrus')]), 100, app);
    expect(await find('walrus')).toHaveLength(1);
    await app.articles.clear();
    expect(await find('walrus')).toEqual([]);
  });

  it('sends a burst of writes as one batch', async () => {
    // A window no busy machine outlasts: the two writes land in it, and find() sends the batch.
    const { app, find, flushes } = await setup({ batchMs: 60_000 });
    const feed = await addFeed('https://e.com/feed', fetched([item('1', 'walrus')]), 100, app);
    await find('walrus');
    const before = flushes();
    const id = articleId(feed.id, '1');
    await Promise.all([markRead(id, 1, app), setBookmarked(id, true, 2, app)]);
    expect(await find('walrus is:read is:bookmarked')).toEqual([id]);
    expect(flushes() - before).toBe(1);
  });

  it('finds an article by its highlights’ passages and notes, and forgets them when removed', async () => {
    const { app, find } = await setup();
    const feed = await addFeed(
      'https://e.com/feed',
      fetched([item('1', 'The walrus basked on the floe.'), item('2', 'Nothing here.')]),
      100,
      app,
    );
    const id = articleId(feed.id, '1');
    expect(await find('narwhal')).toEqual([]);
    const made = await createHighlight(
      id,
      { quote: 'walrus basked', prefix: 'The ', suffix: ' on the floe.' },
      200,
      app,
    );
    await setHighlightNote(made.id, 'Compare the narwhal chapter', 300, app);
    expect(await find('narwhal')).toEqual([id]);
    await deleteHighlight(made.id, 400, app);
    expect(await find('narwhal')).toEqual([]);
    expect(await find('walrus')).toEqual([id]);
  });
});
