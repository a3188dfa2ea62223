/**
 * A "mark all as read" the app recorded but had not finished folding into the article rows when
 * it closed or crashed (db/read-marks.ts): once the library is open, the fold picks up where it
 * stopped. Until then every view and count already reads the mark, so nothing waits on this.
 * The same goes for a feed's quiet option half copied onto its articles (db/quiet-feeds.ts).
 */
import { getDb } from '../db/database';
import { applyQuietChanges } from '../db/quiet-feeds';
import { foldReadMarks } from '../db/read-marks';

export function resumeReadMarkFolding(): void {
  const db = getDb();
  // A feed's "Show in All articles, Unread and Today" turned over mid-way is finished too.
  void applyQuietChanges(db)
    .then(() => foldReadMarks(db))
    .catch((error: unknown) => {
      console.warn('Could not finish marking articles read:', error);
    });
}
