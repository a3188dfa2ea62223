/**
 * `feeds.fetch` end to end in main: the contract, the core's handler, a real fetch from the
 * loopback fixture server, parse and sanitize — with the cap on items per fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createCore, type Core } from '@main/core';
import { MAX_ITEMS_PER_FETCH } from '@shared/sync-model';
import { startFixtureServer, type FixtureServer } from '../../../fixture-server/server';

let server: FixtureServer;
let core: Core;
let dispatch: ReturnType<typeof createDispatcher>;

/** An RSS feed of n items dated one minute apart, oldest first; item i has guid `i<i>`. */
function feedOf(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `<item><guid>i${i}</guid><title>${i}</title>` +
      `<pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate>` +
      `<description>&lt;p&gt;${i}&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description></item>`,
  ).join('');
  return `<rss version="2.0"><channel><title>Many</title>${items}</channel></rss>`;
}

async function put(name: string, body: string): Promise<string> {
  const response = await fetch(`${server.url}/mutable/${name}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/rss+xml' },
    body,
  });
  expect(response.status).toBe(201);
  return `${server.url}/mutable/${name}`;
}

async function fetchedIds(params: { url: string; maxItems?: number }): Promise<string[]> {
  const answer = await dispatch('feeds.fetch', params);
  if (!answer.ok) throw new Error(answer.error.message);
  const result = answer.value as Awaited<ReturnType<Core['handlers']['feeds.fetch']>>;
  if (result.status !== 'ok') throw new Error('expected a feed');
  for (const item of result.feed.items) expect(item.summary).not.toContain('script');
  return result.feed.items.map((item) => item.id);
}

beforeAll(async () => {
  server = await startFixtureServer();
  core = createCore({
    net: { fetchFor: () => globalThis.fetch, isPrivateHost: async () => false },
    userAgent: 'Broadsheet-test',
    now: Date.now,
    appInfo: { name: 'Broadsheet', version: '0.0.0', host: 'browser', platform: 'linux' },
    emit: () => undefined,
  });
  dispatch = createDispatcher(core.handlers);
});

afterAll(async () => {
  core.scheduler.dispose();
  await server.close();
});

describe('feeds.fetch and the cap on items', () => {
  it('brings only the newest maxItems items the renderer asks for', async () => {
    const url = await put('forty', feedOf(40));
    expect(await fetchedIds({ url, maxItems: 3 })).toEqual(['i37', 'i38', 'i39']);
  });

  it('brings at most MAX_ITEMS_PER_FETCH when asked for no cap', async () => {
    const url = await put('huge', feedOf(MAX_ITEMS_PER_FETCH + 50));
    const ids = await fetchedIds({ url });
    expect(ids).toHaveLength(MAX_ITEMS_PER_FETCH);
    expect(ids[0]).toBe('i50');
    expect(ids.at(-1)).toBe(`i${MAX_ITEMS_PER_FETCH + 49}`);
  }, 60_000);

  it('refuses a cap outside 1…MAX_ITEMS_PER_FETCH at the contract', async () => {
    const url = `${server.url}/mutable/forty`;
    for (const maxItems of [0, MAX_ITEMS_PER_FETCH + 1, 2.5]) {
      const answer = await dispatch('feeds.fetch', { url, maxItems });
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    }
  });
});
