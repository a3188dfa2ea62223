/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC
 * and the browser host's HTTP) carry exactly these methods and events; main validates every
 * payload against `methodParams` before a handler sees it.
 */
import { z } from 'zod';
import type { ParsedFeed } from './feed-model';
import type { Result } from './result';
import type { EventName, MethodName } from './api-names';

export { EVENT_NAMES, METHOD_NAMES, isEventName, isMethodName } from './api-names';
export type { EventName, MethodName } from './api-names';

const httpUrl = z
  .string()
  .trim()
  .max(4096)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

const validator = z.string().max(1024).optional();

export const methodParams = {
  'app.info': z.object({}).strict(),
  'feeds.fetch': z
    .object({
      url: httpUrl,
      /** The conditional-GET state stored with the feed, sent back so the server can say 304. */
      etag: validator,
      lastModified: validator,
    })
    .strict(),
} as const satisfies { [K in MethodName]: z.ZodType };

export interface AppInfo {
  name: string;
  version: string;
  /** Which host runs the main-process code: the Electron app or the browser host. */
  host: 'electron' | 'browser';
  platform: string;
}

export type FetchFeedResult =
  | { status: 'not-modified'; url: string }
  | {
      status: 'ok';
      /** Where the feed was finally fetched from, after redirects. */
      url: string;
      /** Set when a permanent redirect (301/308) moved the feed: the store should follow it. */
      movedTo?: string;
      etag?: string;
      lastModified?: string;
      feed: ParsedFeed;
    };

export interface MethodResults {
  'app.info': AppInfo;
  'feeds.fetch': FetchFeedResult;
}

export type MethodParams<K extends MethodName> = z.input<(typeof methodParams)[K]>;
export type ValidParams<K extends MethodName> = z.output<(typeof methodParams)[K]>;
export type MethodResult<K extends MethodName> = MethodResults[K];

/** What main implements: one async function per method, given already-validated params. */
export type Handlers = {
  [K in MethodName]: (params: ValidParams<K>) => Promise<MethodResult<K>>;
};

/** Pushed from main to the renderer. */
export interface Events {
  'app.ready': { at: number };
}

// Compile-time check that every declared event name has a payload type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const eventsMatchNames: Exact<keyof Events, EventName> = true;
void eventsMatchNames;

/** What the renderer sees as `window.broadsheet` (Electron) or gets from the HTTP transport. */
export interface BroadsheetApi {
  invoke<K extends MethodName>(
    method: K,
    params: MethodParams<K>,
  ): Promise<Result<MethodResult<K>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
