import { randomBytes, randomUUID } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import type { AppInfo, EventName, Events, Handlers } from '../shared/contract';
import { createAccountHandlers } from './accounts/account-handlers';
import { createBackupHandlers, unsupportedBackupHandlers } from './backups/backup-handlers';
import { createBackupStore } from './backups/backup-store';
import {
  fetchFullArticle,
  fetchImages,
  importFile,
  type ArticleServiceDeps,
} from './articles/article-service';
import type { Extractor } from './articles/extract-job';
import { createMemoryCredentialStore, type CredentialStore } from './accounts/credential-store';
import { createGReaderClient } from './accounts/greader-client';
import { createGReaderProtocol } from './accounts/greader-protocol';
import { discoverFeeds } from './feeds/discover';
import { createFeedFetcher } from './feeds/feed-fetcher';
import { fetchFeedIcon } from './feeds/feed-icon';
import { fetchAndParseFeed, type FeedServiceDeps } from './feeds/feed-service';
import { buildOpml } from './feeds/opml/build-opml';
import { parseOpml } from './feeds/opml/parse-opml';
import { ownHostAllowance } from './net/address-guard';
import { fetchEpisodeChunk } from './net/fetch-episode';
import type { NetGuard } from './net/guarded-fetch';
import { createSyncScheduler, type SchedulerDeps, type SyncScheduler } from './sync/scheduler';
import { createSyncHandlers, systemClock } from './sync/sync-handlers';
import { browserDesktopHandlers, type DesktopHandlers } from './desktop/desktop-handlers';
import { createLinkQueue } from './desktop/link-queue';

export interface CoreDeps extends Omit<FeedServiceDeps, 'fetch'> {
  /**
   * Every request's fetch, given the host the reader typed when there is one (see
   * net/guarded-fetch.ts): the app passes the address guard; tests may pass a plain fetch.
   */
  net: Pick<NetGuard, 'fetchFor' | 'isPrivateHost'>;
  appInfo: AppInfo;
  /** Pushes an event to the renderer (IPC in Electron, server-sent events in the browser host). */
  emit: <E extends EventName>(name: E, payload: Events[E]) => void;
  /** Timers and randomness for the scheduler; the real ones unless a test passes its own. */
  clock?: Pick<SchedulerDeps, 'now' | 'random' | 'setTimer' | 'clearTimer'>;
  logError?: (message: string, error: unknown) => void;
  /** Article extraction: a worker pool in the app and the host; on this thread if absent. */
  extract?: Extractor;
  /**
   * Where sync accounts' sign-ins live: a safeStorage-sealed file in the app, a private file
   * in the browser host; in memory only (gone at exit) when absent, as in tests.
   */
  credentials?: CredentialStore;
  /**
   * The automatic backups folder (main/backups): `<userData>/backups` in the app,
   * `<dataDir>/backups` in the browser host. Without it (tests, the CLI) `backups.*` refuse.
   */
  backupsDir?: string;
  /**
   * Living on the reader's computer (notifications, badge, updates, links): the Electron
   * shell's; the browser host's (Web Notifications in the page, no updates) when absent.
   */
  desktop?: DesktopHandlers;
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
  /** The domain's deps for one request, with the fetch its allowance (if any) earns. */
  const using = (allowPrivateHost?: string): ArticleServiceDeps => ({
    ...deps,
    fetch: deps.net.fetchFor(allowPrivateHost),
  });
  /**
   * For what the reader typed: the allowance for the URL's own host, kept only when that host
   * is on their network. A public host gets none, so it cannot later rebind to a private one.
   */
  const typed = async (url: string, allowPrivateHost?: string) => {
    const host = ownHostAllowance(url, allowPrivateHost);
    return host && (await deps.net.isPrivateHost(host)) ? host : undefined;
  };
  const scheduler = createSyncScheduler({
    fetchFeed: createFeedFetcher(using(), (host) => deps.net.fetchFor(host)),
    emit: (name, payload) => deps.emit(name, payload),
    log: deps.logError ?? ((message, error) => console.error(message, error)),
    ...(deps.clock ?? systemClock),
  });
  const greader = createGReaderProtocol((options) =>
    createGReaderClient({ ...options, userAgent: deps.userAgent, now: deps.now }),
  );
  const handlers: Handlers = {
    'app.info': async () => deps.appInfo,
    'feeds.fetch': async ({ allowPrivateHost, ...request }) => {
      const privateHost = await typed(request.url, allowPrivateHost);
      const result = await fetchAndParseFeed(using(privateHost), request);
      // The subscription keeps the allowance, so its refreshes may reach that host too.
      return privateHost && result.status === 'ok' ? { ...result, privateHost } : result;
    },
    'feeds.discover': async (params) =>
      discoverFeeds(using(await typed(params.url, params.allowPrivateHost)), params.url),
    'opml.parse': async (params) => parseOpml(params.text),
    'opml.build': async (params) => ({
      text: buildOpml(params.title, params.root, new Date(deps.now())),
    }),
    ...createSyncHandlers(scheduler),
    'articles.fetchFull': async (params) => {
      const privateHost = await typed(params.url, params.allowPrivateHost);
      const article = await fetchFullArticle(using(privateHost), params.url);
      return privateHost ? { ...article, privateHost } : article;
    },
    'articles.import': (params) => importFile(params, deps.now(), deps.extract),
    // Images and icons may come from the allowed host only; the guard checks each URL's host.
    'images.fetch': (params) => fetchImages(using(params.allowPrivateHost), params.urls),
    'episodes.fetch': ({ allowPrivateHost, ...request }) =>
      fetchEpisodeChunk(using(allowPrivateHost), request),
    'feeds.icon': ({ allowPrivateHost, ...request }) =>
      fetchFeedIcon(using(allowPrivateHost), request),
    ...createAccountHandlers({
      store: deps.credentials ?? createMemoryCredentialStore(),
      // Every service offered today speaks the Google Reader API.
      protocolFor: () => greader,
      // The allowance stored with the account: its requests may reach that host, only it.
      fetchFor: (allowPrivateHost) => deps.net.fetchFor(allowPrivateHost),
      // The server address is always typed by the reader, so its own host may be private.
      typed: (url) => typed(url, new URL(url).hostname),
      now: deps.now,
      newId: randomUUID,
      logError: deps.logError ?? ((message, error) => console.error(message, error)),
    }),
    ...(deps.backupsDir === undefined
      ? unsupportedBackupHandlers()
      : createBackupHandlers(
          createBackupStore({
            dir: deps.backupsDir,
            fs: nodeFs,
            now: deps.now,
            randomHex: () => randomBytes(16).toString('hex'),
            logError: deps.logError,
          }),
        )),
    ...(deps.desktop ??
      browserDesktopHandlers(createLinkQueue(() => deps.emit('desktop.linksWaiting', {})))),
  };
  return { handlers, scheduler };
}

/** Descriptive, so publishers can tell who polls them and how to reach us. */
export function userAgent(version: string, host: AppInfo['host'] | 'cli'): string {
  return `Broadsheet/${version} (${host}; offline news reader)`;
}
