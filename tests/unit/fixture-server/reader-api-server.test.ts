/**
 * The Reader API fixture's own behaviour where tests elsewhere lean on it: the quirks it copies
 * from the real servers, restarting with its state, and seeding the bench's library quickly.
 */
import { describe, expect, it } from 'vitest';
import type { ReaderApiServer } from '../../fixture-server/reader-api-server';
import { USER, readerApiServersPerTest } from './reader-api-per-test';

const RL = 'user/-/state/com.google/reading-list';
const { start: server } = readerApiServersPerTest();

async function auth(fixture: ReaderApiServer): Promise<string> {
  const response = await fetch(`${fixture.apiUrl}/accounts/ClientLogin`, {
    method: 'POST',
    body: new URLSearchParams({ Email: USER.username, Passwd: USER.password }),
  });
  return /Auth=(.+)/.exec(await response.text())?.[1] ?? '';
}

async function ids(fixture: ReaderApiServer, query: string, token: string) {
  const response = await fetch(`${fixture.apiUrl}/reader/api/0/stream/items/ids?${query}`, {
    headers: { Authorization: `GoogleLogin auth=${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Reader API fixture', () => {
  it('comes back on the same port with its state after stop()', async () => {
    const fixture = await server('freshrss');
    const feed = fixture.addSubscription({});
    fixture.addItems(feed.streamId, 2);
    const token = await auth(fixture);
    await fixture.stop();
    await expect(fetch(fixture.apiUrl)).rejects.toThrow();
    await fixture.start();
    const answer = await ids(fixture, `output=json&s=${RL}`, token);
    expect((answer.body.itemRefs as unknown[]).length).toBe(2);
  });

  it('delay() holds one route’s answers back until set to 0, the others answer at once', async () => {
    const fixture = await server('freshrss');
    fixture.addItems(fixture.addSubscription({}).streamId, 1);
    const token = await auth(fixture);
    fixture.delay('stream/items/ids', 300);
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    expect(await timed(() => ids(fixture, `output=json&s=${RL}`, token))).toBeGreaterThanOrEqual(
      290,
    );
    expect(await timed(() => auth(fixture))).toBeLessThan(250);
    fixture.delay('stream/items/ids', 0);
    expect(await timed(() => ids(fixture, `output=json&s=${RL}`, token))).toBeLessThan(250);
  });

  it('seeds the bench library (200 feeds, 10,000 items) in well under a second', async () => {
    const fixture = await server('freshrss');
    const started = performance.now();
    fixture.seed({ feeds: 200, itemsPerFeed: 50 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fixture.state.subscriptions).toHaveLength(200);
    expect(fixture.state.items).toHaveLength(10_000);
    const token = await auth(fixture);
    const all = await ids(fixture, `output=json&s=${RL}&n=100000`, token);
    expect((all.body.itemRefs as unknown[]).length).toBe(10_000);
  });

  it('FreshRSS: a full page has a continuation, then an empty page; read and unknown labels are the whole list', async () => {
    const fixture = await server('freshrss');
    const feed = fixture.addSubscription({});
    fixture.addItems(feed.streamId, [{ read: true }, {}, {}]);
    const token = await auth(fixture);
    const full = await ids(fixture, `output=json&s=${RL}&n=3`, token);
    expect(full.body.continuation).toBeDefined();
    const next = await ids(
      fixture,
      `output=json&s=${RL}&n=3&c=${String(full.body.continuation)}`,
      token,
    );
    expect(next.body).toEqual({ itemRefs: [] });
    for (const stream of ['user/-/state/com.google/read', 'user/-/label/Nope']) {
      const answer = await ids(fixture, `output=json&s=${encodeURIComponent(stream)}`, token);
      expect((answer.body.itemRefs as unknown[]).length).toBe(3);
    }
    const read = await ids(fixture, `output=json&s=${RL}&it=user/-/state/com.google/read`, token);
    expect((read.body.itemRefs as unknown[]).length).toBe(1);
  });

  it('Miniflux: caps n at 10,000 with an offset continuation, wants output=json, and takes POSTs by T only', async () => {
    const fixture = await server('miniflux');
    fixture.seed({ feeds: 3, itemsPerFeed: 4000, folders: 0 });
    const token = await auth(fixture);
    const first = await ids(fixture, `output=json&s=${RL}&n=50000`, token);
    expect((first.body.itemRefs as unknown[]).length).toBe(10_000);
    expect(first.body.continuation).toBe('10000');
    const rest = await ids(fixture, `output=json&s=${RL}&n=50000&c=10000`, token);
    expect((rest.body.itemRefs as unknown[]).length).toBe(2000);
    expect(rest.body.continuation).toBeUndefined();
    expect((await ids(fixture, `s=${RL}`, token)).status).toBe(400);
    const headerOnly = await fetch(`${fixture.apiUrl}/reader/api/0/edit-tag`, {
      method: 'POST',
      headers: { Authorization: `GoogleLogin auth=${token}` },
      body: new URLSearchParams({ i: '1', a: 'user/-/state/com.google/read' }),
    });
    expect(headerOnly.status).toBe(401);
    expect(headerOnly.headers.get('x-reader-google-bad-token')).toBe('true');
    const withT = await fetch(`${fixture.apiUrl}/reader/api/0/edit-tag`, {
      method: 'POST',
      body: new URLSearchParams({ T: token, i: '1', a: 'user/-/state/com.google/read' }),
    });
    expect(withT.status).toBe(200);
  });
});
