/**
 * The names in the contract, kept free of any dependency so the sandboxed preload can check
 * them without bundling the validation library. `contract.ts` is checked against these lists.
 */
export const METHOD_NAMES = [
  'app.info',
  'feeds.fetch',
  'feeds.discover',
  'opml.parse',
  'opml.build',
  'sync.setFeeds',
  'sync.refresh',
  'sync.cancel',
  'articles.fetchFull',
  'articles.import',
  'images.fetch',
  'episodes.fetch',
  'feeds.icon',
  'accounts.signIn',
  'accounts.list',
  'accounts.signOut',
  'accounts.remove',
  'accounts.pull',
  'accounts.fetchItems',
  'accounts.push',
  'backups.begin',
  'backups.append',
  'backups.finish',
  'backups.abort',
  'backups.list',
  'backups.read',
  'desktop.preferences',
  'desktop.badge',
  'desktop.notify',
  'desktop.takeLinks',
  'desktop.language',
  'updates.check',
  'updates.install',
  'updates.current',
] as const;
export const EVENT_NAMES = [
  'app.ready',
  'sync.progress',
  'sync.result',
  'desktop.linksWaiting',
  'desktop.openArticle',
  'updates.status',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

/** IPC channel names, shared so preload and main cannot drift apart. */
export const IPC_INVOKE = 'broadsheet:invoke';
export const IPC_EVENT = 'broadsheet:event';
