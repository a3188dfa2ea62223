/** The format-independent last step of reading an item: fallbacks, clean-up, de-duplication. */
import { createHash } from 'node:crypto';
import type { Enclosure, ParsedItem } from '../../../shared/feed-model';
import { clampFuture } from '../../dates/parse-date';
import { collapseWhitespace, htmlToText, truncate } from '../../html/text';

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
  /** The item's xml:lang or `language` as written; kept when it is a BCP 47 tag. */
  language?: string;
}

const DERIVED_TITLE_LENGTH = 80;

/**
 * The items a reader makes, one at a time, of which at most `maxItems` are kept: the newest
 * by published (else updated) date. An undated item counts as newest, since the store stamps
 * it with the time it arrives; among equals the earlier in the document wins, so a feed of
 * undated items keeps its first ones (feeds list newest first). The result is in document
 * order, as without a cap.
 *
 * Memory stays bounded by the cap, not by the feed: drafts are pruned as they come (at most
 * twice the cap are held), so a hostile feed of 200,000 items costs what its newest N cost.
 * Ids of items without one are still decided over every item seen, kept or not, so an item
 * has the same id whether or not its older neighbours made the cut.
 */
export class ItemSelection {
  private kept: { draft: ItemDraft; order: number; date: number }[] = [];
  private seen = 0;
  private readonly links = new Map<string, number>();
  private readonly media = new Map<string, number>();

  constructor(
    private readonly now: number,
    private readonly maxItems = Infinity,
  ) {}

  add(draft: ItemDraft): void {
    const order = this.seen;
    this.seen += 1;
    // Items without an id of their own are told apart by their link, or for podcasts by
    // their media file, as long as no other item in the feed shares it (some feeds give
    // every item the site's home page as its link).
    if (!nonEmpty(draft.id)) {
      countKey(this.links, draft.url);
      countKey(this.media, draft.enclosures[0]?.url);
    }
    if (this.maxItems <= 0) return;
    const date = clampFuture(draft.published, this.now) ?? clampFuture(draft.updated, this.now);
    this.kept.push({ draft, order, date: date ?? Infinity });
    if (this.kept.length >= 2 * this.maxItems) this.prune();
  }

  /** The kept items, finished; `adjust` sees each kept draft first (inherited fields). */
  finish(adjust?: (draft: ItemDraft) => ItemDraft): ParsedItem[] {
    this.prune();
    const kept = this.kept.sort((a, b) => a.order - b.order);
    this.kept = [];
    return kept.map(({ draft: raw }) => {
      const draft = adjust ? adjust(raw) : raw;
      const summary = nonEmpty(draft.summary);
      const contentHtml = nonEmpty(draft.contentHtml);
      const id =
        nonEmpty(draft.id) ??
        uniqueIn(this.links, draft.url) ??
        uniqueIn(this.media, draft.enclosures[0]?.url) ??
        hashId([draft.url ?? '', draft.title ?? '', summary ?? contentHtml ?? '']);
      return finishItem({ ...draft, id, summary, contentHtml }, this.now);
    });
  }

  private prune(): void {
    if (this.kept.length <= this.maxItems) return;
    this.kept.sort((a, b) => b.date - a.date || a.order - b.order);
    this.kept.length = this.maxItems;
  }
}

function countKey(counts: Map<string, number>, value: string | undefined): void {
  if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
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
  const language = canonicalLanguage(draft.language);
  if (language) item.language = language;
  return item;
}

/**
 * A canonical BCP 47 tag ("en_GB" becomes "en-GB"), or undefined when it is not one or is
 * longer than the 35 characters BCP 47 asks every reader to take (the store holds 100): it
 * becomes the article's `lang` attribute and picks its fonts and voice. (The same rule as
 * articles/page-metadata.ts#languageTag, which the parser does not import: it brings the
 * tracker lists with it.)
 */
function canonicalLanguage(value: string | undefined): string | undefined {
  const candidate = value?.trim().replace(/_/g, '-');
  if (!candidate || candidate.length > 35) return undefined;
  try {
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return undefined;
  }
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
