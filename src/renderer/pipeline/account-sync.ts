import type { AccountChange, SignInResult } from '@shared/account-model';
import { MAX_ITEMS_PER_CALL } from '@shared/account-model';
import type { BroadsheetApi } from '@shared/contract';
import { getApi } from '../api/broadsheet-api';
import { unwrap } from '../api/unwrap';
import {
  applySnapshot,
  purgedItemIds,
  rememberNotWanted,
  confirmOutbox,
  createAccount,
  knownStreams,
  mergeMovedFeeds,
  moveLocalFeedToAccount as queueMoveToAccount,
  recordAccountFailure,
  recordSubscribed,
  syncsLabels,
  removeAccount as removeAccountRows,
  signOutAccount as signOutAccountRows,
  storedItemIds,
  storeRemoteItems,
  takeOutboxBatch,
} from '../db/accounts-repository';
import { getDb } from '../db/database';
import { dropLabelChanges, MAX_REFUSALS, recordRefusal } from '../db/outbox-repository';
import type { Account } from '../db/entities';
import type { BroadsheetDb } from '../db/schema';
import { reportStorageError } from '../lib/storage-errors';
import { holdNoticeRound, noteArrivals } from './article-notices';
import { toStore, type MessageRef } from '../lib/message-ref';
import { errorText } from '../i18n/localized-error';
import { translate } from '../i18n/current-locale';

/*
 * One sync of an account with its server: push the outbox first (the reader's changes are
 * newer than anything the server holds), then pull what the server holds as ids, fetch the
 * contents of only the items not stored, store them in batches, and apply read, star and
 * labels. Main speaks the protocol (`accounts.*`); this module decides what to ask for and
 * stores the answers, so a sync cut short anywhere loses nothing and duplicates nothing.
 */

/** Subscriptions and folders are pulled again when older than this (or when forced). */
export const SUBSCRIPTIONS_MAX_AGE_MS = 15 * 60 * 1000;

export type AccountSyncStatus = 'ok' | 'signed-out' | 'error' | 'missing';

export interface AccountSyncOutcome {
  status: AccountSyncStatus;
  /** Changes the server confirmed. */
  pushed: number;
  /** Items whose contents were fetched and stored. */
  fetched: number;
  /** What went wrong, in main's words, when status is 'signed-out' or 'error'. */
  message?: string;
}

export interface AccountSyncOptions {
  /** Pull subscriptions and folders whatever their age (Refresh, a new account). */
  force?: boolean;
  /** Send the outbox only (a change the reader just made). */
  pushOnly?: boolean;
  api?: BroadsheetApi;
  db?: BroadsheetDb;
  now?: () => number;
}

class SyncStop extends Error {
  constructor(
    readonly status: 'signed-out' | 'error',
    readonly code: string,
    message: string,
    /** Main's message id, when its answer carried one: stored, to be shown in any language. */
    readonly text?: MessageRef,
  ) {
    super(message);
  }
}

/** A contract answer's value, or a stop that records why on the account. */
async function call<T>(
  answer: Promise<{ ok: true; value: T } | { ok: false; error: ApiErrorLike }>,
): Promise<T> {
  let result;
  try {
    result = await answer;
  } catch (error) {
    throw new SyncStop('error', 'network', error instanceof Error ? error.message : String(error));
  }
  if (result.ok) return result.value;
  throw stopFor(result.error);
}

type ApiErrorLike = { code: string; message: string; text?: MessageRef | undefined };

function stopFor(error: ApiErrorLike): SyncStop {
  // The server refused the saved sign-in: "Sign in again"; the queue waits for it.
  return new SyncStop(
    error.code === 'unauthorized' ? 'signed-out' : 'error',
    error.code,
    errorText(error, translate),
    error.text,
  );
}

const running = new Map<string, Promise<AccountSyncOutcome>>();
const again = new Map<string, AccountSyncOptions>();

/**
 * Syncs one account; a sync asked for while one runs follows it once (requests in between fold
 * into that one), so two never interleave their writes.
 */
