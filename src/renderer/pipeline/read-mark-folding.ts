/**
 * A "mark all as read" the app recorded but had not finished folding into the article rows when
 * it closed or crashed (db/read-marks.ts): once the library is open, the fold picks up where it
 * stopped. Until then every view and count already reads the mark, so nothing waits on this.
 */
import { getDb } from '../db/database';
import { foldReadMarks } from '../db/read-marks';

export function resumeReadMarkFolding(): void {
  void foldReadMarks(getDb()).catch((error: unknown) => {
    console.warn('Could not finish marking articles read:', error);
  });
}
