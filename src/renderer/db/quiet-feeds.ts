import type { Article, QuietChange } from './entities';
import { getDb } from './database';
import { backgroundSettled, serializeBackground } from './read-marks';
import { electLeads } from './stories-repository';
import type { BroadsheetDb } from './schema';

/*
 * A feed's "Show in All articles, Unread and Today" (Feed.quiet). Each article carries `quiet`
 * so the crowd views stay one key range (placement.ts); turning the option over rewrites the
 * feed's articles in chunks, in the background, in the queue read marks fold in (read-marks.ts):
 * a mark's counts assume a feed's articles agree with its flag, so the flag turns with the first
 * chunk and never while a mark waits. The change is recorded first (a `readMarks` row of kind
 * 'quiet'), so a reload mid-way finishes it.
 */

export const QUIET_CHUNK = 500;

/**
 * Records the change and starts it; resolves once it is recorded (the feed's articles follow in
 * the background: `quietSettled`).
 */
export async function setFeedQuiet(feedId: string, quiet: boolean, db = getDb()): Promise<void> {
  // One transaction with the flag the change turns first, so the two never disagree.
  const recorded = await db.transaction('rw', [db.feeds, db.readMarks], async () => {
    const feed = await db.feeds.get(feedId);
    if (!feed || Boolean(feed.quiet) === quiet) {
      await db.readMarks.delete(quietChangeId(feedId));
      return false;
    }
    const change: QuietChange = { id: quietChangeId(feedId), kind: 'quiet', feedId, quiet };
    await db.readMarks.put(change);
    return true;
  });
  if (!recorded) return;
  void applyQuietChanges(db).catch((error: unknown) => {
    console.warn('Could not finish changing where a feed shows:', error);
  });
}

/** Resolves once every recorded change has reached the articles. */
export async function quietSettled(db = getDb()): Promise<void> {
  await backgroundSettled(db);
  await applyQuietChanges(db);
}

function quietChangeId(feedId: string): string {
  return `quiet:${feedId}`;
}

/** Carries out every recorded change (at start, after a reload, too). */
export function applyQuietChanges(db: BroadsheetDb = getDb()): Promise<void> {
  return serializeBackground(db, async () => {
    const changes = (await db.readMarks.toArray()).filter(
      (row): row is QuietChange => row.kind === 'quiet',
    );
    for (const change of changes) await applyQuietChange(db, change);
  });
}

async function applyQuietChange(db: BroadsheetDb, change: QuietChange): Promise<void> {
  const quiet = change.quiet;
  const current = async () =>
    ((await db.readMarks.get(change.id)) as QuietChange | undefined)?.quiet === quiet;
  // The flag first: what arrives from now on is placed by it (arrivals.ts).
  const started = await db.transaction('rw', [db.feeds, db.readMarks], async () => {
    // Turned back meanwhile, or the library was restored: the newer record decides.
    if (!(await current())) return false;
    await db.feeds.update(change.feedId, { quiet: quiet || undefined });
    return true;
  });
  if (!started) return;
  // Every article of the feed, hidden ones too (their `quiet` decides where they come back).
  const ids = await db.articles.where('feedId').equals(change.feedId).primaryKeys();
  for (let start = 0; start < ids.length; start += QUIET_CHUNK) {
    const tables = [db.articles, db.readMarks, db.fingerprints];
    const going = await db.transaction('rw', tables, async () => {
      if (!(await current())) return false;
      const rows = await db.articles.bulkGet(ids.slice(start, start + QUIET_CHUNK));
      const changed = rows.filter(
        (row): row is Article =>
          row !== undefined && row.feedId === change.feedId && (row.quiet === 1) !== quiet,
      );
      for (const row of changed) {
        if (quiet) row.quiet = 1;
        else delete row.quiet;
      }
      if (changed.length > 0) await db.articles.bulkPut(changed);
      // A quiet copy never stands for its story in the crowd views: its stories choose again.
      const stories = new Set(changed.flatMap((row) => row.storyId ?? []));
      if (stories.size > 0) await electLeads(db, [...stories]);
      return true;
    });
    if (!going) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await db.transaction('rw', db.readMarks, async () => {
    if (await current()) await db.readMarks.delete(change.id);
  });
}