export function syncAccount(
  accountId: string,
  options: AccountSyncOptions = {},
): Promise<AccountSyncOutcome> {
  const current = running.get(accountId);
  if (current) {
    const queued = again.get(accountId);
    again.set(accountId, {
      ...options,
      force: Boolean(options.force || queued?.force),
      pushOnly: Boolean(options.pushOnly && (queued?.pushOnly ?? true)),
    });
    return current.then(() => running.get(accountId) ?? syncAccount(accountId, options));
  }
  // A pull is part of the refresh round its notification speaks for (article-notices.ts).
  const release = options.pushOnly ? undefined : holdNoticeRound();
  const run = runSync(accountId, options).finally(() => {
    running.delete(accountId);
    const next = again.get(accountId);
    if (next) {
      again.delete(accountId);
      void syncAccount(accountId, next);
    }
    // After the follow-up took its own hold: the round does not end in between.
    release?.();
  });
  running.set(accountId, run);
  return run;
}

async function runSync(
  accountId: string,
  options: AccountSyncOptions,
): Promise<AccountSyncOutcome> {
  const api = options.api ?? getApi();
  const db = options.db ?? getDb();
  const now = options.now ?? Date.now;
  const outcome: AccountSyncOutcome = { status: 'ok', pushed: 0, fetched: 0 };
  const account = await db.accounts.get(accountId);
  if (!account) return { ...outcome, status: 'missing' };
  if (account.status === 'signed-out') {
    return { ...outcome, status: 'signed-out', message: account.lastError?.message };
  }
  try {
    // Tags on a server without item labels stay here: nothing to send.
    if (!syncsLabels(account)) await dropLabelChanges(accountId, db);
    const pushed = await pushOutbox(api, db, accountId);
    outcome.pushed = pushed.applied;
    if (options.pushOnly) {
      if (pushed.droppedMessage)
        return await givenUp(db, accountId, outcome, pushed.droppedMessage, now());
      if (account.status === 'error')
        await db.accounts.update(accountId, { status: 'ok', lastError: undefined });
      return outcome;
    }
    outcome.fetched = await pull(api, db, account, {
      subscriptions:
        Boolean(options.force) ||
        pushed.subscriptionChanged ||
        account.subscriptionsAt === undefined ||
        now() - account.subscriptionsAt > SUBSCRIPTIONS_MAX_AGE_MS,
      now,
    });
    await mergeMovedFeeds(accountId, now(), db);
    if (pushed.droppedMessage)
      return await givenUp(db, accountId, outcome, pushed.droppedMessage, now());
    return outcome;
  } catch (error) {
    if (!(error instanceof SyncStop)) throw error;
    await recordAccountFailure(
      accountId,
      error.status,
      { code: error.code, message: error.message, text: error.text },
      now(),
      db,
    );
    return { ...outcome, status: error.status, message: error.message };
  }
}

/** The sync went through, but a change the server would never take was given up: say so. */
async function givenUp(
  db: BroadsheetDb,
  accountId: string,
  outcome: AccountSyncOutcome,
  dropped: MessageRef,
  now: number,
): Promise<AccountSyncOutcome> {
  const { message, text } = toStore(dropped);
  await recordAccountFailure(accountId, 'error', { code: 'refused', message, text }, now, db);
  return { ...outcome, status: 'error', message };
}

/**
 * Sends the queue in order, in coalesced batches; deletes exactly what the server confirmed.
 * A refusal stops here, the rest kept for the next sync.
 */
