/**
 * From a parsed query to the concrete index terms to read: each typed word becomes its term,
 * plus the words it may be the start of (the word being typed), plus spellings one typo away
 * when the word is not in the index. The dictionary decides; nothing here reads postings.
 */
import { AUTHOR_PREFIX, TAG_PREFIX, normalizeTag } from './document';
import { foldTerm } from './fold';
import { MIN_FUZZY_LENGTH, editsOne } from './fuzzy';
import type { ParsedQuery, QueryAtom, QueryFilters } from './query-parser';
import { queryNote } from './query-notes';
import { PREFIX_WEIGHT, TYPO_WEIGHT } from './ranking';
import { STOPWORDS } from './stopwords';
import { analyze, isBigramTerm, normalizeWord } from './tokenize';

/** The dictionary as the planner sees it (summed over segments). */
export interface TermDictionary {
  /** Documents containing the term (dead ones included until merged away); 0 if unknown. */
  df(term: string): number;
  /** Whether df(term) is exact: false while part of the dictionary it needs is not at hand. */
  known(term: string): boolean;
  /** Terms starting with `prefix`, with their df, at most `limit` of the most frequent. */
  withPrefix(prefix: string, limit: number): { term: string; df: number }[];
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/** One position of an alternative: any of these terms will do. */
export interface Slot {
  terms: WeightedTerm[];
}

export interface PlannedAlternative {
  slots: Slot[];
  /** Terms in order that must appear next to each other (a phrase), verified against text. */
  phrase?: string[];
}

export interface PlannedClause {
  alternatives: PlannedAlternative[];
  /** Filter clauses (author:, tag:) restrict without adding to the score. */
  scored: boolean;
}

export interface QueryPlan {
  clauses: PlannedClause[];
  excludes: PlannedAlternative[];
  /** Every term that may be highlighted in a result. */
  highlight: Set<string>;
  notes: string[];
}

export const MAX_PREFIX_EXPANSIONS = 30;
const MIN_PREFIX_LENGTH = 2;

function atomTerms(text: string): string[] {
  const out: string[] = [];
  analyze(text, (term) => out.push(term), { unigrams: 'none' });
  return out;
}

function longestCommonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The alternatives for the word being typed: its own term and the words it begins. */
function prefixSlot(raw: string, term: string, dictionary: TermDictionary): Slot {
  const folded = foldTerm(raw).replace(/'/g, '');
  const slot: Slot = { terms: [{ term, weight: 1 }] };
  // "chang" (the stem of "changes") begins "change", "changing", "channel"…: expand the part
  // the typed text and its stem share.
  const prefix = isBigramTerm(term) ? term : longestCommonPrefix(folded, term);
  if ([...prefix].length < (isBigramTerm(term) ? 1 : MIN_PREFIX_LENGTH)) return slot;
  for (const { term: completion } of dictionary.withPrefix(prefix, MAX_PREFIX_EXPANSIONS)) {
    if (completion !== term) slot.terms.push({ term: completion, weight: PREFIX_WEIGHT });
  }
  return slot;
}

/** Adds known spellings one typo away when the word itself is missing or nearly so. */
function addTypos(raw: string, slot: Slot, dictionary: TermDictionary, notes: string[]): void {
  const folded = foldTerm(raw).replace(/'/g, '');
  if ([...folded].length < MIN_FUZZY_LENGTH || !/^\p{L}+$/u.test(folded)) return;
  const exact = slot.terms[0]!.term;
  // Until the word's own df is known, ~500 candidates would be looked up for a word that
  // may be common: planning runs again once its dictionary blocks are loaded.
  if (!dictionary.known(exact)) return;
  const exactDf = dictionary.df(exact);
  if (exactDf > 2) return;
  const seen = new Set(slot.terms.map((t) => t.term));
  const found: { term: string; df: number }[] = [];
  for (const edit of editsOne(folded)) {
    const term = normalizeWord(edit);
    if (!term || seen.has(term)) continue;
    seen.add(term);
    const df = dictionary.df(term);
    if (df > 0 && (exactDf === 0 || df >= 50 * exactDf)) found.push({ term, df });
  }
  found.sort((a, b) => b.df - a.df);
  for (const { term } of found.slice(0, 5)) slot.terms.push({ term, weight: TYPO_WEIGHT });
  if (exactDf === 0 && found.length)
    notes.push(queryNote('typos', { word: raw, others: quoteList(found.slice(0, 3)) }));
}

function quoteList(found: { term: string }[]): string {
  return found.map(({ term }) => `"${term}"`).join(', ');
}

function planAtom(
  atom: QueryAtom,
  dictionary: TermDictionary,
  notes: string[],
  expand: boolean,
  typos = true,
): PlannedAlternative | undefined {
  const terms = atomTerms(atom.text);
  if (!terms.length) return undefined;
  if (atom.kind === 'phrase') {
    return {
      slots: terms.map((term) => ({ terms: [{ term, weight: 1 }] })),
      phrase: terms.length > 1 ? terms : undefined,
    };
  }
  const slots = terms.map((term) => ({ terms: [{ term, weight: 1 }] }) as Slot);
  // One typed word that is several terms (이재명, e-mail) must find them side by side.
  const adjacent = terms.length > 1 && !atom.prefix ? terms : undefined;
  if (!expand) return { slots, phrase: adjacent };
  const last = slots.at(-1)!;
  if (atom.prefix) {
    const lastTerm = terms.at(-1)!;
    const rawLast = terms.length === 1 ? atom.text : lastTerm;
    const slot = prefixSlot(rawLast, lastTerm, dictionary);
    slots[slots.length - 1] = slot;
    // A finished word with a typo is still the "last word" until a space is typed.
    if (typos && terms.length === 1 && slot.terms.length === 1 && !dictionary.df(lastTerm))
      addTypos(atom.text, slot, dictionary, notes);
  } else if (typos && terms.length === 1) addTypos(atom.text, last, dictionary, notes);
  return { slots, phrase: adjacent };
}

export function isStopwordAtom(atom: QueryAtom): boolean {
  return atom.kind === 'word' && !atom.prefix && STOPWORDS.has(foldTerm(atom.text));
}

export interface PlanOptions {
  /**
   * Add known spellings one typo away from a word (default true). Rules turn it off: what a
   * rule matches must not depend on which other articles happen to be stored.
   */
  typos?: boolean;
}

export function planQuery(
  parsed: ParsedQuery,
  dictionary: TermDictionary,
  options: PlanOptions = {},
): QueryPlan {
  const typos = options.typos ?? true;
  const notes = [...parsed.notes];
  const highlight = new Set<string>();
  const informative = parsed.clauses.filter(
    (clause) => !clause.alternatives.every((atom) => isStopwordAtom(atom)),
  );
  // "the economy" needs "economy"; "the who" (all stopwords) keeps them all.
  const kept = informative.length ? informative : parsed.clauses;
  const clauses: PlannedClause[] = [];
  for (const clause of kept) {
    const alternatives = clause.alternatives
      .map((atom) => planAtom(atom, dictionary, notes, true, typos))
      .filter((alternative): alternative is PlannedAlternative => alternative !== undefined);
    if (!alternatives.length) continue;
    for (const alternative of alternatives)
      for (const slot of alternative.slots) for (const { term } of slot.terms) highlight.add(term);
    clauses.push({ alternatives, scored: true });
  }
  for (const author of parsed.filters.authors) {
    const terms = atomTerms(author);
    if (!terms.length) continue;
    clauses.push({
      alternatives: [
        { slots: terms.map((term) => ({ terms: [{ term: AUTHOR_PREFIX + term, weight: 0 }] })) },
      ],
      scored: false,
    });
  }
  for (const tag of parsed.filters.tags) {
    const normalized = normalizeTag(tag);
    if (!normalized) continue;
    clauses.push({
      alternatives: [{ slots: [{ terms: [{ term: TAG_PREFIX + normalized, weight: 0 }] }] }],
      scored: false,
    });
  }
  const excludes = parsed.excludes
    .map((atom) => planAtom(atom, dictionary, notes, false))
    .filter((alternative): alternative is PlannedAlternative => alternative !== undefined);
  return { clauses, excludes, highlight, notes };
}

/**
 * Whether a plan narrows anything down: words to match or exclude, or a filter that names
 * something (an `author:` or `tag:` with no words in it planned to nothing). With nothing to go
 * on, a rule matches nothing rather than everything.
 */
export function planRestricts(plan: QueryPlan, filters: QueryFilters): boolean {
  return (
    plan.clauses.length > 0 ||
    plan.excludes.length > 0 ||
    filters.feeds.length > 0 ||
    filters.langs.length > 0 ||
    filters.bookmarked !== undefined ||
    filters.unread !== undefined ||
    filters.before !== undefined ||
    filters.after !== undefined
  );
}
