/**
 * The sync clock. The renderer's IndexedDB is the memory: it sends every feed's conditional-GET
 * and failure state with `setFeeds`, and stores what comes back as `sync.result`. This module
 * only decides when each feed is fetched, fetches at most `concurrency` at once, and says what
 * a failure means for the next attempt (the policy is in due-time.ts, the curve in backoff.ts).
 *
 * Conditional-GET state (etag, lastModified) is taken from `setFeeds` only, never from a fetch:
 * the renderer stores a feed's articles and its new validators in one transaction, so until it
 * has done so the old validators are the ones that match what it holds. What a fetch decided
 * about timing (when it happened, failures, back-off, gone) is kept here meanwhile, so a
 * `setFeeds` that arrives before the renderer stored a result does not make the feed due again.
 *
 * Everything with a side effect comes in through SchedulerDeps, so tests drive it with a fake
 * clock. Nothing thrown escapes: a failed fetch becomes a `sync.result` failure.
 */
import type { Events, FetchFeedResult } from '../../shared/contract';
import { englishText } from '../../shared/main-text';
import { AppError, type MainText } from '../../shared/result';
import {
  DEFAULT_SYNC_SETTINGS,
  MAX_ITEMS_PER_FETCH,
  type FeedSyncState,
  type SyncFailure,
  type SyncSettings,
} from '../../shared/sync-model';
import { FetchError } from '../net/http-get';
import { MINUTE_MS, intervalJitterFraction } from './backoff';
import { afterFailure, dueAtMs, isDueOnResume } from './due-time';

export interface SyncFetchRequest {
  url: string;
  etag?: string;
  lastModified?: string;
  /** Aborted by cancel() and dispose(); a fetch should then settle promptly. */
  signal: AbortSignal;
  /** The feed's own host, when the reader added it from their own network (FeedSyncState). */
  allowPrivateHost?: string;
}

export interface SyncFetchLimits {
  maxBytes: number;
  /** The newest this many items are kept (SyncSettings.maxItemsPerFeed). */
  maxItems: number;
}

export type SyncEventName = 'sync.progress' | 'sync.result';

export interface SchedulerDeps {
  fetchFeed(request: SyncFetchRequest, limits: SyncFetchLimits): Promise<FetchFeedResult>;
  emit<E extends SyncEventName>(name: E, payload: Events[E]): void;
  /** Epoch ms. */
  now(): number;
  /** In [0, 1). */
  random(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Unexpected errors (bugs), for the main-process log. */
  log?(message: string, error: unknown): void;
}

export interface SyncScheduler {
  /** Replaces the view of every feed; the first call after creation also refreshes at launch. */
  setFeeds(feeds: FeedSyncState[], settings: SyncSettings): void;
  /** Fetches the named feeds (gone ones too) or every feed not gone, ahead of the schedule. */
  refresh(feedIds?: string[]): void;
  /** Drops the queue and aborts what is in flight; their results are not emitted. */
  cancel(): void;
  /** After sleep or a lost connection: fetches every feed that is due or overdue, now. */
  resume(): void;
  dispose(): void;
}

/**
 * A wake-up is never sooner than this after the last: with thousands of feeds each due at its
 * own jittered moment, the timer would otherwise fire for every one of them, each time scanning
 * all feeds. A feed is fetched at most this late, never early.
 */
const MIN_WAKE_MS = 1000;
/**
 * The timer is re-armed at least this often, so a wall-clock jump or a wake from sleep that
 * nobody reported through resume() delays fetching by an hour at most.
 */
const MAX_WAKE_MS = 60 * MINUTE_MS;

type Priority = 'manual' | 'scheduled';

/** What this process decided at its last fetch of a feed, until the renderer's view catches up. */
interface Attempt {
  /** fetchedAt of that attempt. */
  at: number;
  url: string;
  lastFetchedAt?: number;
  failureCount: number;
  nextAttemptAt?: number;
  gone: boolean;
}

type Timing = Pick<FeedSyncState, 'lastFetchedAt' | 'failureCount' | 'nextAttemptAt' | 'gone'>;

interface Run {
  done: number;
  total: number;
  failed: number;
}

type Outcome = { ok: true; result: FetchFeedResult } | { ok: false; error: unknown };

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  let feeds = new Map<string, FeedSyncState>();
  let settings: SyncSettings = DEFAULT_SYNC_SETTINGS;
  let launched = false;
  let disposed = false;

