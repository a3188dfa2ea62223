import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '@main/api/dispatch';
import { createFeedFetcher } from '@main/feeds/feed-fetcher';
import { FetchError } from '@main/net/http-get';
import { MAX_BACKOFF_MS, backoffDelayMs, intervalJitterFraction } from '@main/sync/backoff';
import {
  createSyncScheduler,
  type SchedulerDeps,
  type SyncFetchLimits,
  type SyncFetchRequest,
  type SyncScheduler,
} from '@main/sync/scheduler';
import { createSyncHandlers, systemClock } from '@main/sync/sync-handlers';
import type { Events, FetchFeedResult, Handlers } from '@shared/contract';
import { AppError } from '@shared/result';
import {
  DEFAULT_SYNC_SETTINGS,
  MAX_ITEMS_PER_FETCH,
  type FeedSyncState,
  type SyncFailure,
  type SyncProgress,
  type SyncSettings,
} from '@shared/sync-model';
import { startFixtureServer, type FixtureServer } from '../../../fixture-server/server';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2024, 0, 15, 10, 0, 0);

// ---------------------------------------------------------------------------------------------
// A deterministic clock: timers fire only when the test advances time.

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

class FakeClock {
  now = T0;
  fired = 0;
  armed = 0;
  private timers: FakeTimer[] = [];
  private seq = 0;

  setTimer = (fn: () => void, ms: number): unknown => {
    this.seq += 1;
    this.armed += 1;
    this.timers.push({ id: this.seq, at: this.now + ms, fn });
    return this.seq;
  };

  clearTimer = (handle: unknown): void => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  get pending(): number {
    return this.timers.length;
  }

  get nextAt(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, timer) => (min === undefined || timer.at < min ? timer.at : min),
      undefined,
    );
  }

  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next || next.at > end) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.now = next.at;
      this.fired += 1;
      next.fn();
    }
    this.now = end;
    await settle();
  }

  async advanceTo(at: number): Promise<void> {
    await this.advance(at - this.now);
  }
}

/** Lets promise callbacks (fetch outcomes reaching the scheduler) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// ---------------------------------------------------------------------------------------------
// A fetcher the test answers by hand, or automatically with `answer`.

interface Call {
  request: SyncFetchRequest;
  limits: SyncFetchLimits;
  at: number;
  open: boolean;
  resolve(result: FetchFeedResult): void;
  reject(error: unknown): void;
}

type Answer = (request: SyncFetchRequest) => FetchFeedResult | Error | undefined;

class FakeFetcher {
  calls: Call[] = [];
  current = 0;
  max = 0;
  answer: Answer | undefined;
  /** Off: an aborted fetch stays open until the test settles it, like a slow socket. */
  honourAbort = true;

  constructor(private readonly clock: FakeClock) {}

  fetchFeed = (request: SyncFetchRequest, limits: SyncFetchLimits): Promise<FetchFeedResult> => {
    this.current += 1;
    this.max = Math.max(this.max, this.current);
    return new Promise<FetchFeedResult>((resolve, reject) => {
      const finish = () => {
        if (!call.open) return false;
        call.open = false;
        this.current -= 1;
        return true;
      };
      const call: Call = {
        request,
        limits,
        at: this.clock.now,
        open: true,
        resolve: (result) => finish() && resolve(result),
        reject: (error) => finish() && reject(error),
      };
      this.calls.push(call);
      request.signal.addEventListener('abort', () => {
        if (this.honourAbort)
          call.reject(
            new FetchError(
              'network',
              'main.error.untranslated',
              { message: 'cancelled' },
              { cancelled: true },
            ),
          );
      });
      const answer = this.answer?.(request);
      if (answer instanceof Error) queueMicrotask(() => call.reject(answer));
      else if (answer) queueMicrotask(() => call.resolve(answer));
    });
  };

  urls(): string[] {
    return this.calls.map((call) => call.request.url);
  }

  call(id: string): Call {
    const found = this.calls.filter((call) => call.request.url === url(id)).at(-1);
    if (!found) throw new Error(`no call for ${id}`);
    return found;
  }
}

type Emitted = { [E in keyof Events]: { name: E; payload: Events[E] } }[
  'sync.progress' | 'sync.result'];

function url(id: string): string {
  return `https://example.com/${id}.xml`;
}

function feed(id: string, extra: Partial<FeedSyncState> = {}): FeedSyncState {
  return { id, url: url(id), ...extra };
}

function settings(extra: Partial<SyncSettings> = {}): SyncSettings {
  return { ...DEFAULT_SYNC_SETTINGS, ...extra };
}

const notModified = (request: SyncFetchRequest): FetchFeedResult => ({
  status: 'not-modified',
  url: request.url,
});

function okResult(request: SyncFetchRequest, etag = '"new"'): FetchFeedResult {
  return {
    status: 'ok',
    url: request.url,
    etag,
    feed: { format: 'rss', title: 't', feedUrl: request.url, items: [] },
  };
}

