/**
 * What of an article is searchable, and how each part weighs: the title counts most, then the
 * people and labels around it (authors, feed, tags, note), then the text. Field-qualified terms
 * (`author:`, `tag:`) live in the same dictionary under a control-character prefix that no
 * typed word can produce.
 */
import { foldTerm } from './fold';
import { htmlToText } from './html-text';
import { FIELD_META, FIELD_TITLE, packValue } from './segment';
import { analyze } from './tokenize';

/**
 * One document as the engine indexes it: the engine's own shape, so it knows nothing of the
 * app's records (the app's worker side turns an article into one, article-source.ts). Every
 * field it reads is here: text fields to analyze, a date and flags for the columns, the feed and
 * language for filters, and what the content hash and quick stamp are made of.
 */
export interface IndexDocument {
  /** The app's id for the document; the index maps it to a docId. */
  id: string;
  feedId: string;
  /** Searched with the other metadata. */
  feedTitle?: string;
  title: string;
  authors: string[];
  byline?: string;
  tags: string[];
  categories?: string[];
  note?: string;
  /** HTML; read when the content is short or missing. */
  summary?: string;
  /** HTML. */
  contentHtml?: string;
  /** Epoch milliseconds: date filters and the recency prior. */
  publishedAt: number;
  /** BCP 47 tag, for `lang:` filters. */
  lang?: string;
  unread: 0 | 1;
  bookmarkedAt?: number;
  /** With `offline` and `tags`, what the crash checker sees of a document (quickStamp). */
  fetchedAt?: number;
  offline?: string;
}

export const TITLE_WEIGHT = 4;
export const META_WEIGHT = 2;
export const AUTHOR_PREFIX = '\u0001a';
export const TAG_PREFIX = '\u0001t';

export interface DocFields {
  title: string;
  meta: string;
  body: string;
}

export function bodyText(article: Pick<IndexDocument, 'contentHtml' | 'summary'>): string {
  const content = article.contentHtml ? htmlToText(article.contentHtml) : '';
  if (content.length >= 200 || !article.summary) return content;
  const summary = htmlToText(article.summary);
  return content.includes(summary) ? content : `${summary} ${content}`.trim();
}

export function docFields(article: IndexDocument): DocFields {
  const authors = [...article.authors];
  if (article.byline && !authors.includes(article.byline)) authors.push(article.byline);
  const meta = [
    ...authors,
    article.feedTitle ?? '',
    ...article.tags,
    ...(article.categories ?? []),
    article.note ?? '',
  ]
    .filter(Boolean)
    .join(' \n ');
  return { title: article.title, meta, body: bodyText(article) };
}

export function normalizeTag(tag: string): string {
  return foldTerm(tag).trim().replace(/\s+/g, ' ');
}

/** Receives a document's terms as they are found (the segment builder, or a map in tests). */
export interface TermSink {
  /** `position`: the token's place in the document (absent for field-qualified terms). */
  add(term: string, weight: number, fieldBit: number, position?: number): void;
  /**
   * A plain ASCII word, text[start, end) with its wordHash, for the sink to normalize itself
   * (as normalizeWord would); returns whether it was a term. Without it such words come
   * through `add`.
   */
  addWordAt?(
    text: string,
    start: number,
    end: number,
    hash: number,
    weight: number,
    fieldBit: number,
    position: number,
  ): boolean;
}

/** Positions skip this much between fields, so no phrase spans two. */
const FIELD_GAP = 8;

/** Feeds every term of an article to `sink`; returns its length in tokens. */
export function analyzeDoc(article: IndexDocument, sink: TermSink): number {
  const fields = docFields(article);
  let length = 0;
  let position = 0;
  const field = (text: string, weight: number, bit: number) =>
    analyze(
      text,
      (term) => {
        length++;
        sink.add(term, weight, bit, position++);
      },
      sink.addWordAt && {
        plainWord: (source, start, end, hash) => {
          if (!sink.addWordAt!(source, start, end, hash, weight, bit, position)) return;
          length++;
          position++;
        },
      },
    );
  field(fields.title, TITLE_WEIGHT, FIELD_TITLE);
  position += FIELD_GAP;
  field(fields.meta, META_WEIGHT, FIELD_META);
  position += FIELD_GAP;
  field(fields.body, 1, 0);
  const authors = [...article.authors, ...(article.byline ? [article.byline] : [])];
  for (const author of authors)
    analyze(author, (term) => sink.add(AUTHOR_PREFIX + term, 1, FIELD_META));
  for (const tag of article.tags) {
    const normalized = normalizeTag(tag);
    if (normalized) sink.add(TAG_PREFIX + normalized, 1, FIELD_META);
  }
  return length;
}

export interface DocTerms {
  /** term → packed value (weighted tf << 2 | field bits). */
  terms: Map<string, number>;
  /** Token count over all fields. */
  length: number;
}

export function docTerms(article: IndexDocument): DocTerms {
  const terms = new Map<string, number>();
  const length = analyzeDoc(article, {
    add(term, weight, bit) {
      const previous = terms.get(term) ?? 0;
      terms.set(term, packValue((previous >>> 2) + weight, (previous & 3) | bit));
    },
  });
  return { terms, length };
}

/** FNV-1a (two characters a step) over the searchable text: tells a changed article from a re-stored one. */
export function contentHash(article: IndexDocument): number {
  const parts = [
    article.title,
    article.authors.join('\u0000'),
    article.byline ?? '',
    article.feedTitle ?? '',
    article.tags.join('\u0000'),
    (article.categories ?? []).join('\u0000'),
    article.note ?? '',
    article.summary ?? '',
    article.contentHtml ?? '',
    article.lang ?? '',
    String(article.publishedAt),
    article.feedId,
  ];
  let hash = 0x811c9dc5;
  for (const part of parts) {
    // Two UTF-16 units a step: half the multiplications over ~4 KB an article.
    const even = part.length & ~1;
    for (let i = 0; i < even; i += 2) {
      hash ^= part.charCodeAt(i) | (part.charCodeAt(i + 1) << 16);
      hash = Math.imul(hash, 0x01000193);
    }
    if (even < part.length) hash = Math.imul(hash ^ part.charCodeAt(even), 0x01000193);
    hash ^= 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * What the app database's own indexes show of an article (arrival time, offline state, tags):
 * the crash checker compares it for every article with key-only index scans, never reading
 * article bodies. Content edits always move one of these (an upstream change resets `offline`
 * to pending; extraction ends with it complete or partial).
 */
export function quickStamp(article: Pick<IndexDocument, 'fetchedAt' | 'offline' | 'tags'>): string {
  const tags = [...new Set(article.tags)].sort().join('\u0000');
  return `${article.fetchedAt ?? ''}|${article.offline ?? ''}|${tags}`;
}
