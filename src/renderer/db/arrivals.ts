import type { Table } from 'dexie';
import { noticesFor, type ArrivalNotice } from './arrival-notices';
import type { Account, Article, Feed } from './entities';
import { applyRulesOnArrival } from './rules-repository';
import type { BroadsheetDb } from './schema';
import { groupArrivals } from './stories-repository';

/*
 * Everything decided once, when an article first arrives, inside the transaction that stores it
 * (a refresh's batch, an account's batch): whether its feed keeps it out of the crowd views, what
 * the reader's rules do to it, and which story it joins. Deciding here keeps every count a
 * key-range count (placement.ts) and every decision as durable as the article itself. Upstream
 * edits of a stored article keep what was decided (keptPlacement).
 */

export interface ArrivalContext {
  /** The feeds the arrivals belong to (at least theirs). */
  feeds: readonly Feed[];
  now: number;
  /** The account whose items these are (its last sync tells a new subscription's first). */
  account?: Pick<Account, 'lastSyncAt'>;
}

/** The tables a storing transaction must include for placeArrivals. */
export function arrivalTables(db: BroadsheetDb): Table[] {
  // episodes: a feed that keeps its episodes offline queues them as they arrive.
  return [db.rules, db.fingerprints, db.outbox, db.episodes];
}

/**
 * Decides, in place, how new (never stored) articles arrive; the caller then puts them. May also
 * write other stored rows (a story's earlier copies) in the same transaction. Returns the
 * arrivals a notification may name (arrival-notices.ts), for the caller to hand on once the
 * transaction has committed.
 */
export async function placeArrivals(
  db: BroadsheetDb,
  arrivals: Article[],
  context: ArrivalContext,
): Promise<ArrivalNotice[]> {
  if (arrivals.length === 0) return [];
  const quiet = new Set(context.feeds.filter((feed) => feed.quiet).map((feed) => feed.id));
  for (const article of arrivals) {
    if (quiet.has(article.feedId)) article.quiet = 1;
    else delete article.quiet;
  }
  const notifiedByRule = await applyRulesOnArrival(db, arrivals, context);
  await groupArrivals(db, arrivals, context);
  return noticesFor(arrivals, context.feeds, notifiedByRule, context.account);
}

/** What an upstream edit of a stored article keeps of its arrival. */
export function keptPlacement(previous: Article | undefined): Partial<Article> {
  if (!previous) return {};
  const { hiddenAt, hiddenBy, quiet, storyId, storyLead } = previous;
  return { hiddenAt, hiddenBy, quiet, storyId, storyLead };
}
