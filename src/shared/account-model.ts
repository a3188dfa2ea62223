/**
 * Sync accounts: a server the reader already uses (FreshRSS, Miniflux, any Google Reader API
 * server) as a source of subscriptions and articles beside "On this computer". Main speaks the
 * protocol and holds the secrets; the renderer holds the library and the outbox of changes not
 * yet confirmed by the server. Everything here crosses the process boundary, so no secret does.
 */

import type { ParsedItem } from './feed-model';
import type { MainText } from './result';

export const ACCOUNT_SERVICES = ['freshrss', 'miniflux', 'greader'] as const;
export type AccountService = (typeof ACCOUNT_SERVICES)[number];

/** As the "Service" combobox names them. */
export const SERVICE_LABELS: Record<AccountService, string> = {
  freshrss: 'FreshRSS',
  miniflux: 'Miniflux',
  greader: 'Other Google Reader API server',
};

/** An account as main knows it, without its secret. */
export interface AccountSummary {
  id: string;
  service: AccountService;
  /** The address the reader typed, normalized (no trailing slash). */
  serverUrl: string;
  /** Where the Reader API answered: `${apiUrl}/accounts/ClientLogin`, `${apiUrl}/reader/api/0/…`. */
  apiUrl: string;
  username: string;
  /** False after sign-out or once the server refused the stored token (401): "Sign in again". */
  signedIn: boolean;
}

export interface SignInResult {
  account: AccountSummary;
  /** Something the reader should know but that does not stop signing in (plain http). */
  warning?: string;
}

/** A folder on the server (a label that subscriptions carry). */
export interface RemoteFolder {
  /** The label's stream id, `user/-/label/<name>`. */
  id: string;
  name: string;
}

export interface RemoteSubscription {
  /** `feed/…` as the server spells it: the handle for edit, unsubscribe and item origins. */
  streamId: string;
  title: string;
  /** The feed's own address. */
  url: string;
  siteUrl?: string;
  iconUrl?: string;
  /** Names of the folders it is in (servers with folder semantics give at most one). */
  folders: string[];
}

/**
 * What the server holds now, as ids: the renderer compares them with what it stores and asks
 * for the contents of only the items it lacks (FreshRSS issue #2566).
 *
 * Item ids are always in the long form, `tag:google.com,2005:reader/item/<16 hex digits>`,
 * whatever form the server used.
 */
export interface AccountSnapshot {
  /** Present when asked for (`subscriptions: true`). */
  subscriptions?: RemoteSubscription[];
  folders?: RemoteFolder[];
  /**
   * Present with subscriptions: every item label (not folder) and the ids of the items that
   * carry it, so label changes made elsewhere reach tags on items already stored.
   */
  labels?: { name: string; itemIds: string[] }[];
  /** Every unread item (continuation followed to the end). */
  unreadIds: string[];
  /** Every starred item. */
  starredIds: string[];
  /**
   * Items that reached the server since `since` (all the server keeps, newest first, up to the
   * cap on a first sync): read or not, they belong in the library.
   */
  newIds: string[];
  /** Epoch ms to send as `since` next time; a little before the server's "now" for overlap. */
  nextSince: number;
  /** How many HTTP requests this pull made (for the bench and the reader's peace of mind). */
  requests: number;
}

/**
 * One item's contents: a feed item (sanitized by main like any other, `summaryOnly` by the same
 * teaser heuristic) with what the server knows of it. Its `id` is the long form (see
 * AccountSnapshot); its `categories` are the feed's own, not server state or labels.
 */
export interface RemoteItem extends ParsedItem {
  /** The subscription it came from (`feed/…`). */
  streamId: string;
  /** User labels on the item (tags), folders excluded. */
  labels: string[];
  read: boolean;
  starred: boolean;
}

/**
 * One change the reader made to an account, as the outbox keeps it and `accounts.push` sends
 * it. The renderer coalesces its queue (the last change to an item's read or star state wins)
 * before sending, so a thousand taps cost a handful of requests.
 */
export type AccountChange =
  | { kind: 'read' | 'unread' | 'star' | 'unstar'; itemIds: string[] }
  | { kind: 'label' | 'unlabel'; label: string; itemIds: string[] }
  | { kind: 'subscribe'; url: string; title?: string; folder?: string }
  | { kind: 'unsubscribe'; streamId: string }
  /** Into `to` (a folder name) or, without it, out of every folder. */
  | { kind: 'move'; streamId: string; from?: string; to?: string }
  | { kind: 'rename'; streamId: string; title: string }
  /** Every item of the stream (a feed, a folder label, or the reading list) up to `before`. */
  | { kind: 'mark-all-read'; streamId: string; before: number };

export type AccountChangeKind = AccountChange['kind'];

export interface PushResult {
  /**
   * How many changes, from the front of the list, the server confirmed. The renderer deletes
   * exactly those from its outbox; the rest stay queued, in order.
   */
  applied: number;
  /** For each confirmed `subscribe`: its index in the list and the stream id the server gave. */
  subscribed: { index: number; streamId: string }[];
  /** Why the change at index `applied` was not confirmed (absent when all were). */
  error?: { code: string; message: string; text?: MainText };
}

/** Most ids or changes one call carries; main splits them into the server's own batch sizes. */
export const MAX_ITEMS_PER_CALL = 1000;
export const MAX_CHANGES_PER_CALL = 1000;
