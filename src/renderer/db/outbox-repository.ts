import type { AccountChange } from '@shared/account-model';
import { MAX_CHANGES_PER_CALL, MAX_ITEMS_PER_CALL } from '@shared/account-model';
import type { Collection, InsertType } from 'dexie';
import type { Article, OutboxEntry } from './entities';
import { getDb } from './database';
import type { BroadsheetDb } from './schema';

/*
 * The outbox: every change the reader makes to something an account's server holds (an item's
 * read, star or labels; a subscription) is queued here IN THE SAME TRANSACTION as the change,
 * so a change is either both made and queued or neither. Repositories call these helpers inside
 * their own transactions (with `db.outbox` in the scope). Local feeds' articles never queue
 * anything: only rows carrying an accountId and a remoteId do.
 */

/** What of an article syncs: read state, star (= bookmark) and labels (= tags). */
export interface SyncedState {
  accountId?: string;
  remoteId?: string;
  unread: 0 | 1;
  starred: boolean;
  tags: readonly string[];
}

/** A copy of what syncs, taken before a change (a modify callback mutates the row in place). */
export function syncedState(article: Article): SyncedState {
  return {
    accountId: article.accountId,
    remoteId: article.remoteId,
    unread: article.unread,
    starred: article.bookmarkedAt !== undefined,
    tags: [...article.tags],
  };
}

/**
 * Collects what changed on account articles during one transaction and queues it once, as one
 * entry per account and kind (and label): a "mark all read" over 10,000 items is a handful of
 * rows, not 10,000.
 */
export class OutboxRecorder {
  private readonly byAccount = new Map<string, Map<string, { change: AccountChange }>>();

  /** Compares an article before and after a change; anything that syncs is remembered. */
  note(before: SyncedState | undefined, after: SyncedState | Article | undefined): void {
    const row = before ?? after;
    if (!row?.accountId || !row.remoteId) return;
    const now = after ? ('starred' in after ? after : syncedState(after)) : undefined;
    if (!before || !now) return;
    const id = row.remoteId;
    if (before.unread !== now.unread) this.add(row.accountId, now.unread ? 'unread' : 'read', id);
    if (before.starred !== now.starred)
      this.add(row.accountId, now.starred ? 'star' : 'unstar', id);
    const had = new Set(before.tags);
    const has = new Set(now.tags);
    for (const tag of now.tags) if (!had.has(tag)) this.add(row.accountId, 'label', id, tag);
    for (const tag of before.tags) if (!has.has(tag)) this.add(row.accountId, 'unlabel', id, tag);
  }

  private add(
    accountId: string,
    kind: 'read' | 'unread' | 'star' | 'unstar' | 'label' | 'unlabel',
    itemId: string,
    label?: string,
  ): void {
    let kinds = this.byAccount.get(accountId);
    if (!kinds) this.byAccount.set(accountId, (kinds = new Map()));
    const key = label === undefined ? kind : `${kind}\u0000${label}`;
    let entry = kinds.get(key);
    if (!entry) {
      const change: AccountChange =
        kind === 'label' || kind === 'unlabel'
          ? { kind, label: label!, itemIds: [] }
          : { kind, itemIds: [] };
      kinds.set(key, (entry = { change }));
    }
    (entry.change as { itemIds: string[] }).itemIds.push(itemId);
  }

  get size(): number {
    let n = 0;
    for (const kinds of this.byAccount.values()) n += kinds.size;
    return n;
  }

  /** Writes what was noted to the outbox; call inside the transaction that made the change. */
  async flush(db: BroadsheetDb, now: number): Promise<void> {
    const rows: OutboxEntry[] = [];
    for (const [accountId, kinds] of this.byAccount) {
      for (const { change } of kinds.values()) {
        for (const part of splitChange(change)) rows.push({ accountId, change: part, at: now });
      }
    }
    this.byAccount.clear();
    if (rows.length > 0) await db.outbox.bulkAdd(rows);
  }
}

/** An item change carries at most MAX_ITEMS_PER_CALL ids, as the contract allows. */
function splitChange(change: AccountChange): AccountChange[] {
  if (!('itemIds' in change) || change.itemIds.length <= MAX_ITEMS_PER_CALL) return [change];
  const parts: AccountChange[] = [];
  for (let start = 0; start < change.itemIds.length; start += MAX_ITEMS_PER_CALL) {
    parts.push({ ...change, itemIds: change.itemIds.slice(start, start + MAX_ITEMS_PER_CALL) });
  }
  return parts;
}

/**
 * Changes the articles of a collection in one transaction with the outbox rows their account
 * items need. `change` mutates the row in place; returning false leaves it unwritten.
 */
export async function modifyArticles(
  db: BroadsheetDb,
  collection: () => Collection<Article, string, InsertType<Article, 'id'>>,
  change: (article: Article) => void | boolean,
  now: number,
): Promise<number> {
  return db.transaction('rw', db.articles, db.outbox, async () => {
    const recorder = new OutboxRecorder();
    const count = await collection().modify((article) => {
      const before = syncedState(article);
      if (change(article) === false) return false;
      recorder.note(before, article);
      return true;
    });
    await recorder.flush(db, now);
    return count;
  });
}

/** One article by id, changed with its outbox rows (see modifyArticles). */
export function modifyArticle(
  db: BroadsheetDb,
  id: string,
  change: (article: Article) => void | boolean,
  now: number,
): Promise<number> {
  return modifyArticles(db, () => db.articles.where(':id').equals(id), change, now);
}

