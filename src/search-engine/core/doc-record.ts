/**
 * What the index keeps of a document besides its postings: its doc info row and the values its
 * columns hold. Made as soon as a document is read, so its text can be dropped before its
 * segment is built (a rebuild's ranges hold records, not documents).
 */
import { FLAG_BOOKMARKED, FLAG_LIVE, FLAG_UNREAD } from './doc-columns';
import type { DocRow } from './doc-info';
import { quickStamp, type IndexDocument } from './document';

/** What the index keeps of an article besides its postings (its text can then be dropped). */
export interface DocRecord extends DocRow {
  date: number;
  flags: number;
  feedId: string;
  lang: string | undefined;
}

export function docRecord(docId: number, article: IndexDocument, hash: number): DocRecord {
  return {
    docId,
    articleId: article.id,
    hash,
    stamp: quickStamp(article),
    date: article.publishedAt,
    flags: flagsOf(article),
    feedId: article.feedId,
    lang: article.lang,
  };
}

export function flagsOf(article: Pick<IndexDocument, 'unread' | 'bookmarkedAt'>): number {
  return (
    FLAG_LIVE |
    (article.bookmarkedAt !== undefined ? FLAG_BOOKMARKED : 0) |
    (article.unread ? FLAG_UNREAD : 0)
  );
}
