/** The format-independent last step of reading an item: fallbacks, clean-up, de-duplication. */
import { createHash } from 'node:crypto';
import type { Enclosure, ParsedItem } from '../../../shared/feed-model';
import { clampFuture } from './dates';
import { collapseWhitespace, htmlToText, truncate } from './text';

export interface ItemDraft {
  /** guid / atom:id / rdf:about as published. */
  id?: string;
  url?: string;
  /**
   * FeedBurner's `origLink`: the article's own address, where `url` is FeedBurner's click
   * tracker (`feeds.feedburner.com/~r/…`). The item links here; ids still come from `url`, so
   * they stay what they were.
   */
  origLink?: string;
  /** Plain text. */
  title?: string;
  authors: string[];
  published?: number;
  updated?: number;
  summary?: string;
  contentHtml?: string;
  images: string[];
  enclosures: Enclosure[];
  categories: string[];
}

const DERIVED_TITLE_LENGTH = 80;

export function finishItems(drafts: ItemDraft[], now: number): ParsedItem[] {
  // Items without an id of their own are told apart by their link, or for podcasts by their
  // media file, as long as no other item in the feed shares it (some feeds give every item
  // the site's home page as its link).
  const links = countWithoutId(drafts, (draft) => draft.url);
  const media = countWithoutId(drafts, (draft) => draft.enclosures[0]?.url);
  return drafts.map((draft) => {
    const summary = nonEmpty(draft.summary);
    const contentHtml = nonEmpty(draft.contentHtml);
    const id =
      nonEmpty(draft.id) ??
      uniqueIn(links, draft.url) ??
      uniqueIn(media, draft.enclosures[0]?.url) ??
      hashId([draft.url ?? '', draft.title ?? '', summary ?? contentHtml ?? '']);
    return finishItem({ ...draft, id, summary, contentHtml }, now);
  });
}

function countWithoutId(drafts: ItemDraft[], key: (draft: ItemDraft) => string | undefined) {
  const counts = new Map<string, number>();
  for (const draft of drafts) {
    const value = nonEmpty(draft.id) ? undefined : key(draft);
    if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function uniqueIn(counts: Map<string, number>, value: string | undefined): string | undefined {
  return value && counts.get(value) === 1 ? value : undefined;
}

function finishItem(draft: ItemDraft & { id: string }, now: number): ParsedItem {
  const { summary, contentHtml } = draft;
  const title = collapseWhitespace(draft.title ?? '') || deriveTitle(summary ?? contentHtml);
  const updated = clampFuture(draft.updated, now);
  const published = clampFuture(draft.published, now) ?? updated;
  const item: ParsedItem = {
    id: draft.id,
    title,
    authors: unique(draft.authors, collapseWhitespace),
    images: unique(draft.images),
    enclosures: uniqueBy(draft.enclosures, (enclosure) => enclosure.url),
    categories: unique(draft.categories, collapseWhitespace),
  };
  // Absent rather than undefined-valued, so the object compares and serializes cleanly.
  const url = draft.origLink ?? draft.url;
  if (url) item.url = url;
  if (published !== undefined) item.published = published;
  if (updated !== undefined) item.updated = updated;
  if (summary) item.summary = summary;
  if (contentHtml) item.contentHtml = contentHtml;
  return item;
}

function deriveTitle(html: string | undefined): string {
  return html ? truncate(htmlToText(html), DERIVED_TITLE_LENGTH) : '';
}

function hashId(parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `sha256:${digest.slice(0, 32)}`;
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/** The non-empty values, cleaned, each once, in order. */
function unique(values: string[], clean: (value: string) => string = (value) => value): string[] {
  return uniqueBy(
    values.map(clean).filter((value) => value),
    (value) => value,
  );
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  // Most lists are empty or hold one value; no need to build a set for those.
  if (values.length < 2) return values;
  const seen = new Set<string>();
  return values.filter((value) => {
    const k = key(value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