  const attempts = new Map<string, Attempt>();
  /** Feeds whose fetch was cancelled wait for their next interval instead of restarting. */
  const snoozed = new Map<string, number>();
  const jitter = new Map<string, { cycle: number; fraction: number }>();

  const queued = new Map<string, Priority>();
  // Manual refreshes go first. Ids are removed from `queued` when they leave the queue in any
  // way; stale array entries are skipped on the way out.
  const queues: Record<Priority, { ids: string[]; head: number }> = {
    manual: { ids: [], head: 0 },
    scheduled: { ids: [], head: 0 },
  };
  const inFlight = new Map<string, AbortController>();
  /**
   * Fetches not yet settled, aborted ones included: an aborted fetch still holds a connection
   * until it settles, and the concurrency limit is about connections.
   */
  let active = 0;
  let run: Run | undefined;

  let timer: unknown;
  let timerAt = Infinity;

  function intervalMs(feed: FeedSyncState): number {
    return (feed.intervalMinutes ?? settings.intervalMinutes) * MINUTE_MS;
  }

  function timing(feed: FeedSyncState): Timing {
    return attempts.get(feed.id) ?? feed;
  }

  /** Drawn once per feed per cycle, so a due time does not move each time it is recomputed. */
  function jitterFraction(id: string, cycle: number): number {
    let entry = jitter.get(id);
    if (entry?.cycle !== cycle) {
      entry = { cycle, fraction: intervalJitterFraction(deps.random()) };
      jitter.set(id, entry);
    }
    return entry.fraction;
  }

  /** Epoch ms from which the schedule may fetch the feed; Infinity when it never does. */
  function dueAt(feed: FeedSyncState): number {
    return dueAtMs(
      timing(feed),
      intervalMs(feed),
      (cycle) => jitterFraction(feed.id, cycle),
      snoozed.get(feed.id),
    );
  }

  function isWaiting(id: string): boolean {
    return queued.has(id) || inFlight.has(id);
  }

  function emit<E extends SyncEventName>(name: E, payload: Events[E]): void {
    try {
      deps.emit(name, payload);
    } catch (error) {
      deps.log?.(`Could not send ${name}`, error);
    }
  }

  function emitProgress(extra: { running: boolean; cancelled?: boolean }): void {
    if (!run) return;
    const { done, total, failed } = run;
    emit('sync.progress', { ...extra, done, total, failed });
  }

