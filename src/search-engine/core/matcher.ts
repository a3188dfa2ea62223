/**
 * A query matched against one document at a time, without an index: the reader's rules run as
 * each article is stored, in a transaction where no index can be consulted. It is the search's
 * own language, parser, planner and text analysis, so a rule and an exact search
 * (`SearchRequest.exact`) agree on what matches: the terms a document would be indexed under
 * (analyzeDoc) stand in for its postings, their positions for its phrase checks, and the filters
 * read the same values the index's columns keep.
 *
 * Rules are complete text: the last word is not a prefix and no spelling one typo away is
 * tried (both depend on what else is stored). A query with nothing to go on matches nothing.
 */
import { columnDate } from './doc-columns';
import { analyzeDoc, type IndexDocument } from './document';
import type { SearchContext } from './engine';
import { foldTerm } from './fold';
import {
  planQuery,
  planRestricts,
  type PlannedAlternative,
  type QueryPlan,
  type TermDictionary,
} from './plan';
import { parseQuery, type QueryFilters } from './query-parser';

/** A document analyzed once, for any number of compiled queries to test. */
export interface PreparedDocument {
  /** Every term the index would hold for it → its token positions (none for author:/tag: terms). */
  readonly terms: ReadonlyMap<string, readonly number[]>;
  readonly feedId: string;
  /** Lower-cased, '' when unknown (as the index's language column). */
  readonly lang: string;
  /** publishedAt as the index's date column keeps it (whole minutes). */
  readonly date: number;
  readonly unread: boolean;
  readonly bookmarked: boolean;
}

export type MatchContext = SearchContext;

export interface CompiledQuery {
  readonly query: string;
  /** What the parser ignored or reinterpreted, for the reader. */
  readonly notes: readonly string[];
  /** Nothing to match on (no words, no exclusions, no filter naming anything): matches nothing. */
  readonly empty: boolean;
  matches(doc: PreparedDocument, context?: MatchContext): boolean;
}

/** The planner's dictionary when there is no index: with typos off it is never asked anything. */
const NO_DICTIONARY: TermDictionary = {
  df: () => 0,
  known: () => true,
  withPrefix: () => [],
};

/**
 * Analysis is the cost (a fraction of a millisecond per article); it runs when a query first
 * needs the terms, so a rule its filters already rule out (another feed, read articles) costs
 * none.
 */
export function prepareDocument(doc: IndexDocument): PreparedDocument {
  let terms: Map<string, number[]> | undefined;
  return {
    get terms() {
      return (terms ??= documentTerms(doc));
    },
    feedId: doc.feedId,
    lang: (doc.lang ?? '').toLowerCase(),
    date: columnDate(doc.publishedAt),
    unread: Boolean(doc.unread),
    bookmarked: doc.bookmarkedAt !== undefined,
  };
}

function documentTerms(doc: IndexDocument): Map<string, number[]> {
  const terms = new Map<string, number[]>();
  analyzeDoc(doc, {
    add(term, _weight, _field, position) {
      let positions = terms.get(term);
      if (!positions) terms.set(term, (positions = []));
      if (position !== undefined) positions.push(position);
    },
  });
  return terms;
}

/** Whether the phrase's terms stand next to each other, in order, somewhere in the document. */
function hasPhrase(doc: PreparedDocument, phrase: readonly string[]): boolean {
  const lists = phrase.map((term) => doc.terms.get(term) ?? []);
  const rest = lists.slice(1).map((positions) => new Set(positions));
  return lists[0]!.some((start) => rest.every((positions, j) => positions.has(start + j + 1)));
}

function alternativeMatches(doc: PreparedDocument, alternative: PlannedAlternative): boolean {
  for (const slot of alternative.slots)
    if (!slot.terms.some(({ term }) => doc.terms.has(term))) return false;
  return !alternative.phrase || hasPhrase(doc, alternative.phrase);
}

/** The executor's filterPredicate, over one document instead of the columns. */
function passesFilters(
  doc: PreparedDocument,
  filters: QueryFilters,
  context: MatchContext | undefined,
): boolean {
  const { bookmarked, unread, before, after } = filters;
  if (bookmarked !== undefined && doc.bookmarked !== bookmarked) return false;
  if (unread !== undefined && doc.unread !== unread) return false;
  if (before !== undefined && doc.date >= before) return false;
  if (after !== undefined && doc.date < after) return false;
  if (filters.feeds.length) {
    // As the engine's resolveFeeds: the feed's id, or part of its title.
    const id = foldTerm(doc.feedId);
    const title = foldTerm(context?.feedTitles?.get(doc.feedId) ?? '');
    const named = filters.feeds.some((raw) => {
      const value = foldTerm(raw.trim());
      return id === value || (value !== '' && title.includes(value));
    });
    if (!named) return false;
  }
  if (filters.langs.length) {
    const { lang } = doc;
    if (!filters.langs.some((value) => lang === value || lang.startsWith(`${value}-`)))
      return false;
  }
  return true;
}

export function compileQuery(query: string): CompiledQuery {
  const parsed = parseQuery(query, { prefixLast: false });
  const plan: QueryPlan = planQuery(parsed, NO_DICTIONARY, { typos: false });
  const empty = !planRestricts(plan, parsed.filters);
  return {
    query,
    notes: plan.notes,
    empty,
    matches(doc, context) {
      if (empty || !passesFilters(doc, parsed.filters, context)) return false;
      for (const clause of plan.clauses)
        if (!clause.alternatives.some((alternative) => alternativeMatches(doc, alternative)))
          return false;
      for (const alternative of plan.excludes)
        if (alternativeMatches(doc, alternative)) return false;
      return true;
    },
  };
}