function setup(options: { random?: () => number; answer?: Answer } = {}) {
  const clock = new FakeClock();
  const fetcher = new FakeFetcher(clock);
  fetcher.answer = options.answer;
  const events: Emitted[] = [];
  const logged: unknown[] = [];
  let randomCalls = 0;
  const random = options.random ?? (() => 0.5);
  const deps: SchedulerDeps = {
    fetchFeed: fetcher.fetchFeed,
    emit: (name, payload) => {
      events.push({ name, payload } as Emitted);
    },
    now: () => clock.now,
    random: () => {
      randomCalls += 1;
      return random();
    },
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    log: (_message, error) => logged.push(error),
  };
  const scheduler = createSyncScheduler(deps);
  const results = () =>
    events.flatMap((event) => (event.name === 'sync.result' ? [event.payload] : []));
  const failures = (): (SyncFailure & { feedId: string })[] =>
    results().flatMap((result) =>
      result.ok ? [] : [{ feedId: result.feedId, ...result.failure }],
    );
  const progress = (): SyncProgress[] =>
    events.flatMap((event) => (event.name === 'sync.progress' ? [event.payload] : []));
  return {
    clock,
    fetcher,
    events,
    logged,
    scheduler,
    deps,
    results,
    failures,
    progress,
    randomCalls: () => randomCalls,
  };
}

/** The first setFeeds is the launch refresh; tests about the schedule start after it. */
function launchEmpty(scheduler: SyncScheduler, extra: Partial<SyncSettings> = {}): void {
  scheduler.setFeeds([], settings(extra));
}

// ---------------------------------------------------------------------------------------------

describe('backoff curve', () => {
  it('doubles from one interval and stops at 24 hours', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 30, 1000].map((n) => backoffDelayMs(n, 30 * MIN, 0));
    expect(delays).toEqual([
      30 * MIN,
      HOUR,
      2 * HOUR,
      4 * HOUR,
      8 * HOUR,
      16 * HOUR,
      24 * HOUR,
      24 * HOUR,
      24 * HOUR,
      24 * HOUR,
    ]);
    expect(MAX_BACKOFF_MS).toBe(24 * HOUR);
  });

  it('never retries a rarely polled feed sooner than its interval', () => {
    expect(backoffDelayMs(1, 3 * 24 * HOUR, 0)).toBe(3 * 24 * HOUR);
    expect(backoffDelayMs(5, 3 * 24 * HOUR, 0)).toBe(3 * 24 * HOUR);
  });

  it('jitters only downwards, by at most 10%', () => {
    for (const random of [0, 0.3, 0.7, 0.999999]) {
      const delay = backoffDelayMs(20, 30 * MIN, random);
      expect(delay).toBeLessThanOrEqual(24 * HOUR);
      expect(delay).toBeGreaterThanOrEqual(0.9 * 24 * HOUR);
    }
  });

  it('spreads the interval by at most ±10%', () => {
    expect(intervalJitterFraction(0)).toBeCloseTo(-0.1);
    expect(intervalJitterFraction(0.5)).toBeCloseTo(0);
    expect(intervalJitterFraction(0.999999)).toBeCloseTo(0.1);
  });
});

