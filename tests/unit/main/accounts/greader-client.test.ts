/**
 * The Reader API client against the loopback fixture server (both flavors), over real HTTP.
 */
import { describe, expect, it } from 'vitest';
import {
  createGReaderClient,
  type GReaderClientDeps,
  type GReaderSession,
} from '@main/accounts/greader-client';
import type { RateLimitedError } from '@main/accounts/sync-protocol';
import { AppError } from '@shared/result';
import { startFixtureServer } from '../../../fixture-server/server';
import type { ReaderApiServer } from '../../../fixture-server/reader-api-server';
import { USER, readerApiServersPerTest } from '../../fixture-server/reader-api-per-test';

const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';
const READING_LIST = 'user/-/state/com.google/reading-list';

const { start: server, closeAfter } = readerApiServersPerTest();

function client(apiUrl: string, extra: Partial<GReaderClientDeps> = {}) {
  return createGReaderClient({
    apiUrl,
    fetch: globalThis.fetch,
    userAgent: 'Broadsheet-test',
    now: Date.now,
    ...extra,
  });
}

async function session(
  fixture: ReaderApiServer,
  extra: Partial<GReaderClientDeps> = {},
): Promise<GReaderSession> {
  const reader = client(fixture.apiUrl, { service: fixture.flavor, ...extra });
  return reader.withAuth(await reader.login(USER.username, USER.password));
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe.each(['freshrss', 'miniflux'] as const)('Reader API client (%s)', (flavor) => {
  it('signs in and reads the lists', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({ title: 'Tech news', folder: 'Tech' });
    fixture.addItems(feed.streamId, [{ read: true }, {}, {}]);
    const api = await session(fixture);
    expect(await api.subscriptions()).toEqual([
      {
        streamId: feed.streamId,
        title: 'Tech news',
        url: feed.url,
        siteUrl: feed.htmlUrl,
        folders: ['Tech'],
      },
    ]);
    const tags = await api.tags();
    // Both servers keep every feed in a folder, and have a default one.
    const initial = flavor === 'freshrss' ? 'Uncategorized' : 'All';
    expect(tags.folders).toEqual([
      { id: `user/-/label/${initial}`, name: initial },
      { id: 'user/-/label/Tech', name: 'Tech' },
    ]);
    expect(tags.labels).toEqual([]);
    expect(await api.unreadCount()).toBe(2);
    expect((await api.userInfo()).userName).toBe('alice');
    expect(api.requestCount()).toBe(4);
  });

  it('says the password is wrong, naming the server and what it wants', async () => {
    const fixture = await server(flavor);
    const error = await failure(
      client(fixture.apiUrl, { service: flavor }).login('alice', 'alice-web-pass'),
    );
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain(
      `at 127.0.0.1:${fixture.port} refused the user name or password`,
    );
    expect(error.message).toMatch(flavor === 'freshrss' ? /API password/ : /Integrations/);
    expect(error.message).not.toContain('alice-web-pass');
  });

  it('says a web server that refuses the sign-in POST is not a Reader API', async () => {
    const fixture = await server(flavor);
    fixture.failNext('accounts/ClientLogin', { status: 501, body: "Unsupported method ('POST')" });
    fixture.failNext('accounts/ClientLogin', { status: 405, body: 'Method Not Allowed' });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await failure(client(fixture.apiUrl).login('alice', 'alice-api-pass'));
      expect(error.code).toBe('not-reader-api');
    }
  });

  it('says a plain web page is not a Reader API', async () => {
    const fixture = await server(flavor);
    // FreshRSS's root (not /api/greader.php) and Miniflux's web pages answer HTML.
    const apiUrl = flavor === 'freshrss' ? fixture.url : `${fixture.url}/web`;
    const plain = await startFixtureServer();
    closeAfter(() => plain.close());
    for (const url of [apiUrl, `${plain.url}/fixtures`]) {
      const error = await failure(client(url).login('alice', 'alice-api-pass'));
      expect(error.code).toBe('not-reader-api');
      expect(error.message).toContain('does not answer as a Google Reader API server at');
    }
  });

  it('follows continuation up to max and gives long-form ids', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({});
    const items = fixture.addItems(feed.streamId, 25);
    const api = await session(fixture, { limits: { idsPage: 10 } });
    const before = api.requestCount();
    const ids = await api.itemIds({ stream: READING_LIST, max: 100 });
    expect(api.requestCount() - before).toBe(3);
    expect(ids).toEqual(items.map((item) => fixture.longId(item)).reverse());
    expect(ids[0]).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
    const capped = await api.itemIds({ stream: READING_LIST, max: 15 });
    expect(capped).toEqual(ids.slice(0, 15));
  });

  it('asks for unread ids with xt and new ones with ot', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({});
    const [read, unread] = fixture.addItems(feed.streamId, [{ read: true }, {}]);
    const api = await session(fixture);
    expect(await api.itemIds({ stream: READING_LIST, exclude: READ, max: 100 })).toEqual([
      fixture.longId(unread),
    ]);
    expect(
      await api.itemIds({ stream: READING_LIST, since: Date.now() + 60_000, max: 100 }),
    ).toEqual([]);
    const query = fixture.requests.at(-1)?.path ?? '';
    expect(query).toMatch(/[?&]ot=\d{10}(&|$)/);
    expect(await api.itemIds({ stream: READING_LIST, include: READ, max: 100 })).toEqual(
      flavor === 'freshrss'
        ? [fixture.longId(read)]
        : // Miniflux ignores `it`.
          [fixture.longId(unread), fixture.longId(read)],
    );
  });

  it('fetches contents in batches and reports the ids the server no longer has', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({});
    const items = fixture.addItems(feed.streamId, 5);
    const api = await session(fixture, { limits: { contentsBatch: 2 } });
    const gone = 'tag:google.com,2005:reader/item/00000000deadbeef';
    const asked = [...items.map((item) => fixture.longId(item)), gone];
    const before = fixture.requests.filter((r) => r.route === 'stream/items/contents').length;
    const { items: got, missing } = await api.itemContents(asked);
    expect(got.map((item) => item.id)).toEqual(asked.slice(0, 5));
    expect(missing).toEqual([gone]);
    const contents = fixture.requests.filter((r) => r.route === 'stream/items/contents');
    expect(contents.length - before).toBe(3);
    expect(got[0]).toMatchObject({
      streamId: feed.streamId,
      title: items[0].title,
      url: items[0].url,
      read: false,
      starred: false,
    });
  });

  it('sanitizes item HTML: no script, no tracker pixel', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({ folder: 'News' });
    const [item] = fixture.addItems(feed.streamId, [
      {
        title: 'Fish & chips',
        url: 'https://articles.example.com/a?utm_source=rss&id=7',
        content:
          '<p>Hello <b>world</b></p><script>alert(1)</script><img src="https://stats.example.com/p.gif" width="1" height="1"><img src="https://cdn.example.com/photo.jpg" alt="A photo" onerror="alert(2)">',
        starred: true,
        read: true,
        categories: ['Politics'],
        author: 'Ada',
        enclosures: [
          { href: 'https://cdn.example.com/cover.png', type: 'image/png' },
          { href: 'https://cdn.example.com/pic.jpg', type: 'image' },
          { href: 'https://cdn.example.com/ep.mp3', type: 'audio/mpeg', length: 12345 },
        ],
      },
    ]);
    const api = await session(fixture);
    const { items } = await api.itemContents([fixture.longId(item)]);
    const got = items[0];
    expect(got.contentHtml).toContain('<b>world</b>');
    expect(got.contentHtml).toContain('https://cdn.example.com/photo.jpg');
    expect(got.contentHtml).not.toMatch(/script|alert|p\.gif|onerror/);
    // FreshRSS's enclosure figures (a lone 💾 link once sanitized) are not part of the story.
    expect(got.contentHtml).not.toMatch(/💾|figure|ep\.mp3/);
    expect(got.title).toBe('Fish & chips');
    expect(got.url).toBe('https://articles.example.com/a?id=7');
    expect(got.authors).toEqual(['Ada']);
    expect(got.images).toEqual([
      'https://cdn.example.com/cover.png',
      'https://cdn.example.com/pic.jpg',
    ]);
    expect(got.enclosures.map((enclosure) => enclosure.url)).toEqual([
      'https://cdn.example.com/cover.png',
      'https://cdn.example.com/pic.jpg',
      'https://cdn.example.com/ep.mp3',
    ]);
    expect(got).toMatchObject({ read: true, starred: true, labels: [] });
    // Miniflux does not pass on the feed's own categories.
    expect(got.categories).toEqual(flavor === 'freshrss' ? ['Politics'] : []);
    // A short item is a teaser: the offline pass fetches the article.
    expect(got.summaryOnly).toBe(true);
  });

  it('splits 600 ids into edit-tag batches the server takes, with the write token', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({});
    const items = fixture.addItems(feed.streamId, 600);
    const api = await session(fixture, { limits: { editBatch: 250 } });
    await api.editTag(
      items.map((item) => fixture.longId(item)),
      READ,
    );
    const edits = fixture.requests.filter((r) => r.route === 'edit-tag');
    expect(edits).toHaveLength(3);
    // T and the tag first: FreshRSS's PHP keeps only the first 1000 form fields.
    const token = new URLSearchParams({ T: fixture.currentToken() }).toString();
    expect(edits.every((r) => r.body?.startsWith(`${token}&a=`))).toBe(true);
    expect(fixture.requests.filter((r) => r.route === 'token')).toHaveLength(1);
    expect(fixture.state.items.every((item) => item.read)).toBe(true);
    await api.editTag([fixture.longId(items[0])], STARRED, READ);
    expect(fixture.state.items[0]).toMatchObject({ read: false, starred: true });
  });

  it('says to sign in again when the saved sign-in is refused later, for reads and writes', async () => {
    const fixture = await server(flavor);
    const feed = fixture.addSubscription({});
    const [item] = fixture.addItems(feed.streamId, 1);
    const api = await session(fixture);
    fixture.revokeAuth();
    for (const attempt of [
      api.subscriptions(),
      api.editTag([fixture.longId(item)], READ),
      api.markAllRead(READING_LIST, Date.now()),
    ]) {
      const error = await failure(attempt);
      expect(error.code).toBe('unauthorized');
      expect(error.message).toMatch(
        /at 127\.0\.0\.1:\d+ refused the saved sign-in: sign in again\./,
      );
    }
    expect(fixture.state.items[0].read).toBe(false);
  });

  it('waits out a short Retry-After once, and refuses to wait long', async () => {
    const fixture = await server(flavor);
    const slept: number[] = [];
    const api = await session(fixture, {
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    fixture.failNext('subscription/list', { status: 429, headers: { 'Retry-After': '2' } });
    expect(await api.subscriptions()).toEqual([]);
    expect(slept).toEqual([2000]);
    fixture.failNext('subscription/list', { status: 429, headers: { 'Retry-After': '2' } });
    fixture.failNext('subscription/list', { status: 503, headers: { 'Retry-After': '3' } });
    const twice = await failure(api.subscriptions());
    expect(twice.code).toBe('rate-limited');
    expect(twice.message).toContain('asked Broadsheet to wait 3 seconds');
    fixture.failNext('tag/list', { status: 429, headers: { 'Retry-After': '120' } });
    const long = await failure(api.tags());
    expect(long.code).toBe('rate-limited');
    expect(long.message).toContain('wait 2 minutes');
    // The account service holds the account's requests that long (account-service.ts).
    expect((long as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(slept).toEqual([2000, 2000]);
  });

  it('says HTML or malformed JSON where JSON was due is unreadable', async () => {
    const fixture = await server(flavor);
    const api = await session(fixture);
    fixture.failNext('subscription/list', 'html');
    const html = await failure(api.subscriptions());
    expect(html.code).toBe('parse');
    expect(html.message).toContain('answered with a web page where the subscription list was due');
    fixture.failNext('stream/items/ids', 'malformed');
    const broken = await failure(api.itemIds({ stream: READING_LIST, max: 10 }));
    expect(broken.code).toBe('parse');
    expect(broken.message).toContain('sent a list of item ids Broadsheet could not read');
  });

  it('gives up on a server that does not answer', async () => {
    const fixture = await server(flavor);
    const api = await session(fixture, { limits: { connectTimeoutMs: 200 } });
    fixture.failNext('tag/list', 'hang');
    const error = await failure(api.tags());
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('did not answer within 200 ms');
  });

  it('stops reading an answer larger than its cap', async () => {
    const fixture = await server(flavor);
    for (let n = 0; n < 50; n += 1) fixture.addSubscription({});
    const api = await session(fixture, { limits: { maxBytes: 2048 } });
    const error = await failure(api.subscriptions());
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/sent an answer larger than 2 KB/);
  });

  it('says an unreachable server cannot be reached', async () => {
    const fixture = await server(flavor);
    await fixture.stop();
    const error = await failure(client(fixture.apiUrl).login('alice', 'alice-api-pass'));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`127.0.0.1:${fixture.port} refused the connection.`);
    await fixture.start();
    expect(await client(fixture.apiUrl).login('alice', 'alice-api-pass')).toMatch(/^alice\//);
  });

  it('subscribes, moves, renames, unsubscribes and marks all read', async () => {
    const fixture = await server(flavor);
    const api = await session(fixture);
    const { streamId } = await api.quickAdd('https://blog.example.org/feed.xml');
    expect(fixture.state.subscriptions.map((s) => s.url)).toEqual([
      'https://blog.example.org/feed.xml',
    ]);
    await api.editSubscription({
      action: 'edit',
      streamId,
      title: 'The blog',
      addLabel: 'user/-/label/Blogs',
    });
    expect(fixture.state.subscriptions[0]).toMatchObject({ title: 'The blog', folders: ['Blogs'] });
    fixture.addItems(streamId, 3);
    await api.markAllRead(streamId, Date.now() + 1000);
    expect(fixture.state.items.every((item) => item.read)).toBe(true);
    const error = await failure(api.quickAdd('not a url'));
    // FreshRSS answers 200 with numResults 0; Miniflux refuses with 400.
    expect(error.code).toBe(flavor === 'freshrss' ? 'not-a-feed' : 'http');
    expect(error.message).toMatch(/Could not resolve host|invalid URL/);
    await api.editSubscription({ action: 'unsubscribe', streamId });
    expect(fixture.state.subscriptions).toEqual([]);
  });
});

describe.each(['freshrss', 'miniflux'] as const)('replaying confirmed changes (%s)', (flavor) => {
  it('subscribing twice or unsubscribing what is gone counts as done; other refusals do not', async () => {
    const fixture = await server(flavor);
    const api = await session(fixture);
    const url = 'https://blog.example.org/feed.xml';
    const { streamId } = await api.quickAdd(url);
    expect(await api.quickAdd(url)).toEqual({ streamId });
    await api.editSubscription({ action: 'subscribe', streamId: `feed/${url}` });
    expect(fixture.state.subscriptions).toHaveLength(1);
    await api.editSubscription({ action: 'unsubscribe', streamId });
    await api.editSubscription({ action: 'unsubscribe', streamId });
    expect(fixture.state.subscriptions).toEqual([]);
    const error = await failure(
      api.editSubscription({ action: 'subscribe', streamId: 'feed/not-an-address' }),
    );
    expect(error.code).toBe('http');
  });
});

describe('flavor quirks', () => {
  it('FreshRSS-like T that goes stale: a new one is fetched once', async () => {
    const fixture = await server('freshrss');
    const feed = fixture.addSubscription({});
    const [item] = fixture.addItems(feed.streamId, 1);
    const api = await session(fixture);
    await api.editTag([fixture.longId(item)], READ);
    fixture.expireTokens();
    await api.editTag([fixture.longId(item)], STARRED);
    expect(fixture.state.items[0].starred).toBe(true);
    expect(fixture.requests.filter((r) => r.route === 'token')).toHaveLength(2);
    expect(fixture.requests.filter((r) => r.route === 'edit-tag')).toHaveLength(3);
  });

  it('FreshRSS: answers 503 while its API is switched off', async () => {
    const fixture = await server('freshrss');
    fixture.disableApi();
    const error = await failure(
      client(fixture.apiUrl, { service: 'freshrss' }).login('alice', 'alice-api-pass'),
    );
    expect(error.code).toBe('api-disabled');
    expect(error.message).toContain('FreshRSS at 127.0.0.1');
    expect(error.message).toContain('Allow API access');
  });

  it('FreshRSS: item labels are tags, folder labels are not', async () => {
    const fixture = await server('freshrss');
    const feed = fixture.addSubscription({ folder: 'News' });
    const [item] = fixture.addItems(feed.streamId, [{ labels: ['Later'] }]);
    const api = await session(fixture);
    expect(await api.tags()).toEqual({
      folders: [
        { id: 'user/-/label/Uncategorized', name: 'Uncategorized' },
        { id: 'user/-/label/News', name: 'News' },
      ],
      labels: ['Later'],
    });
    const { items } = await api.itemContents([fixture.longId(item)]);
    expect(items[0].labels).toEqual(['Later']);
    await api.editTag([fixture.longId(item)], 'user/-/label/Keep', 'user/-/label/Later');
    expect(fixture.state.items[0].labels).toEqual(['Keep']);
  });

  it('Miniflux: every label is a folder; a user label on an item is refused', async () => {
    const fixture = await server('miniflux');
    const feed = fixture.addSubscription({ folder: 'News' });
    const [item] = fixture.addItems(feed.streamId, 1);
    const api = await session(fixture);
    const { items } = await api.itemContents([fixture.longId(item)]);
    expect(items[0].labels).toEqual([]);
    const error = await failure(api.editTag([fixture.longId(item)], 'user/-/label/Later'));
    expect(error.code).toBe('http');
    expect(error.message).toContain('Miniflux at 127.0.0.1');
    expect(error.message).toContain(
      '500 Internal Server Error to marking items: “googlereader: unsupported tag type: LabelStream”',
    );
  });

  it('a server that does not type its labels: those on subscriptions are folders', async () => {
    const fixture = await server('miniflux');
    fixture.addSubscription({ folder: 'News' });
    // Labels without `type`, as older Reader API servers list them.
    fixture.failNext('tag/list', {
      status: 200,
      body: JSON.stringify({
        tags: [
          { id: 'user/1/state/com.google/starred' },
          { id: 'user/1/label/News' },
          { id: 'user/1/label/Loose' },
        ],
      }),
    });
    // As an unnamed Reader API server: the client cannot lean on Miniflux's rules.
    const reader = client(fixture.apiUrl);
    const api = reader.withAuth(await reader.login(USER.username, USER.password));
    expect(await api.tags()).toEqual({
      folders: [{ id: 'user/-/label/News', name: 'News' }],
      labels: ['Loose'],
    });
  });

  it('Miniflux: counts unread items from their ids, having no unread-count', async () => {
    const fixture = await server('miniflux');
    const feed = fixture.addSubscription({});
    fixture.addItems(feed.streamId, [{ read: true }, {}, {}]);
    const api = await session(fixture);
    expect(await api.unreadCount()).toBe(2);
    // The same answer from an unnamed server whose unread-count is Miniflux's fallback `[]`.
    const reader = client(fixture.apiUrl);
    const unnamed = reader.withAuth(await reader.login(USER.username, USER.password));
    expect(await unnamed.unreadCount()).toBe(2);
  });

  it('FreshRSS: titles come back with the characters FreshRSS writes in fullwidth', async () => {
    const fixture = await server('freshrss');
    const feed = fixture.addSubscription({ title: 'Flats <SF>, apts/housing?' });
    const [item] = fixture.addItems(feed.streamId, [{ title: 'Fish & chips <3' }]);
    const api = await session(fixture);
    expect((await api.subscriptions())[0].title).toBe('Flats <SF>, apts/housing?');
    const { items } = await api.itemContents([fixture.longId(item)]);
    expect(items[0].title).toBe('Fish & chips <3');
  });

  it('refuses malformed ids from the caller before sending anything', async () => {
    const fixture = await server('freshrss');
    const api = await session(fixture);
    const before = fixture.requests.length;
    const error = await failure(api.itemContents(['12345']));
    expect(error.code).toBe('invalid-params');
    expect(fixture.requests.length).toBe(before);
  });
});
