import type { AppInfo, Handlers } from '../shared/contract';
import { fetchAndParseFeed, type FeedServiceDeps } from './feeds/feed-service';

export interface CoreDeps extends FeedServiceDeps {
  appInfo: AppInfo;
}

/**
 * Everything the main process does for the renderer, independent of how calls arrive:
 * the Electron shell and the browser host both serve exactly these handlers.
 */
export function createHandlers(deps: CoreDeps): Handlers {
  return {
    'app.info': async () => deps.appInfo,
    'feeds.fetch': (params) => fetchAndParseFeed(deps, params),
  };
}

/** Descriptive, so publishers can tell who polls them and how to reach us. */
export function userAgent(version: string, host: AppInfo['host']): string {
  return `Broadsheet/${version} (${host}; offline news reader)`;
}