  /** Guards timer and fetch callbacks: nothing may surface as an uncaught exception in main. */
  function guarded(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      deps.log?.(`Sync scheduler failed while ${what}`, error);
    }
  }

  function enqueue(ids: Iterable<string>, priority: Priority): void {
    let added = 0;
    for (const id of ids) {
      if (inFlight.has(id)) continue;
      const current = queued.get(id);
      if (current === 'manual' || current === priority) continue;
      queued.set(id, priority);
      queues[priority].ids.push(id);
      if (current === undefined) added += 1;
    }
    if (added === 0) return;
    if (run) run.total += added;
    else run = { done: 0, total: added, failed: 0 };
    emitProgress({ running: true });
  }

  function dequeue(): string | undefined {
    for (const priority of ['manual', 'scheduled'] as const) {
      const queue = queues[priority];
      while (queue.head < queue.ids.length) {
        const id = queue.ids[queue.head];
        queue.head += 1;
        if (id !== undefined && queued.get(id) === priority) {
          queued.delete(id);
          return id;
        }
      }
      queue.ids = [];
      queue.head = 0;
    }
    return undefined;
  }

  function clearQueue(): void {
    queued.clear();
    for (const queue of Object.values(queues)) {
      queue.ids = [];
      queue.head = 0;
    }
  }

  function pump(): void {
    while (!disposed && active < settings.concurrency) {
      const id = dequeue();
      if (id === undefined) return;
      const feed = feeds.get(id);
      if (feed) start(feed);
    }
  }

  function start(feed: FeedSyncState): void {
    const controller = new AbortController();
    inFlight.set(feed.id, controller);
    active += 1;
    const request: SyncFetchRequest = { url: feed.url, signal: controller.signal };
    if (feed.allowPrivateHost) request.allowPrivateHost = feed.allowPrivateHost;
    if (feed.etag) request.etag = feed.etag;
    if (feed.lastModified) request.lastModified = feed.lastModified;
    void attempt(request).then((outcome) =>
      guarded('storing a result', () => settle(feed, controller, outcome)),
    );
  }

  async function attempt(request: SyncFetchRequest): Promise<Outcome> {
    try {
      return {
        ok: true,
        result: await deps.fetchFeed(request, {
          maxBytes: settings.maxFeedBytes,
          maxItems: settings.maxItemsPerFeed ?? MAX_ITEMS_PER_FETCH,
        }),
      };
    } catch (error) {
      return { ok: false, error };
    }
  }

  function settle(feed: FeedSyncState, controller: AbortController, outcome: Outcome): void {
    active -= 1;
    if (inFlight.get(feed.id) === controller) inFlight.delete(feed.id);
    if (disposed) return;
    if (controller.signal.aborted) {
      // Cancelled: the result is dropped, but the connection it held is free again.
      pump();
      return;
    }
    const fetchedAt = deps.now();
    // The feed may have changed (or gone) while it was fetched; decide from the current view.
    const current = feeds.get(feed.id);
    const known = current?.url === feed.url ? current : undefined;
    if (outcome.ok) {
      if (known) {
        attempts.set(feed.id, {
          at: fetchedAt,
          url: feed.url,
          lastFetchedAt: fetchedAt,
          failureCount: 0,
          gone: false,
        });
      }
      emit('sync.result', { feedId: feed.id, fetchedAt, ok: true, result: outcome.result });
    } else {
      const base = known ?? feed;
      const failure = decideFailure(base, outcome.error, fetchedAt);
      if (known) {
        const attempt: Attempt = {
          at: fetchedAt,
          url: feed.url,
          failureCount: failure.failureCount,
          gone: failure.gone === true,
        };
        const lastFetchedAt = timing(base).lastFetchedAt;
        if (lastFetchedAt !== undefined) attempt.lastFetchedAt = lastFetchedAt;
        if (failure.nextAttemptAt !== undefined) attempt.nextAttemptAt = failure.nextAttemptAt;
        attempts.set(feed.id, attempt);
      }
      if (run) run.failed += 1;
      emit('sync.result', { feedId: feed.id, fetchedAt, ok: false, failure });
    }
    if (run) run.done += 1;
    emitProgress({ running: true });
    if (known) armFor(dueAt(known), fetchedAt);
    pump();
    finishIfIdle();
  }

  function decideFailure(feed: FeedSyncState, error: unknown, now: number): SyncFailure {
    const failureCount = (timing(feed).failureCount ?? 0) + 1;
    let failure: SyncFailure;
    if (error instanceof AppError) {
      failure = { code: error.code, message: error.message, text: error.text, failureCount };
    } else {
      deps.log?.(`Unexpected error while fetching ${feed.url}`, error);
      const text: MainText = { id: 'main.sync.internal' };
      failure = { code: 'internal', message: englishText(text.id), text, failureCount };
    }
    const status = error instanceof FetchError ? error.status : undefined;
    if (status !== undefined) failure.status = status;
    const retryAfterMs = error instanceof FetchError ? error.retryAfterMs : undefined;
    const next = afterFailure({
      failureCount,
      intervalMs: intervalMs(feed),
      status,
      retryAfterMs,
      now,
      random: () => deps.random(),
    });
    return { ...failure, ...next };
  }

  function finishIfIdle(): void {
    if (!run || queued.size > 0 || inFlight.size > 0) return;
    emitProgress({ running: false });
    run = undefined;
    reschedule();
  }

  /** Queues every feed that is due, and sets the one timer for the next due time. */
  function reschedule(): void {
    if (disposed) return;
    const now = deps.now();
    const due: { at: number; id: string }[] = [];
    let next = Infinity;
    for (const feed of feeds.values()) {
      if (isWaiting(feed.id)) continue;
      const at = dueAt(feed);
      if (at <= now) due.push({ at, id: feed.id });
      else if (at < next) next = at;
    }
    due.sort((a, b) => a.at - b.at);
    enqueue(
      due.map((entry) => entry.id),
      'scheduled',
    );
    disarm();
    armFor(next, now);
    pump();
  }

  function disarm(): void {
    if (timerAt === Infinity) return;
    deps.clearTimer(timer);
    timerAt = Infinity;
  }

  /** Moves the timer earlier when `at` comes before it; never later. */
  function armFor(at: number, now: number): void {
    if (!Number.isFinite(at)) return;
    const delay = Math.min(MAX_WAKE_MS, Math.max(MIN_WAKE_MS, at - now));
    if (now + delay >= timerAt) return;
    disarm();
    timerAt = now + delay;
    timer = deps.setTimer(() => {
      timerAt = Infinity;
      guarded('waking up', reschedule);
    }, delay);
  }

  function setFeeds(list: FeedSyncState[], next: SyncSettings): void {
    if (disposed) return;
    settings = next;
    const previous = feeds;
    feeds = new Map(list.map((feed) => [feed.id, feed]));
    for (const [id, attempt] of attempts) {
      const feed = feeds.get(id);
      // The renderer knows better once it has a newer fetch (feeds.fetch when the feed was
      // added or re-added) or the subscription points elsewhere.
      const stale =
        !feed ||
        feed.url !== attempt.url ||
        (feed.lastFetchedAt !== undefined && feed.lastFetchedAt > attempt.at);
      if (stale) attempts.delete(id);
    }
    for (const id of previous.keys()) {
      if (feeds.has(id)) continue;
      snoozed.delete(id);
      jitter.delete(id);
    }
    let dropped = 0;
    for (const id of queued.keys()) {
      if (feeds.has(id)) continue;
      queued.delete(id);
      dropped += 1;
    }
    if (run && dropped > 0) {
      run.total -= dropped;
      if (queued.size > 0 || inFlight.size > 0) emitProgress({ running: true });
    }
    if (!launched) {
      launched = true;
      const now = deps.now();
      enqueue(
        list
          .filter((feed) => !feed.gone && (feed.nextAttemptAt ?? 0) <= now)
          .map((feed) => feed.id),
        'scheduled',
      );
    }
    reschedule();
    finishIfIdle();
  }

  function refresh(feedIds?: string[]): void {
    if (disposed) return;
    const ids =
      feedIds === undefined
        ? [...feeds.values()].filter((feed) => !timing(feed).gone).map((feed) => feed.id)
        : feedIds.filter((id) => feeds.has(id));
    for (const id of ids) snoozed.delete(id);
    enqueue(ids, 'manual');
    pump();
  }

  function cancel(): void {
    if (disposed) return;
    const now = deps.now();
    for (const id of [...queued.keys(), ...inFlight.keys()]) {
      const feed = feeds.get(id);
      if (feed) snoozed.set(id, now + intervalMs(feed));
    }
    clearQueue();
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
    emitProgress({ running: false, cancelled: true });
    run = undefined;
    reschedule();
  }

  function resume(): void {
    if (disposed) return;
    const now = deps.now();
    const ids: string[] = [];
    for (const feed of feeds.values()) {
      if (isWaiting(feed.id)) continue;
      const due = isDueOnResume(
        timing(feed),
        intervalMs(feed),
        (cycle) => jitterFraction(feed.id, cycle),
        snoozed.get(feed.id) ?? 0,
        now,
      );
      if (due) ids.push(feed.id);
    }
    enqueue(ids, 'scheduled');
    reschedule();
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    disarm();
    clearQueue();
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
    run = undefined;
  }

  return { setFeeds, refresh, cancel, resume, dispose };
}
