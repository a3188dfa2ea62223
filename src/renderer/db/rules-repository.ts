import type { ArrivalContext } from './arrivals';
import type { Article } from './entities';
import type { BroadsheetDb } from './schema';

/*
 * The reader's rules (schema v6 `rules`): written in the search language, applied to each
 * article as it arrives (arrivals.ts), or to the stored ones on demand.
 */

/** Applies every rule in force to new articles, in place, inside the storing transaction. */
export async function applyRulesOnArrival(
  _db: BroadsheetDb,
  _arrivals: Article[],
  _context: ArrivalContext,
): Promise<void> {}