/** Queues what changed between two versions of some articles; inside the change's transaction. */
export async function queueArticleChanges(
  db: BroadsheetDb,
  pairs: { before: SyncedState | undefined; after: Article | undefined }[],
  now: number,
): Promise<void> {
  const recorder = new OutboxRecorder();
  for (const { before, after } of pairs) recorder.note(before, after);
  await recorder.flush(db, now);
}

/** Queues one subscription change; inside the change's transaction. */
export async function queueChange(
  db: BroadsheetDb,
  accountId: string,
  change: AccountChange,
  now: number,
): Promise<void> {
  await db.outbox.add({ accountId, change, at: now });
}

/** Changes waiting for a server's confirmation: one account's, or every account's. */
export function countPending(accountId?: string, db = getDb()): Promise<number> {
  return accountId === undefined
    ? db.outbox.count()
    : db.outbox.where('accountId').equals(accountId).count();
}

/** Most item ids one coalesced run takes, so its changes always fit one batch. */
const RUN_ITEM_LIMIT = 100 * MAX_ITEMS_PER_CALL;

/**
 * The account's queue, oldest first, coalesced into at most `max` changes ready for
 * `accounts.push`, each with the outbox rows it stands for (confirmOutbox deletes exactly
 * those once the server confirmed it).
 *
 * Coalescing keeps the meaning of the queue in order: for each item only the last read/unread
 * and the last star/unstar count, and for each (item, label) only the last label/unlabel; they
 * are grouped by kind (and label) into few changes. Subscription changes keep their order and
 * split the queue: item changes queued before a subscription change are sent before it.
 */
export async function takeOutboxBatch(
  accountId: string,
  max = MAX_CHANGES_PER_CALL,
  db = getDb(),
): Promise<{ changes: AccountChange[]; seqs: number[][] }> {
  const entries = await db.outbox.where('accountId').equals(accountId).sortBy('seq');
  const changes: AccountChange[] = [];
  const seqs: number[][] = [];
  let run: OutboxEntry[] = [];
  const flushRun = (): boolean => {
    for (const { change, seqs: covered } of coalesceItemChanges(run)) {
      if (changes.length >= max) return false;
      changes.push(change);
      seqs.push(covered);
    }
    run = [];
    return true;
  };
  let runItems = 0;
  for (const entry of entries) {
    if ('itemIds' in entry.change) {
      // A run is bounded so its coalesced changes always fit one batch; the rest waits.
      if (runItems >= RUN_ITEM_LIMIT) break;
      run.push(entry);
      runItems += entry.change.itemIds.length;
      continue;
    }
    if (!flushRun() || changes.length >= max) break;
    changes.push(entry.change);
    seqs.push([entry.seq!]);
  }
  flushRun();
  return { changes, seqs };
}

/** One run of item changes (no subscription change between them) → few coalesced changes. */
function coalesceItemChanges(run: OutboxEntry[]): { change: AccountChange; seqs: number[] }[] {
  if (run.length === 0) return [];
  // For each item (and label), the last word: later rows override earlier ones.
  const read = new Map<string, 'read' | 'unread'>();
  const star = new Map<string, 'star' | 'unstar'>();
  const labels = new Map<string, Map<string, 'label' | 'unlabel'>>();
  for (const { change } of run) {
    if (!('itemIds' in change)) continue;
    for (const id of change.itemIds) {
      if (change.kind === 'read' || change.kind === 'unread') read.set(id, change.kind);
      else if (change.kind === 'star' || change.kind === 'unstar') star.set(id, change.kind);
      else if (change.kind === 'label' || change.kind === 'unlabel') {
        let byItem = labels.get(change.label);
        if (!byItem) labels.set(change.label, (byItem = new Map()));
        byItem.set(id, change.kind);
      }
    }
  }
  const grouped = new Map<string, AccountChange>();
  const put = (key: string, make: () => AccountChange, id: string) => {
    let change = grouped.get(key);
    if (!change) grouped.set(key, (change = make()));
    (change as { itemIds: string[] }).itemIds.push(id);
  };
  for (const [id, kind] of read) put(kind, () => ({ kind, itemIds: [] }), id);
  for (const [id, kind] of star) put(kind, () => ({ kind, itemIds: [] }), id);
  for (const [label, byItem] of labels) {
    for (const [id, kind] of byItem) {
      put(`${kind}\u0000${label}`, () => ({ kind, label, itemIds: [] }), id);
    }
  }
  const parts = [...grouped.values()].flatMap(splitChange);
  // The run's rows are confirmed only when every change made from them is: they all ride with
  // the run's last change (earlier ones list none), so a push stopped midway confirms none of
  // the run's rows and the run is sent again whole — the server's edit-tag is idempotent.
  const all = run.map((entry) => entry.seq!);
  return parts.map((change, index) => ({
    change,
    seqs: index === parts.length - 1 ? all : [],
  }));
}

/** Deletes the rows the server confirmed. */
export async function confirmOutbox(seqs: readonly number[], db = getDb()): Promise<void> {
  if (seqs.length > 0) await db.outbox.bulkDelete([...seqs]);
}

/** Item ids with a change still queued for the account: a pending change wins over the server. */
export async function pendingItemState(
  accountId: string,
  db: BroadsheetDb,
): Promise<{ read: Set<string>; star: Set<string>; label: Set<string> }> {
  const pending = { read: new Set<string>(), star: new Set<string>(), label: new Set<string>() };
  await db.outbox
    .where('accountId')
    .equals(accountId)
    .each(({ change }) => {
      if (!('itemIds' in change)) return;
      const set =
        change.kind === 'read' || change.kind === 'unread'
          ? pending.read
          : change.kind === 'star' || change.kind === 'unstar'
            ? pending.star
            : pending.label;
      for (const id of change.itemIds) set.add(id);
    });
  return pending;
}