async function pushOutbox(
  api: BroadsheetApi,
  db: BroadsheetDb,
  accountId: string,
): Promise<{ applied: number; subscriptionChanged: boolean; droppedMessage?: MessageRef }> {
  let applied = 0;
  let subscriptionChanged = false;
  let droppedMessage: MessageRef | undefined;
  for (;;) {
    const { changes, seqs } = await takeOutboxBatch(accountId, undefined, db);
    if (changes.length === 0) break;
    const result = await call(api.invoke('accounts.push', { accountId, changes }));
    const done = Math.max(0, Math.min(result.applied, changes.length));
    for (const { index, streamId } of result.subscribed) {
      const change = changes[index];
      if (change?.kind === 'subscribe') await recordSubscribed(accountId, change.url, streamId, db);
    }
    await confirmOutbox(seqs.slice(0, done).flat(), db);
    applied += done;
    if (changes.slice(0, done).some(isSubscriptionChange)) subscriptionChanged = true;
    if (result.error) {
      const refused = changes[done];
      if (refused && !TRANSIENT.has(result.error.code)) {
        // Refused outright: counted, and after a few tries dropped so the rest can go.
        const dropped = await recordRefusal(refused, seqs.slice(done).flat(), db);
        if (dropped) {
          // The server's view of that subscription is the truth now: pull it.
          if (isSubscriptionChange(refused)) subscriptionChanged = true;
          droppedMessage = {
            id: 'pipeline.accountSync.givenUp',
            values: { message: errorText(result.error, translate), tries: MAX_REFUSALS },
          };
          continue;
        }
      }
      throw stopFor(result.error);
    }
    // Nothing confirmed and no reason given: try again at the next sync rather than spin.
    if (done === 0 || seqs.slice(0, done).flat().length === 0) break;
  }
  return { applied, subscriptionChanged, droppedMessage };
}

/** Failures that say nothing against the change itself: it is sent again, however often. */
const TRANSIENT = new Set([
  'network',
  'timeout',
  'unauthorized',
  'rate-limited',
  'api-disabled',
  'not-reader-api',
  'internal',
]);

function isSubscriptionChange(change: AccountChange): boolean {
  return !('itemIds' in change);
}

/** Pulls the server's ids, fetches the contents of what is not stored, stores, applies states. */
async function pull(
  api: BroadsheetApi,
  db: BroadsheetDb,
  account: Account,
  options: { subscriptions: boolean; now: () => number },
): Promise<number> {
  const accountId = account.id;
  let snapshot = await call(
    api.invoke('accounts.pull', {
      accountId,
      since: account.since,
      subscriptions: options.subscriptions,
    }),
  );
  const stored = await applySnapshot(accountId, snapshot, options.now(), db);

  // Everything unread, starred or new that is not stored — except what retention purged here,
  // unless it is starred now. Unread counts on every sync, not only the first: a server that
  // files `new` by publication date (Miniflux) would otherwise hide an old-dated late arrival.
  let streams = await knownStreams(accountId, db);
  const wanted = new Set([...snapshot.unreadIds, ...snapshot.newIds]);
  for (const id of await purgedItemIds(accountId, wanted, streams, db)) wanted.delete(id);
  for (const id of snapshot.starredIds) wanted.add(id);
  for (const id of stored ?? (await storedItemIds(accountId, db))) wanted.delete(id);
  const ids = [...wanted];

  let fetched = 0;
  const chunks = Math.max(1, Math.ceil(ids.length / MAX_ITEMS_PER_CALL));
  for (let index = 0; index < chunks; index++) {
    const chunk = ids.slice(index * MAX_ITEMS_PER_CALL, (index + 1) * MAX_ITEMS_PER_CALL);
    const { items, missing } =
      chunk.length > 0
        ? await call(api.invoke('accounts.fetchItems', { accountId, ids: chunk }))
        : { items: [], missing: [] };
    // Items of a subscription added elsewhere since the last pull of subscriptions: pull them.
    if (!snapshot.subscriptions && items.some((item) => !streams.has(item.streamId))) {
      snapshot = await call(
        api.invoke('accounts.pull', { accountId, since: account.since, subscriptions: true }),
      );
      await applySnapshot(accountId, snapshot, options.now(), db);
      streams = await knownStreams(accountId, db);
    }
    const last = index === chunks - 1;
    const { stored, notices } = await storeRemoteItems(
      accountId,
      items,
      { cursor: last ? { since: snapshot.nextSince } : undefined, now: options.now() },
      db,
    );
    fetched += stored;
    noteArrivals(notices);
    // Asked for and not stored — the server no longer has it, or its subscription is not one
    // this account holds: asking again every sync would bring the same answer.
    const dropped = [
      ...missing.map((remoteId) => ({ remoteId })),
      ...items
        .filter((item) => !streams.has(item.streamId))
        .map((item) => ({ remoteId: item.id, streamId: item.streamId })),
    ];
    await rememberNotWanted(accountId, dropped, options.now(), db);
  }
  return fetched;
}

