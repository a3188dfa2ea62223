import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeeds } from '@main/feeds/discover';
import type { FeedServiceDeps } from '@main/feeds/feed-service';
import { AppError } from '@shared/result';
// Loaded up front, as before main loaded it lazily (html/load-jsdom.ts): its load time on a busy
// machine is not what these tests time.
import 'jsdom';
import { startFixtureServer, type FixtureServer } from '../../../fixture-server/server';

const fixtures = path.resolve(__dirname, '../../../fixtures');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const RSS = fixture('feeds/sample-rss.xml');
const ATOM = fixture('feeds/sample-atom.xml');
const NO_LINKS = fixture('pages/discovery/no-links.html');
const GUESSES = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/index.xml', '/feed.json'];

const deps: FeedServiceDeps = {
  fetch: globalThis.fetch,
  userAgent: 'Broadsheet-test/1.0',
  now: () => Date.now(),
};

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('discoverFeeds against the fixture server', () => {
  let server: FixtureServer;
  const paths = () => server.requests.map((request) => request.path);

  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.requests.length = 0;
  });

  it('answers a feed URL with that feed alone, without looking further', async () => {
    const url = `${server.url}/fixtures/feeds/sample-rss.xml`;
    expect(await discoverFeeds(deps, url)).toEqual({
      feeds: [{ url, title: 'Sample RSS Feed', format: 'rss' }],
    });
    expect(paths()).toEqual(['/fixtures/feeds/sample-rss.xml']);
  });

  it('reports the final URL and the format of an Atom feed reached through a redirect', async () => {
    const target = `${server.url}/fixtures/feeds/sample-atom.xml`;
    const url = `${server.url}/redirect/302?to=${encodeURIComponent(target)}`;
    expect(await discoverFeeds(deps, url)).toEqual({
      feeds: [{ url: target, title: 'Sample Atom Feed', format: 'atom' }],
    });
  });

  it('lists a page’s alternate links, resolved against <base href>, without fetching them', async () => {
    const result = await discoverFeeds(
      deps,
      `${server.url}/fixtures/pages/discovery/two-links.html`,
    );
    expect(result).toEqual({
      feeds: [
        { url: `${server.url}/fixtures/feeds/sample-rss.xml`, title: 'Posts (RSS)', format: 'rss' },
        { url: 'https://feeds.example.test/atom.xml', title: 'Posts (Atom)', format: 'atom' },
      ],
    });
    expect(paths()).toEqual(['/fixtures/pages/discovery/two-links.html']);
  });

  it('keeps JSON Feed and RDF links, but not plain JSON APIs', async () => {
    const result = await discoverFeeds(
      deps,
      `${server.url}/fixtures/pages/discovery/json-feed-link.html`,
    );
    expect(result.feeds).toEqual([
      { url: `${server.url}/feed.json`, title: 'My JSON Feed', format: 'json' },
      { url: `${server.url}/other.json`, format: 'json' },
      { url: `${server.url}/index.rdf`, title: 'RDF', format: 'rdf' },
    ]);
  });

  it('drops links that are not web addresses, then tries the usual places', async () => {
    const page = '/fixtures/pages/discovery/javascript-link.html';
    const result = await discoverFeeds(deps, `${server.url}${page}`);
    expect(result.feeds).toEqual([]);
    const nearby = '/fixtures/pages/discovery/feed/';
    expect(paths()).toEqual([page, ...GUESSES, nearby]);
    expect(result.message).toBe(
      `No feed found at 127.0.0.1:${server.port}. Tried the page’s feed links, ` +
        `/feed, /rss, /rss.xml, /atom.xml, /index.xml, /feed.json and ${nearby}.`,
    );
  });

  it('passes a failure to fetch the page on as its own error', async () => {
    const error = await rejection(discoverFeeds(deps, `${server.url}/status/404`));
    expect(error.code).toBe('http');
    expect(error.message).toContain('404');
    expect(paths()).toEqual(['/status/404']);
  });
});

interface Route {
  status?: number;
  type?: string;
  body?: string | Buffer;
  location?: string;
}

/** A whole site of its own per test, so root-relative guesses like /feed land somewhere. */
async function startSite(routes: Record<string, Route>): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const target = request.url ?? '/';
    seen.push(target);
    const route = routes[target.split('?')[0]];
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'Content-Type': route.type ?? 'text/html' };
    if (route.location) headers.Location = route.location;
    response.writeHead(route.status ?? 200, headers).end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

