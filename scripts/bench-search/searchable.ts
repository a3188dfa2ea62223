/** A bench document as the search engine takes it in Node (the page stores it as an Article). */
import type { IndexDocument } from '@search-engine/core/document';
import type { BenchDoc } from './corpus';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function searchableArticle(doc: BenchDoc): IndexDocument {
  return {
    id: doc.id,
    feedId: doc.feedId,
    title: doc.title,
    authors: doc.authors,
    publishedAt: doc.publishedAt,
    contentHtml: `<p>${escapeHtml(doc.body)}</p>`,
    tags: [],
    unread: doc.unread ? 1 : 0,
    bookmarkedAt: doc.bookmarked ? doc.publishedAt : undefined,
    lang: doc.lang,
    feedTitle: `Bench feed ${doc.feedId}`,
  };
}