/** Every account that is signed in, one after another. */
export async function syncAllAccounts(
  options: AccountSyncOptions = {},
): Promise<AccountSyncOutcome[]> {
  const db = options.db ?? getDb();
  const accounts = await db.accounts.toArray();
  const outcomes: AccountSyncOutcome[] = [];
  for (const account of accounts) {
    if (account.status === 'signed-out') continue;
    outcomes.push(await syncAccount(account.id, options));
  }
  return outcomes;
}

/** Accounts with changes waiting: their outboxes are sent (a change the reader just made). */
export async function pushPendingChanges(options: AccountSyncOptions = {}): Promise<void> {
  const db = options.db ?? getDb();
  // Keys of the accountId index only: no outbox row is read.
  const ids = await db.outbox.orderBy('accountId').uniqueKeys();
  for (const accountId of ids as string[]) {
    await syncAccount(accountId, { ...options, pushOnly: true });
  }
}

/*
 * What the accounts UI calls (features/accounts wraps these in hooks).
 */

/**
 * After `accounts.signIn` succeeded: the account's row (or, signing in again, its row back to
 * 'ok'), and a first sync in the background.
 */
export async function addAccountAfterSignIn(
  result: SignInResult,
  name?: string,
  options: AccountSyncOptions = {},
): Promise<Account> {
  const account = await createAccount(result.account, name, Date.now(), options.db ?? getDb());
  void syncAccount(account.id, { ...options, force: true }).catch(reportStorageError);
  return account;
}

/**
 * Main forgets the token; here the account's bookmarks become Saved articles, the rest of it
 * and its unsent changes go, and the row stays as "Sign in again".
 */
export async function signOutAccount(
  accountId: string,
  options: AccountSyncOptions = {},
): Promise<{ keptBookmarks: number; droppedChanges: number }> {
  const api = options.api ?? getApi();
  const answer = await api.invoke('accounts.signOut', { accountId });
  // Thrown with main's text, for errorText to say it in the reader's language.
  unwrap(answer);
  return signOutAccountRows(accountId, { now: Date.now() }, options.db ?? getDb());
}

/** As signing out, and the account is forgotten by main and here. */
export async function removeAccount(
  accountId: string,
  options: AccountSyncOptions = {},
): Promise<{ keptBookmarks: number; droppedChanges: number }> {
  const api = options.api ?? getApi();
  const answer = await api.invoke('accounts.remove', { accountId });
  // Thrown with main's text, for errorText to say it in the reader's language.
  unwrap(answer);
  return removeAccountRows(accountId, Date.now(), options.db ?? getDb());
}

/** Refresh now: one account or all, subscriptions included. */
export async function syncAccountNow(
  accountId?: string,
  options: AccountSyncOptions = {},
): Promise<void> {
  if (accountId) await syncAccount(accountId, { ...options, force: true });
  else await syncAllAccounts({ ...options, force: true });
}

/** Queues the move (subscribe on the server) and sends it; the merge follows at the next pull. */
export async function moveLocalFeedToAccount(
  feedId: string,
  accountId: string,
  options: AccountSyncOptions = {},
): Promise<void> {
  await queueMoveToAccount(feedId, accountId, Date.now(), options.db ?? getDb());
  void syncAccount(accountId, { ...options, force: true }).catch(reportStorageError);
}
