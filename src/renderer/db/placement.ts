import type { Dexie } from 'dexie';
import { deriveOnArticleWrites } from './article-write-hooks';
import type { Article } from './entities';

/*
 * Where an article shows, derived from its own fields on every write to the articles table (a
 * Dexie middleware, placeArticles), so no repository can forget it: `lane` is the feed whose
 * views list and count it, absent while a rule hides it; `crowd` is 1 when All articles, Unread
 * and Today show it — not hidden, its feed not quiet, and, when other sources carry the same
 * story, the copy chosen to stand for it. IndexedDB leaves a row out of any index whose key it
 * lacks, so each of those views and counts stays one key range.
 */

/** The schema version whose indexes read `lane` and `crowd`. */
export const PLACEMENT_VERSION = 6;

export type Placeable = Pick<
  Article,
  'feedId' | 'hiddenAt' | 'quiet' | 'storyId' | 'storyLead' | 'lane' | 'crowd'
>;

export function place(article: Placeable): void {
  const hidden = article.hiddenAt !== undefined;
  if (hidden) delete article.lane;
  else article.lane = article.feedId;
  const shown =
    !hidden && !article.quiet && (article.storyId === undefined || article.storyLead === 1);
  if (shown) article.crowd = 1;
  else delete article.crowd;
}

/** Derives `lane` and `crowd` on every article the database is handed, whoever writes it. */
export function placeArticles(db: Dexie): void {
  deriveOnArticleWrites(db, 'ArticlePlacement', place);
}
