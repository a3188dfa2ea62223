import type { AppInfo, Handlers } from '../shared/contract';
import { AppError } from '../shared/result';
import { discoverFeeds } from './feeds/discover';
import { fetchAndParseFeed, type FeedServiceDeps } from './feeds/feed-service';
import { buildOpml } from './feeds/opml/build-opml';
import { parseOpml } from './feeds/opml/parse-opml';

export interface CoreDeps extends FeedServiceDeps {
  appInfo: AppInfo;
}

const notYet = async (): Promise<never> => {
  throw new AppError('unsupported', 'Not available yet.');
};

/**
 * Everything the main process does for the renderer, independent of how calls arrive:
 * the Electron shell and the browser host both serve exactly these handlers.
 */
export function createHandlers(deps: CoreDeps): Handlers {
  return {
    'app.info': async () => deps.appInfo,
    'feeds.fetch': (params) => fetchAndParseFeed(deps, params),
    'feeds.discover': (params) => discoverFeeds(deps, params.url),
    'opml.parse': async (params) => parseOpml(params.text),
    'opml.build': async (params) => ({
      text: buildOpml(params.title, params.root, new Date(deps.now())),
    }),
    'sync.setFeeds': notYet,
    'sync.refresh': notYet,
    'sync.cancel': notYet,
    'articles.fetchFull': notYet,
    'articles.import': notYet,
    'images.fetch': notYet,
  };
}

/** Descriptive, so publishers can tell who polls them and how to reach us. */
export function userAgent(version: string, host: AppInfo['host']): string {
  return `Broadsheet/${version} (${host}; offline news reader)`;
}
