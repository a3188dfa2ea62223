import type { AppInfo, EventName, Events, Handlers } from '../shared/contract';
import { fetchFullArticle, fetchImages, importFile } from './articles/article-service';
import type { Extractor } from './articles/extract-job';
import { discoverFeeds } from './feeds/discover';
import { fetchFeedIcon } from './feeds/feed-icon';
import { fetchAndParseFeed, type FeedServiceDeps } from './feeds/feed-service';
import { buildOpml } from './feeds/opml/build-opml';
import { parseOpml } from './feeds/opml/parse-opml';
import { createSyncScheduler, type SchedulerDeps, type SyncScheduler } from './sync/scheduler';
import { createFeedFetcher, createSyncHandlers, systemClock } from './sync/sync-handlers';

export interface CoreDeps extends FeedServiceDeps {
  appInfo: AppInfo;
  /** Pushes an event to the renderer (IPC in Electron, server-sent events in the browser host). */
  emit: <E extends EventName>(name: E, payload: Events[E]) => void;
  /** Timers and randomness for the scheduler; the real ones unless a test passes its own. */
  clock?: Pick<SchedulerDeps, 'now' | 'random' | 'setTimer' | 'clearTimer'>;
  logError?: (message: string, error: unknown) => void;
  /** Article extraction: a worker pool in the app and the host; on this thread if absent. */
  extract?: Extractor;
}

export interface Core {
  handlers: Handlers;
  scheduler: SyncScheduler;
}

/**
 * Everything the main process does for the renderer, independent of how calls arrive:
 * the Electron shell and the browser host both serve exactly these handlers.
 */
export function createCore(deps: CoreDeps): Core {
  const scheduler = createSyncScheduler({
    fetchFeed: createFeedFetcher(deps),
    emit: (name, payload) => deps.emit(name, payload),
    log: deps.logError ?? ((message, error) => console.error(message, error)),
    ...(deps.clock ?? systemClock),
  });
  const handlers: Handlers = {
    'app.info': async () => deps.appInfo,
    'feeds.fetch': (params) => fetchAndParseFeed(deps, params),
    'feeds.discover': (params) => discoverFeeds(deps, params.url),
    'opml.parse': async (params) => parseOpml(params.text),
    'opml.build': async (params) => ({
      text: buildOpml(params.title, params.root, new Date(deps.now())),
    }),
    ...createSyncHandlers(scheduler),
    'articles.fetchFull': (params) => fetchFullArticle(deps, params.url),
    'articles.import': (params) => importFile(params, deps.now(), deps.extract),
    'images.fetch': (params) => fetchImages(deps, params.urls),
    'feeds.icon': (params) => fetchFeedIcon(deps, params),
  };
  return { handlers, scheduler };
}

/** Descriptive, so publishers can tell who polls them and how to reach us. */
export function userAgent(version: string, host: AppInfo['host']): string {
  return `Broadsheet/${version} (${host}; offline news reader)`;
}
