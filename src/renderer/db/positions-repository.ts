import type { ReadingPosition } from './entities';
import { getDb } from './database';

export function getPosition(articleId: string, db = getDb()): Promise<ReadingPosition | undefined> {
  return db.positions.get(articleId);
}

/**
 * Remembers how far down an article the reader is. Near the top there is nothing to remember,
 * and a finished article reopens at its top like a fresh page, so both clear the row instead.
 */
export async function savePosition(
  articleId: string,
  fraction: number,
  now = Date.now(),
  db = getDb(),
): Promise<void> {
  if (!(fraction > POSITION_MIN) || fraction >= POSITION_FINISHED) {
    await db.positions.delete(articleId);
    return;
  }
  await db.positions.put({ articleId, fraction, updatedAt: now });
}

/** Below this share of the article the reader has not really started. */
export const POSITION_MIN = 0.02;
/** From here on the article counts as read to the end. */
export const POSITION_FINISHED = 0.98;