describe('sync scheduler', () => {
  it('refreshes at launch every feed not gone whose nextAttemptAt has passed', async () => {
    const { scheduler, fetcher } = setup({ answer: notModified });
    const feeds = [
      feed('fresh', { lastFetchedAt: T0 - MIN }),
      feed('waiting', { nextAttemptAt: T0 + 10 * MIN, failureCount: 2 }),
      feed('gone', { gone: true }),
      feed('retry', { nextAttemptAt: T0 - 1, failureCount: 1 }),
      feed('new'),
    ];
    scheduler.setFeeds(feeds, settings());
    await settle();
    expect(fetcher.urls().sort()).toEqual([url('fresh'), url('new'), url('retry')].sort());

    // Only the first setFeeds is the launch.
    scheduler.setFeeds(feeds, settings());
    await settle();
    expect(fetcher.calls).toHaveLength(3);
  });

  it('passes the stored validators, the size cap and an abort signal to each fetch', async () => {
    const { scheduler, fetcher } = setup({ answer: notModified });
    scheduler.setFeeds(
      [feed('a', { etag: '"e"', lastModified: 'Mon, 15 Jan 2024 09:00:00 GMT' })],
      settings({ maxFeedBytes: 1024 * 1024 }),
    );
    await settle();
    const [call] = fetcher.calls;
    expect(call?.request).toEqual({
      url: url('a'),
      etag: '"e"',
      lastModified: 'Mon, 15 Jan 2024 09:00:00 GMT',
      signal: expect.any(AbortSignal),
    });
    expect(call?.limits).toEqual({ maxBytes: 1024 * 1024, maxItems: MAX_ITEMS_PER_FETCH });
  });

  it('passes the reader’s cap on items per feed to each fetch', async () => {
    const { scheduler, fetcher } = setup({ answer: notModified });
    scheduler.setFeeds([feed('a')], settings({ maxItemsPerFeed: 200 }));
    await settle();
    expect(fetcher.calls[0]?.limits).toEqual({
      maxBytes: DEFAULT_SYNC_SETTINGS.maxFeedBytes,
      maxItems: 200,
    });
  });

  it.each([
    ['earliest', 0, 27 * MIN],
    ['middle', 0.5, 30 * MIN],
    ['latest', 0.999999, 33 * MIN],
  ])('fetches one interval after the last fetch, jittered (%s)', async (_name, r, expected) => {
    const { scheduler, fetcher, clock } = setup({ random: () => r, answer: notModified });
    launchEmpty(scheduler);
    const last = T0 - 5 * MIN;
    scheduler.setFeeds([feed('a', { lastFetchedAt: last })], settings());
    await clock.advanceTo(last + expected - 1);
    expect(fetcher.calls).toHaveLength(0);
    // Never early; at most a second late (wake-ups are at least a second apart).
    await clock.advanceTo(last + expected + 1000);
    expect(fetcher.calls).toHaveLength(1);
    expect(fetcher.calls[0]?.at).toBeGreaterThanOrEqual(last + expected);
  });

  it('keeps a feed’s jitter for the whole cycle', async () => {
    let next = 0;
    const values = [0.9, 0.1, 0.2, 0.3];
    const { scheduler, fetcher, clock, randomCalls } = setup({
      random: () => values[next++ % values.length] ?? 0,
      answer: notModified,
    });
    launchEmpty(scheduler);
    const feeds = [feed('a', { lastFetchedAt: T0 })];
    scheduler.setFeeds(feeds, settings());
    const due = clock.nextAt;
    for (let i = 0; i < 5; i++) {
      scheduler.setFeeds(feeds, settings());
      await clock.advance(MIN);
      expect(clock.nextAt).toBe(due);
    }
    expect(randomCalls()).toBe(1);
    // 0.9 → +8% of 30 minutes.
    expect(due).toBe(T0 + 30 * MIN + 0.08 * 30 * MIN);
    await clock.advanceTo(T0 + 33 * MIN);
    expect(fetcher.calls).toHaveLength(1);
  });

  it('uses a feed’s own interval over the global one', async () => {
    const { scheduler, fetcher, clock } = setup({ answer: notModified });
    launchEmpty(scheduler);
    scheduler.setFeeds(
      [
        feed('fast', { lastFetchedAt: T0, intervalMinutes: 5 }),
        feed('slow', { lastFetchedAt: T0 }),
      ],
      settings({ intervalMinutes: 120 }),
    );
    await clock.advance(5 * MIN + 1000);
    expect(fetcher.urls()).toEqual([url('fast')]);
    await clock.advance(60 * MIN);
    // fast keeps its 5-minute cadence from its own (remembered) fetches
    expect(fetcher.urls().filter((u) => u === url('fast')).length).toBeGreaterThanOrEqual(12);
    expect(fetcher.urls()).not.toContain(url('slow'));
    await clock.advanceTo(T0 + 120 * MIN + 1000);
    expect(fetcher.urls()).toContain(url('slow'));
  });

  it('never fetches before nextAttemptAt', async () => {
    const { scheduler, fetcher, clock } = setup({ answer: notModified });
    launchEmpty(scheduler);
    scheduler.setFeeds(
      [feed('a', { lastFetchedAt: T0 - 5 * HOUR, failureCount: 3, nextAttemptAt: T0 + 2 * HOUR })],
      settings(),
    );
    await clock.advanceTo(T0 + 2 * HOUR - 1);
    expect(fetcher.calls).toHaveLength(0);
    await clock.advanceTo(T0 + 2 * HOUR + 1000);
    expect(fetcher.calls).toHaveLength(1);
  });

  it('keeps one timer, armed for the next due time, instead of polling', async () => {
    const { scheduler, clock, fetcher } = setup({ answer: notModified });
    launchEmpty(scheduler);
    scheduler.setFeeds(
      [
        feed('a', { lastFetchedAt: T0, intervalMinutes: 40 }),
        feed('b', { lastFetchedAt: T0, intervalMinutes: 20 }),
        feed('c', { lastFetchedAt: T0, gone: true }),
      ],
      settings(),
    );
    expect(clock.pending).toBe(1);
    expect(clock.nextAt).toBe(T0 + 20 * MIN);
    await clock.advance(19 * MIN);
    expect(clock.fired).toBe(0);
    let maxPending = 0;
    for (let i = 0; i < 6 * 60; i++) {
      await clock.advance(MIN);
      maxPending = Math.max(maxPending, clock.pending);
    }
    expect(maxPending).toBe(1);
    // Every wake-up fetches something (a and b are sometimes due together): none is idle.
    expect(fetcher.calls.length).toBeGreaterThanOrEqual(18 + 9);
    expect(clock.fired).toBeGreaterThan(0);
    expect(clock.fired).toBeLessThanOrEqual(fetcher.calls.length);
    const fetchTimes = new Set(fetcher.calls.map((call) => call.at));
    expect(fetchTimes.size).toBe(clock.fired);
  });

  it('wakes at least hourly, in case the wall clock jumped', async () => {
    const { scheduler, clock } = setup();
    launchEmpty(scheduler);
    scheduler.setFeeds([feed('a', { lastFetchedAt: T0, intervalMinutes: 24 * 60 })], settings());
    expect(clock.nextAt).toBe(T0 + HOUR);
  });

  it('backs off exponentially on failure, reset by success', async () => {
    let failing = true;
    const { scheduler, clock, failures, results, fetcher } = setup({
      random: () => 0,
      answer: (request) =>
        failing
          ? new AppError('network', 'main.error.untranslated', { message: 'down' })
          : notModified(request),
    });
    scheduler.setFeeds([feed('a')], settings());
    const expectedDelays = [30 * MIN, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 24 * HOUR];
    for (const [index, delay] of expectedDelays.entries()) {
      await settle();
      const failure = failures().at(-1);
      expect(failure).toMatchObject({ code: 'network', message: 'down', failureCount: index + 1 });
      expect(failure?.nextAttemptAt).toBe((fetcher.calls.at(-1)?.at ?? 0) + delay);
      await clock.advanceTo((failure?.nextAttemptAt ?? 0) + 1000);
    }
    expect(failures().at(-1)).toMatchObject({
      failureCount: 8,
      nextAttemptAt: (fetcher.calls.at(-1)?.at ?? 0) + 24 * HOUR,
    });
    failing = false;
    await clock.advance(24 * HOUR + 1000);
    expect(results().at(-1)).toMatchObject({ ok: true });
    failing = true;
    await clock.advance(30 * MIN + 1000);
    expect(failures().at(-1)).toMatchObject({ failureCount: 1 });
  });

  it('continues the failure count the renderer stored', async () => {
    const { scheduler, failures, clock } = setup({
      random: () => 0,
      answer: () => new AppError('http', 'main.net.httpStatus', { answer: '500' }),
    });
    scheduler.setFeeds([feed('a', { failureCount: 4, nextAttemptAt: T0 - 1 })], settings());
    await settle();
    expect(failures()).toEqual([
      {
        feedId: 'a',
        code: 'http',
        message: 'The server answered 500.',
        text: { id: 'main.net.httpStatus', values: { answer: '500' } },
        failureCount: 5,
        nextAttemptAt: clock.now + 8 * HOUR,
      },
    ]);
  });

  it('waits as long as Retry-After asks when that is later than the back-off', async () => {
    const { scheduler, failures, clock } = setup({
      random: () => 0,
      answer: (request) =>
        request.url === url('slow-down')
          ? new FetchError(
              'http',
              'main.error.untranslated',
              { message: '429' },
              { status: 429, retryAfterMs: 3 * HOUR },
            )
          : new FetchError(
              'http',
              'main.error.untranslated',
              { message: '503' },
              { status: 503, retryAfterMs: 10_000 },
            ),
    });
    scheduler.setFeeds([feed('slow-down'), feed('brief')], settings());
    await settle();
    expect(failures()).toEqual([
      expect.objectContaining({
        feedId: 'slow-down',
        status: 429,
        failureCount: 1,
        nextAttemptAt: T0 + 3 * HOUR,
      }),
      expect.objectContaining({
        feedId: 'brief',
        status: 503,
        failureCount: 1,
        nextAttemptAt: T0 + 30 * MIN,
      }),
    ]);
    await clock.advanceTo(T0 + 3 * HOUR - 1);
    expect(failures().filter((f) => f.feedId === 'slow-down')).toHaveLength(1);
  });

  it('marks a 410 feed gone and stops polling it; only a refresh by id fetches it', async () => {
    const { scheduler, fetcher, failures, clock } = setup({
      answer: (request) =>
        request.url === url('dead')
          ? new FetchError('http', 'main.net.gone', { answer: '410 Gone' }, { status: 410 })
          : notModified(request),
    });
    scheduler.setFeeds([feed('dead'), feed('alive')], settings());
    await settle();
    expect(failures()).toEqual([
      {
        feedId: 'dead',
        code: 'http',
        message: expect.stringMatching(/^The feed is gone: the server answered 410 Gone\./),
        text: { id: 'main.net.gone', values: { answer: '410 Gone' } },
        status: 410,
        failureCount: 1,
        gone: true,
      },
    ]);
    // The renderer has not stored it yet: the scheduler remembers.
    scheduler.setFeeds([feed('dead'), feed('alive')], settings());
    await clock.advance(3 * 24 * HOUR);
    scheduler.setFeeds([feed('dead', { gone: true, failureCount: 1 }), feed('alive')], settings());
    scheduler.resume();
    await clock.advance(3 * 24 * HOUR);
    scheduler.refresh();
    await settle();
    expect(fetcher.urls().filter((u) => u === url('dead'))).toHaveLength(1);

    scheduler.refresh(['dead']);
    await settle();
    expect(fetcher.urls().filter((u) => u === url('dead'))).toHaveLength(2);
  });

  it('brings a gone feed back when a refresh by hand succeeds', async () => {
    const { scheduler, fetcher, clock } = setup({ answer: notModified });
    launchEmpty(scheduler);
    scheduler.setFeeds([feed('back', { gone: true, lastFetchedAt: T0 })], settings());
    scheduler.refresh(['back']);
    await settle();
    expect(fetcher.calls).toHaveLength(1);
    await clock.advance(30 * MIN + 4 * MIN);
    expect(fetcher.calls).toHaveLength(2);
  });

  it('refreshes every feed not gone, ignoring nextAttemptAt, ahead of the schedule', async () => {
    const { scheduler, fetcher } = setup();
    scheduler.setFeeds([feed('s1'), feed('s2'), feed('s3')], settings({ concurrency: 1 }));
    expect(fetcher.urls()).toEqual([url('s1')]);
    scheduler.setFeeds(
      [
        feed('s1'),
        feed('s2'),
        feed('s3'),
        feed('backing-off', { failureCount: 3, nextAttemptAt: T0 + 5 * HOUR }),
        feed('gone', { gone: true }),
      ],
      settings({ concurrency: 1 }),
    );
    scheduler.refresh();
    fetcher.answer = notModified;
    fetcher.call('s1').resolve(notModified(fetcher.call('s1').request));
    await settle();
    // Manual refreshes jump the queue; s1 is not fetched twice, s2/s3 were already queued.
    expect(fetcher.urls()).toEqual([url('s1'), url('s2'), url('s3'), url('backing-off')]);
  });

  it('puts refreshed feeds ahead of scheduled ones', async () => {
    const { scheduler, fetcher } = setup();
    scheduler.setFeeds([feed('a'), feed('b'), feed('c')], settings({ concurrency: 1 }));
    scheduler.refresh(['c']);
    fetcher.answer = notModified;
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    expect(fetcher.urls()).toEqual([url('a'), url('c'), url('b')]);
  });

  it('dedupes refreshes against queued and in-flight feeds, and ignores unknown ids', async () => {
    const { scheduler, fetcher, progress } = setup();
    launchEmpty(scheduler, { concurrency: 1 });
    scheduler.setFeeds(
      [feed('a', { lastFetchedAt: T0 }), feed('b', { lastFetchedAt: T0 })],
      settings({ concurrency: 1 }),
    );
    scheduler.refresh(['a', 'b', 'a', 'nope']);
    scheduler.refresh(['a']);
    scheduler.refresh(['b']);
    scheduler.refresh();
    expect(fetcher.calls).toHaveLength(1);
    expect(progress().at(-1)).toMatchObject({ total: 2 });
    fetcher.answer = notModified;
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    expect(fetcher.urls()).toEqual([url('a'), url('b')]);
  });

  it('never has more fetches in flight than the concurrency limit', async () => {
    const { scheduler, fetcher } = setup();
    const feeds = Array.from({ length: 20 }, (_, i) => feed(`f${i}`));
    scheduler.setFeeds(feeds, settings({ concurrency: 3 }));
    expect(fetcher.current).toBe(3);
    for (let round = 0; round < 20; round++) {
      const first = fetcher.calls.find((call) => call.open);
      if (!first) break;
      first.resolve(notModified(first.request));
      await settle();
      expect(fetcher.current).toBeLessThanOrEqual(3);
      if (round === 5) scheduler.setFeeds(feeds, settings({ concurrency: 2 }));
    }
    expect(fetcher.max).toBe(3);
    expect(fetcher.calls).toHaveLength(20);
  });

  it('cancel drops the queue, aborts what is in flight and emits no result for it', async () => {
    const { scheduler, fetcher, progress, results, clock } = setup();
    scheduler.setFeeds([feed('a'), feed('b'), feed('c'), feed('d')], settings({ concurrency: 2 }));
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    expect(fetcher.urls()).toEqual([url('a'), url('b'), url('c')]);
    scheduler.cancel();
    await settle();
    expect(fetcher.call('b').request.signal.aborted).toBe(true);
    expect(fetcher.call('c').request.signal.aborted).toBe(true);
    expect(results().map((result) => result.feedId)).toEqual(['a']);
    expect(progress().at(-1)).toEqual({
      running: false,
      cancelled: true,
      done: 1,
      total: 4,
      failed: 0,
    });
    // Cancelled feeds wait for their next interval rather than coming straight back.
    fetcher.answer = notModified;
    await clock.advance(10 * MIN);
    expect(fetcher.calls).toHaveLength(3);
    await clock.advance(25 * MIN);
    // a is due again one interval after its fetch; b, c and d one interval after the cancel.
    expect(fetcher.urls().slice(3).sort()).toEqual([url('a'), url('b'), url('c'), url('d')]);
    // A refresh by hand right after a cancel is not held back.
    const before = fetcher.calls.length;
    scheduler.cancel();
    scheduler.refresh(['d']);
    await settle();
    expect(fetcher.calls.length).toBe(before + 1);
  });

  it('does not exceed the limit while aborted fetches are still settling', async () => {
    const { scheduler, fetcher, results } = setup();
    fetcher.honourAbort = false;
    scheduler.setFeeds([feed('a'), feed('b'), feed('c')], settings({ concurrency: 2 }));
    scheduler.cancel();
    scheduler.refresh(['c']);
    await settle();
    // a and b still hold their connections.
    expect(fetcher.urls()).toEqual([url('a'), url('b')]);
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    expect(fetcher.urls()).toEqual([url('a'), url('b'), url('c')]);
    expect(fetcher.max).toBe(2);
    // The late answer for the cancelled fetch is dropped.
    expect(results()).toEqual([]);
  });

  it('resume fetches what is due or older than its interval, respecting back-off', async () => {
    const { scheduler, fetcher, clock } = setup({ random: () => 0.999999 });
    launchEmpty(scheduler);
    scheduler.setFeeds(
      [
        // 31 minutes old, but jittered to 33: not yet due by the schedule.
        feed('stale', { lastFetchedAt: T0 - 31 * MIN }),
        feed('fresh', { lastFetchedAt: T0 - 5 * MIN }),
        feed('backing-off', { lastFetchedAt: T0 - 5 * HOUR, nextAttemptAt: T0 + HOUR }),
        feed('gone', { lastFetchedAt: T0 - 5 * HOUR, gone: true }),
      ],
      settings(),
    );
    await clock.advance(10);
    expect(fetcher.calls).toHaveLength(0);
    scheduler.resume();
    expect(fetcher.urls()).toEqual([url('stale')]);
  });

  it('drops removed feeds from the queue and adds new ones to a running run', async () => {
    const { scheduler, fetcher, progress, results } = setup();
    scheduler.setFeeds([feed('a'), feed('b'), feed('c')], settings({ concurrency: 1 }));
    expect(progress()).toEqual([{ running: true, done: 0, total: 3, failed: 0 }]);
    scheduler.setFeeds([feed('c'), feed('d')], settings({ concurrency: 1 }));
    expect(progress().at(-1)).toEqual({ running: true, done: 0, total: 3, failed: 0 });
    fetcher.answer = notModified;
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    expect(fetcher.urls()).toEqual([url('a'), url('c'), url('d')]);
    // a was removed while in flight: its result still goes out, the renderer ignores it.
    expect(results().map((result) => result.feedId)).toEqual(['a', 'c', 'd']);
    expect(progress().at(-1)).toEqual({ running: false, done: 3, total: 3, failed: 0 });
  });

  it('does not fetch again when setFeeds arrives before the renderer stored the result', async () => {
    const { scheduler, fetcher, clock } = setup({ answer: (request) => okResult(request) });
    const stored = [feed('a', { etag: '"old"', lastFetchedAt: T0 - 2 * HOUR })];
    scheduler.setFeeds(stored, settings());
    await settle();
    expect(fetcher.calls).toHaveLength(1);
    scheduler.setFeeds(stored, settings());
    scheduler.resume();
    await clock.advance(20 * MIN);
    expect(fetcher.calls).toHaveLength(1);
    // The validators still come only from the renderer: the unsaved "new" is not used.
    await clock.advance(15 * MIN);
    expect(fetcher.calls).toHaveLength(2);
    expect(fetcher.calls[1]?.request.etag).toBe('"old"');
    const fetchedAt = clock.now;
    scheduler.setFeeds([feed('a', { etag: '"new"', lastFetchedAt: fetchedAt })], settings());
    await clock.advance(35 * MIN);
    expect(fetcher.calls[2]?.request.etag).toBe('"new"');
  });

  it('trusts the renderer again once it has a newer fetch than ours', async () => {
    const { scheduler, fetcher, clock } = setup({
      random: () => 0,
      answer: () => new AppError('network', 'main.error.untranslated', { message: 'down' }),
    });
    scheduler.setFeeds([feed('a')], settings());
    await settle();
    expect(fetcher.calls).toHaveLength(1);
    // Re-added through feeds.fetch: the renderer now has a later, successful fetch.
    await clock.advance(MIN);
    scheduler.setFeeds([feed('a', { lastFetchedAt: clock.now })], settings());
    await clock.advance(26 * MIN);
    expect(fetcher.calls).toHaveLength(1);
    // Due 27 minutes (random 0: −10%) after the renderer's fetch, not at our back-off (T0 + 30).
    await clock.advance(MIN + 1000);
    expect(fetcher.calls).toHaveLength(2);
    expect(clock.now).toBeLessThan(T0 + 30 * MIN);
  });

  it('turns every error into a failure result', async () => {
    const thrower = setup();
    thrower.scheduler.dispose();
    const sched = createSyncScheduler({
      ...thrower.deps,
      fetchFeed: (request) => {
        if (request.url === url('sync-throw')) throw new TypeError('boom');
        if (request.url === url('plain')) return Promise.reject(new Error('kaput'));
        if (request.url === url('string')) return Promise.reject('weird');
        return Promise.reject(new AppError('not-a-feed', 'main.feed.jsonData'));
      },
    });
    sched.setFeeds([feed('sync-throw'), feed('plain'), feed('string'), feed('app')], settings());
    await settle();
    const internal = { id: 'main.sync.internal' };
    expect(
      thrower
        .failures()
        .map(({ feedId, code, message, text }) => ({ feedId, code, message, text })),
    ).toEqual([
      {
        feedId: 'sync-throw',
        code: 'internal',
        message: expect.stringMatching(/problem/),
        text: internal,
      },
      {
        feedId: 'plain',
        code: 'internal',
        message: expect.stringMatching(/problem/),
        text: internal,
      },
      {
        feedId: 'string',
        code: 'internal',
        message: expect.stringMatching(/problem/),
        text: internal,
      },
      {
        feedId: 'app',
        code: 'not-a-feed',
        message: 'This is JSON data, not a feed.',
        text: { id: 'main.feed.jsonData' },
      },
    ]);
    expect(thrower.logged).toHaveLength(3);
    sched.dispose();
  });

  it('keeps going when emitting an event throws', async () => {
    const base = setup({ answer: notModified });
    base.scheduler.dispose();
    let emitted = 0;
    const sched = createSyncScheduler({
      ...base.deps,
      emit: () => {
        emitted += 1;
        throw new Error('window gone');
      },
    });
    sched.setFeeds([feed('a'), feed('b')], settings({ concurrency: 1 }));
    await settle();
    expect(base.fetcher.calls).toHaveLength(2);
    expect(emitted).toBe(6);
    expect(base.logged).toHaveLength(6);
  });

  it('reports progress: start, after each feed, and at the end', async () => {
    const { scheduler, fetcher, progress, events } = setup();
    scheduler.setFeeds([feed('a'), feed('b')], settings({ concurrency: 1 }));
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    scheduler.refresh(['c-unknown', 'a']);
    fetcher
      .call('b')
      .reject(new AppError('timeout', 'main.error.untranslated', { message: 'slow' }));
    await settle();
    fetcher.call('a').resolve(notModified(fetcher.call('a').request));
    await settle();
    expect(progress()).toEqual([
      { running: true, done: 0, total: 2, failed: 0 },
      { running: true, done: 1, total: 2, failed: 0 },
      { running: true, done: 1, total: 3, failed: 0 },
      { running: true, done: 2, total: 3, failed: 1 },
      { running: true, done: 3, total: 3, failed: 1 },
      { running: false, done: 3, total: 3, failed: 1 },
    ]);
    // Each result precedes the progress that counts it.
    expect(events.map((event) => event.name)).toEqual([
      'sync.progress',
      'sync.result',
      'sync.progress',
      'sync.progress',
      'sync.result',
      'sync.progress',
      'sync.result',
      'sync.progress',
      'sync.progress',
    ]);
    // A new run counts from zero.
    scheduler.refresh(['b']);
    expect(progress().at(-1)).toEqual({ running: true, done: 0, total: 1, failed: 0 });
  });

  it('emits nothing and fetches nothing after dispose', async () => {
    const { scheduler, fetcher, events, clock } = setup();
    scheduler.setFeeds([feed('a'), feed('b')], settings({ concurrency: 1 }));
    const count = events.length;
    scheduler.dispose();
    expect(fetcher.call('a').request.signal.aborted).toBe(true);
    expect(clock.pending).toBe(0);
    scheduler.refresh();
    scheduler.setFeeds([feed('c')], settings());
    await clock.advance(48 * HOUR);
    expect(fetcher.calls).toHaveLength(1);
    expect(events).toHaveLength(count);
  });

  it('serves the three contract handlers', async () => {
    const { scheduler, fetcher } = setup({ answer: notModified });
    const handlers = createSyncHandlers(scheduler);
    await expect(
      handlers['sync.setFeeds']({
        feeds: [{ feed: feed('a', { lastFetchedAt: T0 }) }],
        settings: settings(),
      }),
    ).resolves.toEqual({ rejected: [] });
    await settle();
    expect(fetcher.calls).toHaveLength(1);
    await expect(handlers['sync.refresh']({ feedIds: ['a'] })).resolves.toBeNull();
    await settle();
    expect(fetcher.calls).toHaveLength(2);
    fetcher.answer = undefined;
    await handlers['sync.refresh']({});
    await expect(handlers['sync.cancel']({})).resolves.toBeNull();
    expect(fetcher.calls.at(-1)?.request.signal.aborted).toBe(true);
  });

  it('schedules every valid subscription when one in the list is malformed, and names it', async () => {
    // As after a restart: the first list main hears of holds a feed whose stored values came
    // from a server (a 2,000-character ETag, a 5,000-character moved-to address).
    const { scheduler, fetcher } = setup({ answer: notModified });
    const dispatch = createDispatcher(createSyncHandlers(scheduler) as Handlers, () => undefined);
    const answer = await dispatch('sync.setFeeds', {
      feeds: [
        feed('a'),
        { ...feed('bad-etag'), etag: `"${'e'.repeat(2000)}"` },
        { ...feed('bad-url'), url: `https://example.com/${'p'.repeat(5000)}` },
        feed('b'),
      ],
      settings: settings(),
    });
    expect(answer).toEqual({
      ok: true,
      value: {
        rejected: [
          { id: 'bad-etag', reason: expect.stringMatching(/^its ETag is not acceptable/) },
          { id: 'bad-url', reason: expect.stringMatching(/^its address is not acceptable/) },
        ],
      },
    });
    await settle();
    expect(fetcher.urls().sort()).toEqual([url('a'), url('b')]);
    // A whole list that is not a list of subscriptions is still refused outright.
    expect(await dispatch('sync.setFeeds', { feeds: ['x'], settings: settings() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-params' },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Against the loopback fixture server, with real timers and the real fetch → parse pipeline.

describe('sync scheduler with the fixture server', () => {
  let server: FixtureServer;
  const inFlight = { current: 0, max: 0 };
  const FEED_XML = (n: number) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title>` +
    `<link>https://example.com/${n}</link>` +
    `<item><guid>${n}-1</guid><title>Item ${n}</title><description>&lt;p&gt;Hello &lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description></item>` +
    `</channel></rss>`;

  beforeAll(async () => {
    // The fixture server has no hook for in-flight requests, so count them on its http.Server.
    const original = http.createServer;
    const counting = ((...args: Parameters<typeof http.createServer>) => {
      const created = original(...args);
      created.prependListener('request', (_request, response) => {
        inFlight.current += 1;
        inFlight.max = Math.max(inFlight.max, inFlight.current);
        response.once('close', () => {
          inFlight.current -= 1;
        });
      });
      return created;
    }) as typeof http.createServer;
    http.createServer = counting;
    try {
      server = await startFixtureServer();
    } finally {
      http.createServer = original;
    }
    for (let n = 0; n < 12; n++) {
      const response = await fetch(`${server.url}/mutable/feed-${n}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/rss+xml' },
        body: FEED_XML(n),
      });
      expect(response.status).toBe(201);
    }
  });

  afterAll(async () => {
    await server.close();
  });

  function realScheduler(fetchFeed?: SchedulerDeps['fetchFeed']) {
    const events: Emitted[] = [];
    const waiters: (() => void)[] = [];
    const fetcher =
      fetchFeed ??
      createFeedFetcher({ fetch: globalThis.fetch, userAgent: 'Broadsheet-test', now: Date.now });
    const scheduler = createSyncScheduler({
      ...systemClock,
      fetchFeed: fetcher,
      emit: (name, payload) => {
        events.push({ name, payload } as Emitted);
        if (name === 'sync.progress' && !(payload as SyncProgress).running) {
          waiters.splice(0).forEach((wake) => wake());
        }
      },
    });
    const idle = () => new Promise<void>((resolve) => waiters.push(resolve));
    const results = () =>
      events.flatMap((event) => (event.name === 'sync.result' ? [event.payload] : []));
    return { scheduler, events, idle, results };
  }

  it('never has more requests in flight on the server than the limit', async () => {
    const { scheduler, idle, results } = realScheduler();
    inFlight.max = 0;
    const feeds = Array.from({ length: 12 }, (_, n) =>
      feed(`f${n}`, { url: `${server.url}/mutable/feed-${n}?delay=120` }),
    );
    const done = idle();
    scheduler.setFeeds(feeds, settings({ concurrency: 3 }));
    await done;
    scheduler.dispose();
    expect(inFlight.max).toBe(3);
    expect(results()).toHaveLength(12);
    const first = results()[0];
    expect(first).toMatchObject({ ok: true, result: { status: 'ok' } });
    if (!first?.ok || first.result.status !== 'ok') throw new Error('expected ok');
    // The result is parsed and sanitized: no script survives.
    expect(first.result.feed.items[0]?.summary).not.toContain('script');
  });

  it('sends stored validators and reports 304 as not modified', async () => {
    const { scheduler, idle, results } = realScheduler();
    let done = idle();
    scheduler.setFeeds([feed('a', { url: `${server.url}/mutable/feed-0` })], settings());
    await done;
    const first = results()[0];
    if (!first?.ok || first.result.status !== 'ok') throw new Error('expected ok');
    expect(first.result.etag).toMatch(/^"/);
    scheduler.setFeeds(
      [
        feed('a', {
          url: `${server.url}/mutable/feed-0`,
          etag: first.result.etag,
          lastModified: first.result.lastModified,
          lastFetchedAt: first.fetchedAt,
        }),
      ],
      settings(),
    );
    done = idle();
    scheduler.refresh();
    await done;
    scheduler.dispose();
    expect(results()[1]).toMatchObject({
      feedId: 'a',
      ok: true,
      result: { status: 'not-modified' },
    });
    const last = server.requests.at(-1);
    expect(last?.headers['if-none-match']).toBe(first.result.etag);
  });

  it('honours Retry-After and marks 410 gone', async () => {
    const { scheduler, idle, results } = realScheduler();
    const done = idle();
    const started = Date.now();
    scheduler.setFeeds(
      [
        feed('busy', { url: `${server.url}/status/503?retryAfter=7200` }),
        feed('dead', { url: `${server.url}/status/410` }),
      ],
      settings(),
    );
    await done;
    scheduler.dispose();
    const busy = results().find((result) => result.feedId === 'busy');
    const dead = results().find((result) => result.feedId === 'dead');
    if (busy?.ok !== false || dead?.ok !== false) throw new Error('expected failures');
    expect(busy.failure).toMatchObject({ code: 'http', status: 503, failureCount: 1 });
    expect(busy.failure.nextAttemptAt).toBeGreaterThanOrEqual(started + 2 * HOUR);
    expect(busy.failure.message).toContain('asked to wait 2 hours');
    expect(dead.failure).toMatchObject({ status: 410, gone: true, failureCount: 1 });
    expect(dead.failure).not.toHaveProperty('nextAttemptAt');
  });

  it('brings only the newest items the settings allow, through the whole pipeline', async () => {
    const day = (d: number) => new Date(Date.UTC(2024, 0, d)).toUTCString();
    // Oldest first, as some feeds list them: the cap keeps the end of the document.
    const items = Array.from(
      { length: 30 },
      (_, i) =>
        `<item><guid>big-${i}</guid><title>Item ${i}</title><pubDate>${day(i + 1)}</pubDate></item>`,
    ).join('');
    const put = await fetch(`${server.url}/mutable/big`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/rss+xml' },
      body: `<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`,
    });
    expect(put.status).toBe(201);
    const { scheduler, idle, results } = realScheduler();
    const done = idle();
    scheduler.setFeeds(
      [feed('big', { url: `${server.url}/mutable/big` })],
      settings({ maxItemsPerFeed: 5 }),
    );
    await done;
    scheduler.dispose();
    const [result] = results();
    if (!result?.ok || result.result.status !== 'ok') throw new Error('expected ok');
    expect(result.result.feed.items.map((item) => item.id)).toEqual([
      'big-25',
      'big-26',
      'big-27',
      'big-28',
      'big-29',
    ]);
  });

  it('cancel aborts a fetch in flight through the whole fetch pipeline', async () => {
    const base = createFeedFetcher({
      fetch: globalThis.fetch,
      userAgent: 'Broadsheet-test',
      now: Date.now,
    });
    let settledAt = 0;
    const { scheduler, events } = realScheduler((request, limits) =>
      base(request, limits).finally(() => {
        settledAt = Date.now();
      }),
    );
    scheduler.setFeeds([feed('hang', { url: `${server.url}/hang` })], settings());
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.requests.some((request) => request.path === '/hang')).toBe(true);
    const cancelledAt = Date.now();
    scheduler.cancel();
    for (let waited = 0; settledAt === 0 && waited < 3000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Aborted, not left to the 10-second connect timeout.
    expect(settledAt).toBeGreaterThanOrEqual(cancelledAt);
    expect(settledAt - cancelledAt).toBeLessThan(1000);
    expect(events.filter((event) => event.name === 'sync.result')).toEqual([]);
    expect(events.at(-1)).toEqual({
      name: 'sync.progress',
      payload: { running: false, cancelled: true, done: 0, total: 1, failed: 0 },
    });
    scheduler.dispose();
  });
});
