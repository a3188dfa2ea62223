import type { Table } from 'dexie';
import type { Article, Feed } from './entities';
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
}

/** The tables a storing transaction must include for placeArrivals. */
export function arrivalTables(db: BroadsheetDb): Table[] {
  return [db.rules, db.fingerprints, db.outbox];
}

/**
 * Decides, in place, how new (never stored) articles arrive; the caller then puts them. May also
 * write other stored rows (a story's earlier copies) in the same transaction.
 */
export async function placeArrivals(
  db: BroadsheetDb,
  arrivals: Article[],
  context: ArrivalContext,
): Promise<void> {
  if (arrivals.length === 0) return;
  const quiet = new Set(context.feeds.filter((feed) => feed.quiet).map((feed) => feed.id));
  for (const article of arrivals) {
    if (quiet.has(article.feedId)) article.quiet = 1;
    else delete article.quiet;
  }
  await applyRulesOnArrival(db, arrivals, context);
  await groupArrivals(db, arrivals, context);
}

/** What an upstream edit of a stored article keeps of its arrival. */
export function keptPlacement(previous: Article | undefined): Partial<Article> {
  if (!previous) return {};
  const { hiddenAt, hiddenBy, quiet, storyId, storyLead } = previous;
  return { hiddenAt, hiddenBy, quiet, storyId, storyLead };
}