describe('discoverFeeds guessing the usual places', () => {
  const soft404 = '<!DOCTYPE html><title>Not here</title><p>Sorry, no such page.</p>';

  it('stops at the first guess that parses as a feed; a page answering 200 does not count', async () => {
    const site = await startSite({
      '/': { body: NO_LINKS },
      '/rss': { body: soft404 }, // Answers 200, but with a page: not a hit.
      '/rss.xml': { type: 'application/rss+xml', body: RSS },
      '/atom.xml': { type: 'application/atom+xml', body: ATOM },
    });
    expect(await discoverFeeds(deps, `${site.url}/`)).toEqual({
      feeds: [{ url: `${site.url}/rss.xml`, title: 'Sample RSS Feed', format: 'rss' }],
    });
    expect(site.seen).toEqual(['/', '/feed', '/rss', '/rss.xml']);
  });

  it('follows a guess through its redirect and reports where the feed is', async () => {
    const site = await startSite({
      '/': { body: NO_LINKS },
      '/feed': { status: 301, location: '/feed/' },
      '/feed/': { type: 'application/atom+xml', body: ATOM },
    });
    expect(await discoverFeeds(deps, site.url)).toEqual({
      feeds: [{ url: `${site.url}/feed/`, title: 'Sample Atom Feed', format: 'atom' }],
    });
  });

  it('tries feed/ next to a page below the root, last', async () => {
    const site = await startSite({
      '/blog/': { body: NO_LINKS },
      '/blog/feed/': { type: 'text/xml', body: RSS },
    });
    const result = await discoverFeeds(deps, `${site.url}/blog/?page=2`);
    expect(result.feeds).toEqual([
      { url: `${site.url}/blog/feed/`, title: 'Sample RSS Feed', format: 'rss' },
    ]);
    expect(site.seen).toEqual(['/blog/?page=2', ...GUESSES, '/blog/feed/']);
  });

  it('says what it tried when nothing is found', async () => {
    const site = await startSite({ '/': { body: NO_LINKS } });
    const result = await discoverFeeds(deps, site.url);
    const host = new URL(site.url).host;
    expect(result).toEqual({
      feeds: [],
      message: `No feed found at ${host}. Tried the page’s feed links, /feed, /rss, /rss.xml, /atom.xml, /index.xml and /feed.json.`,
    });
  });

  it('guesses for a document that is neither a feed nor a page, without mentioning links', async () => {
    const site = await startSite({ '/data': { type: 'application/json', body: '{"a":1}' } });
    const result = await discoverFeeds(deps, `${site.url}/data`);
    expect(result.feeds).toEqual([]);
    expect(result.message).toMatch(/^No feed found at 127\.0\.0\.1:\d+\. Tried \/feed, /);
  });

  it('reads link titles in the page’s own legacy charset', async () => {
    const page = Buffer.from(
      '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Caf\xe9</title>' +
        '<link rel="alternate" type="application/rss+xml" title="Caf\xe9 au lait" href="/cafe.xml">' +
        '</head><body></body></html>',
      'latin1',
    );
    const site = await startSite({ '/': { body: page } });
    expect((await discoverFeeds(deps, site.url)).feeds).toEqual([
      { url: `${site.url}/cafe.xml`, title: 'Café au lait', format: 'rss' },
    ]);
  });

  it('sniffs a page served without a proper type', async () => {
    const page =
      '<html><head><link rel="alternate" type="application/atom+xml" href="atom"></head></html>';
    const site = await startSite({ '/x/': { type: 'text/plain', body: page } });
    expect((await discoverFeeds(deps, `${site.url}/x/`)).feeds).toEqual([
      { url: `${site.url}/x/atom`, format: 'atom' },
    ]);
  });

  it('stops guessing when the overall time budget is spent', async () => {
    const site = await startSite({ '/': { body: NO_LINKS } });
    let clock = 0;
    // Every look at the clock moves it on 8 s: the 20 s budget lasts for the first guesses only.
    const slowDeps: FeedServiceDeps = { ...deps, now: () => (clock += 8_000) };
    const result = await discoverFeeds(slowDeps, site.url);
    expect(result.feeds).toEqual([]);
    const tried = site.seen.slice(1);
    expect(tried.length).toBeGreaterThan(0);
    expect(tried.length).toBeLessThan(GUESSES.length);
    expect(tried).toEqual(GUESSES.slice(0, tried.length));
    // The message names exactly what was tried.
    expect(result.message).toContain(`${tried.at(-1)}.`);
    expect(result.message).not.toContain(GUESSES[tried.length]);
  });

  it('fails with a network error when the site cannot be reached', async () => {
    const site = await startSite({});
    const closed = servers.pop();
    await new Promise<void>((resolve) => closed?.close(() => resolve()));
    const error = await rejection(discoverFeeds(deps, site.url));
    expect(error.code).toBe('network');
  });

  it('refuses a URL that is not http(s) before fetching anything', async () => {
    const error = await rejection(discoverFeeds(deps, 'ftp://example.test/feed'));
    expect(error.code).toBe('invalid-params');
  });
});
