/**
 * Runs a query against segments: plan the terms, read their postings (and, for phrases, their
 * positions) in one batch, evaluate AND / OR / NOT over sorted lists, filter and rank.
 */
import {
  CHUNK_SIZE,
  DATE_UNIT_MS,
  FLAG_BOOKMARKED,
  FLAG_LIVE,
  FLAG_UNREAD,
  type ColumnChunk,
  type DocColumns,
} from './doc-columns';
import {
  planQuery,
  planRestricts,
  type PlannedAlternative,
  type PlannedClause,
  type QueryPlan,
} from './plan';
import { hasFilters, type ParsedQuery, type QueryFilters } from './query-parser';
import { queryNote } from './query-notes';
import {
  BOOKMARK_BOOST,
  COLUMN_BOOST_MAX,
  TITLE_MATCH_BOOST,
  TopK,
  bm25,
  idf,
  kthLargest,
  recencyBoost,
  type Hit,
  type SortMode,
} from './ranking';
import {
  EMPTY_LIST,
  atLeast,
  intersectPositions,
  intersectSum,
  subtract,
  unionMax,
  type ScoredList,
} from './scored-list';
import { FIELD_TITLE, decodePostings, type Postings, type SegmentHeader } from './segment';
import { lookupTerm, segmentDictionary, type BlockSource } from './segment-dictionary';
import type { TermEntry } from './term-blocks';
import { ByteReader } from './varint';

export interface PostingsRequest {
  segment: SegmentHeader;
  start: number;
  end: number;
  /** From the positions stream rather than the postings stream. */
  positions?: boolean;
}

export interface IndexView {
  /** Live documents. */
  readonly docCount: number;
  readonly avgLength: number;
  /** The columns, once loaded (a first query's term lookups need not wait for them). */
  columns(): Promise<DocColumns>;
  /** Ascending by minDoc. */
  readonly segments: readonly SegmentHeader[];
  /** Dictionary blocks at hand for this query; misses are remembered. */
  readonly blocks: BlockSource;
  /** Loads the blocks missed since the last call; false when there were none. */
  loadMissedBlocks(): Promise<boolean>;
  /** Postings bytes for each request, in order. */
  read(requests: PostingsRequest[]): Promise<Uint8Array[]>;
  /** Feed-dictionary indexes of the feeds a `feed:` value names. */
  resolveFeeds(values: string[]): Set<number>;
  /** Language-dictionary indexes a `lang:` value names. */
  resolveLangs(values: string[]): Set<number>;
}

export interface ExecuteOptions {
  limit: number;
  offset: number;
  sort: SortMode;
  now: number;
  /**
   * Complete words only, as a rule matches (core/matcher.ts): no typo spellings, no "most of
   * the words" fallback, and nothing to go on matches nothing. The caller parses without a
   * prefix on the last word.
   */
  exact?: boolean;
}

export interface ExecutionResult {
  total: number;
  /** Always true now that phrases are checked with positions (kept for the protocol). */
  totalExact: boolean;
  hits: Hit[];
  highlight: Set<string>;
  notes: string[];
  /** Milliseconds spent reading postings and positions, and waiting for columns (diagnostics). */
  timings: { readMs: number; columnsWaitMs: number };
}

interface Streams {
  postings: Map<string, Postings>;
  /** Per phrase term, its positions streams of every segment, concatenated in segment order. */
  positions: Map<string, Uint8Array>;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Where each term is, per segment (only segments that have it). */
type TermEntries = Map<string, { segment: SegmentHeader; entry: TermEntry }[]>;

/** One batch read for every term's postings and every phrase term's positions. */
async function loadStreams(
  view: IndexView,
  entries: TermEntries,
  phraseTerms: Set<string>,
): Promise<Streams> {
  const requests: PostingsRequest[] = [];
  const owners: { term: string; segment: SegmentHeader; df: number; positions: boolean }[] = [];
  for (const [term, found] of entries) {
    for (const { segment, entry } of found) {
      requests.push({ segment, start: entry.postStart, end: entry.postEnd });
      owners.push({ term, segment, df: entry.df, positions: false });
      if (!phraseTerms.has(term)) continue;
      requests.push({ segment, start: entry.posStart, end: entry.posEnd, positions: true });
      owners.push({ term, segment, df: entry.df, positions: true });
    }
  }
  const bytes = await view.read(requests);
  const parts = new Map<string, Postings[]>();
  const positionParts = new Map<string, Uint8Array[]>();
  owners.forEach((owner, i) => {
    if (owner.positions) {
      const list = positionParts.get(owner.term) ?? [];
      list.push(bytes[i]!);
      positionParts.set(owner.term, list);
      return;
    }
    const decoded = decodePostings(bytes[i]!, owner.df, owner.segment.minDoc);
    const list = parts.get(owner.term) ?? [];
    list.push(decoded);
    parts.set(owner.term, list);
  });
  const postings = new Map<string, Postings>();
  for (const [term, list] of parts) {
    if (list.length === 1) {
      postings.set(term, list[0]!);
      continue;
    }
    const size = list.reduce((sum, part) => sum + part.docs.length, 0);
    const docs = new Int32Array(size);
    const values = new Uint32Array(size);
    let at = 0;
    for (const part of list) {
      docs.set(part.docs, at);
      values.set(part.values, at);
      at += part.docs.length;
    }
    postings.set(term, { docs, values });
  }
  const positions = new Map<string, Uint8Array>();
  for (const [term, list] of positionParts) positions.set(term, concat(list));
  return { postings, positions };
}

/** A term's postings and positions, walked forward in step with a candidate list. */
class PositionCursor {
  private k = 0;
  private readonly reader: ByteReader;
  buffer = new Int32Array(16);
  count = 0;

  constructor(
    private readonly docs: Int32Array,
    bytes: Uint8Array,
  ) {
    this.reader = new ByteReader(bytes);
  }

  /** Decodes the term's positions in `doc` into `buffer`; false if the term is not there. */
  seek(doc: number): boolean {
    const { docs, reader } = this;
    while (this.k < docs.length && docs[this.k]! < doc) {
      // Skip a document we do not need by its block length, without decoding it.
      const size = reader.varint();
      reader.pos += size;
      this.k++;
    }
    if (this.k >= docs.length || docs[this.k] !== doc) return false;
    const size = reader.varint();
    const end = reader.pos + size;
    let count = 0;
    let position = 0;
    while (reader.pos < end) {
      position += reader.varint();
      if (count === this.buffer.length) {
        const grownBuffer = new Int32Array(count * 2);
        grownBuffer.set(this.buffer);
        this.buffer = grownBuffer;
      }
      this.buffer[count++] = position;
    }
    this.count = count;
    this.k++;
    return true;
  }
}

/** The documents of `list` where the phrase's terms stand next to each other, in order. */
function withPhrase(list: ScoredList, phrase: string[], streams: Streams): ScoredList {
  if (!list.docs.length) return list;
  const cursors: PositionCursor[] = [];
  for (const term of phrase) {
    const postings = streams.postings.get(term);
    const bytes = streams.positions.get(term);
    if (!postings || !bytes) return EMPTY_LIST;
    cursors.push(new PositionCursor(postings.docs, bytes));
  }
  const pointers = new Int32Array(cursors.length);
  const keep: number[] = [];
  candidates: for (let i = 0; i < list.docs.length; i++) {
    const doc = list.docs[i]!;
    for (const cursor of cursors) if (!cursor.seek(doc)) continue candidates;
    pointers.fill(0);
    const first = cursors[0]!;
    starts: for (let a = 0; a < first.count; a++) {
      const start = first.buffer[a]!;
      for (let j = 1; j < cursors.length; j++) {
        const cursor = cursors[j]!;
        const target = start + j;
        let at = pointers[j]!;
        while (at < cursor.count && cursor.buffer[at]! < target) at++;
        pointers[j] = at;
        if (at >= cursor.count) break starts;
        if (cursor.buffer[at] !== target) continue starts;
      }
      keep.push(i);
      break;
    }
  }
  return {
    docs: Int32Array.from(keep, (i) => list.docs[i]!),
    scores: Float64Array.from(keep, (i) => list.scores[i]!),
    title: Uint8Array.from(keep, (i) => list.title[i]!),
  };
}

/**
 * A term's postings, not scored yet: an intersection scores only the documents it keeps (most
 * postings of a common word are not among them).
 */
interface TermPart {
  docs: Int32Array;
  values: Uint32Array;
  idf: number;
  weight: number;
}

/** What a query is evaluated over: lists already scored, and terms scored where needed. */
type Part = ScoredList | TermPart;

const isTerm = (part: Part): part is TermPart => 'values' in part;

/** Scores one term's postings for live documents. */
function termList(view: IndexView, columns: DocColumns, term: TermPart): ScoredList {
  const { docs, values, idf: termIdf, weight } = term;
  const out = {
    docs: new Int32Array(docs.length),
    scores: new Float64Array(docs.length),
    title: new Uint8Array(docs.length),
  };
  let chunk: ColumnChunk | undefined;
  let chunkBase = -Infinity;
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i]!;
    if (doc < chunkBase || doc >= chunkBase + CHUNK_SIZE) {
      chunk = columns.chunkOf(doc);
      chunkBase = doc - (doc % CHUNK_SIZE);
    }
    if (!chunk) continue;
    const at = doc - chunkBase;
    if (!(chunk.flags[at]! & FLAG_LIVE)) continue;
    const value = values[i]!;
    out.docs[n] = doc;
    out.scores[n] = weight
      ? weight * bm25(termIdf, value >>> 2, chunk.length[at]!, view.avgLength)
      : 0;
    out.title[n] = value & FIELD_TITLE;
    n++;
  }
  return n === docs.length
    ? out
    : { docs: out.docs.slice(0, n), scores: out.scores.slice(0, n), title: out.title.slice(0, n) };
}

function scored(view: IndexView, columns: DocColumns, part: Part): ScoredList {
  return isTerm(part) ? termList(view, columns, part) : part;
}

/** Adds a term's BM25 scores at `index` (its postings) into `scores`, one column at a time. */
function addTermScores(
  term: TermPart,
  index: Int32Array,
  lengths: Uint32Array,
  avgLength: number,
  scores: Float64Array,
  title: Uint8Array,
  first: boolean,
): void {
  const { values, weight, idf: termIdf } = term;
  for (let i = 0; i < index.length; i++) {
    const value = values[index[i]!]!;
    const score = weight ? weight * bm25(termIdf, value >>> 2, lengths[i]!, avgLength) : 0;
    scores[i] = first ? score : scores[i]! + score;
    title[i] = first ? value & FIELD_TITLE : title[i]! & value & FIELD_TITLE;
  }
}

/** Adds a scored list's scores at `index` into `scores`. */
function addListScores(
  list: ScoredList,
  index: Int32Array,
  scores: Float64Array,
  title: Uint8Array,
  first: boolean,
): void {
  for (let i = 0; i < index.length; i++) {
    const at = index[i]!;
    scores[i] = first ? list.scores[at]! : scores[i]! + list.scores[at]!;
    title[i] = first ? list.title[at]! : title[i]! & list.title[at]!;
  }
}

/**
 * The live documents in every part, scores summed and title marks joined, as intersectSum
 * would give for the parts scored first — in the same order of addition (shortest first), so a
 * score does not depend on which way it was reached — but terms are scored only where the
 * intersection keeps them.
 */
function intersectParts(view: IndexView, columns: DocColumns, parts: Part[]): ScoredList {
  if (parts.length === 1) return scored(view, columns, parts[0]!);
  if (parts.some((part) => !part.docs.length)) return EMPTY_LIST;
  const found = intersectPositions(parts.map((part) => part.docs));
  // Dead documents first, so the columns below are scored for live ones only.
  const total = found.docs.length;
  const keep = new Int32Array(total);
  const lengths = new Uint32Array(total);
  let n = 0;
  let chunk: ColumnChunk | undefined;
  let chunkBase = -Infinity;
  for (let i = 0; i < total; i++) {
    const doc = found.docs[i]!;
    if (doc < chunkBase || doc >= chunkBase + CHUNK_SIZE) {
      chunk = columns.chunkOf(doc);
      chunkBase = doc - (doc % CHUNK_SIZE);
    }
    if (!chunk || !(chunk.flags[doc - chunkBase]! & FLAG_LIVE)) continue;
    keep[n] = i;
    lengths[n] = chunk.length[doc - chunkBase]!;
    n++;
  }
  const noneDead = n === total;
  const pick = (column: Int32Array) => {
    if (noneDead) return column;
    const out = new Int32Array(n);
    for (let j = 0; j < n; j++) out[j] = column[keep[j]!]!;
    return out;
  };
  const docs = pick(found.docs);
  const lengthColumn = noneDead ? lengths : lengths.subarray(0, n);
  const scores = new Float64Array(n);
  const title = new Uint8Array(n);
  const order = parts
    .map((_, k) => k)
    .sort((a, b) => parts[a]!.docs.length - parts[b]!.docs.length);
  order.forEach((k, o) => {
    const part = parts[k]!;
    const index = pick(found.at[k]!);
    if (isTerm(part))
      addTermScores(part, index, lengthColumn, view.avgLength, scores, title, o === 0);
    else addListScores(part, index, scores, title, o === 0);
  });
  return { docs, scores, title };
}

function allLive(columns: DocColumns): ScoredList {
  const docs: number[] = [];
  columns.forEachLive((doc) => docs.push(doc));
  return {
    docs: Int32Array.from(docs),
    scores: new Float64Array(docs.length),
    title: new Uint8Array(docs.length),
  };
}

function evaluator(
  view: IndexView,
  columns: DocColumns,
  streams: Streams,
  dfs: Map<string, number>,
) {
  const cache = new Map<string, ScoredList>();
  const termPart = (name: string, weight: number): Part => {
    const postings = streams.postings.get(name);
    if (!postings) return EMPTY_LIST;
    const df = dfs.get(name) ?? 0;
    const termIdf = idf(Math.max(view.docCount, df), df);
    return { docs: postings.docs, values: postings.values, idf: termIdf, weight };
  };
  const term = (name: string, weight: number) => {
    const key = `${weight}\u0000${name}`;
    let list = cache.get(key);
    if (!list) {
      list = scored(view, columns, termPart(name, weight));
      cache.set(key, list);
    }
    return list;
  };
  const slotPart = (slot: PlannedAlternative['slots'][number]): Part =>
    slot.terms.length === 1
      ? termPart(slot.terms[0]!.term, slot.terms[0]!.weight)
      : unionMax(slot.terms.map((t) => term(t.term, t.weight)));
  const alternativePart = (alternative: PlannedAlternative): Part => {
    if (!alternative.phrase && alternative.slots.length === 1)
      return slotPart(alternative.slots[0]!);
    const list = intersectParts(view, columns, alternative.slots.map(slotPart));
    return alternative.phrase ? withPhrase(list, alternative.phrase, streams) : list;
  };
  return {
    /** An alternative's documents; of an unscored term, every posting (the dead too). */
    alternativePart,
    clause: (clause: PlannedClause): Part =>
      clause.alternatives.length === 1
        ? alternativePart(clause.alternatives[0]!)
        : unionMax(
            clause.alternatives.map((alternative) =>
              scored(view, columns, alternativePart(alternative)),
            ),
          ),
    intersect: (parts: Part[]) => intersectParts(view, columns, parts),
    scored: (part: Part) => scored(view, columns, part),
  };
}

/** Whether the document at `chunk[at]` passes the query's filters (and is live). */
function filterPredicate(view: IndexView, filters: QueryFilters) {
  const feeds = filters.feeds.length ? view.resolveFeeds(filters.feeds) : undefined;
  const langs = filters.langs.length ? view.resolveLangs(filters.langs) : undefined;
  const { bookmarked, unread, before, after } = filters;
  return (chunk: ColumnChunk, at: number): boolean => {
    const flags = chunk.flags[at]!;
    if (!(flags & FLAG_LIVE)) return false;
    if (bookmarked !== undefined && Boolean(flags & FLAG_BOOKMARKED) !== bookmarked) return false;
    if (unread !== undefined && Boolean(flags & FLAG_UNREAD) !== unread) return false;
    const date = chunk.date[at]! * DATE_UNIT_MS;
    if (before !== undefined && date >= before) return false;
    if (after !== undefined && date < after) return false;
    if (feeds && !feeds.has(chunk.feed[at]!)) return false;
    if (langs && !langs.has(chunk.lang[at]!)) return false;
    return true;
  };
}

function collectTerms(plan: QueryPlan): { terms: Set<string>; phraseTerms: Set<string> } {
  const terms = new Set<string>();
  const phraseTerms = new Set<string>();
  const add = (alternative: PlannedAlternative) => {
    for (const slot of alternative.slots) for (const t of slot.terms) terms.add(t.term);
    for (const term of alternative.phrase ?? []) phraseTerms.add(term);
  };
  for (const clause of plan.clauses) clause.alternatives.forEach(add);
  plan.excludes.forEach(add);
  return { terms, phraseTerms };
}

/**
 * Plans the query and finds its terms in every segment. Planning is synchronous over the
 * dictionary blocks at hand; when it needed blocks that were not, they are loaded in one batch
 * and it runs again (a typo search takes a second round: its candidates depend on the first).
 */
async function resolveTerms(view: IndexView, parsed: ParsedQuery, exact: boolean) {
  for (;;) {
    const plan = planQuery(parsed, segmentDictionary(view.segments, view.blocks), {
      typos: !exact,
    });
    const { terms, phraseTerms } = collectTerms(plan);
    const entries: TermEntries = new Map();
    for (const term of terms) {
      const found: { segment: SegmentHeader; entry: TermEntry }[] = [];
      for (const segment of view.segments) {
        const entry = lookupTerm(segment, term, view.blocks);
        if (entry) found.push({ segment, entry });
      }
      entries.set(term, found);
    }
    if (!(await view.loadMissedBlocks())) return { plan, entries, phraseTerms };
  }
}

export async function execute(
  view: IndexView,
  parsed: ParsedQuery,
  options: ExecuteOptions,
): Promise<ExecutionResult> {
  const exact = options.exact ?? false;
  const { plan, entries, phraseTerms } = await resolveTerms(view, parsed, exact);
  const notes = plan.notes;
  const timings = { readMs: 0, columnsWaitMs: 0 };
  const empty = { total: 0, totalExact: true, hits: [], highlight: plan.highlight, notes, timings };
  const filtered = hasFilters(parsed.filters);
  if (!plan.clauses.length && !filtered && !plan.excludes.length) return empty;
  if (exact && !planRestricts(plan, parsed.filters)) return empty;

  const dfs = new Map(
    [...entries].map(([term, found]) => [term, found.reduce((sum, f) => sum + f.entry.df, 0)]),
  );
  const reading = performance.now();
  const streams = await loadStreams(view, entries, phraseTerms);
  timings.readMs = performance.now() - reading;
  const waiting = performance.now();
  const columns = await view.columns();
  timings.columnsWaitMs = performance.now() - waiting;
  const evaluate = evaluator(view, columns, streams, dfs);

  const clauseParts = plan.clauses.map((clause) => evaluate.clause(clause));
  const scoredCount = plan.clauses.filter((clause) => clause.scored).length;
  let candidates = plan.clauses.length ? evaluate.intersect(clauseParts) : allLive(columns);
  let fallback = false;
  if (!exact && !candidates.docs.length && scoredCount >= 2) {
    const clauseLists = clauseParts.map((part) => evaluate.scored(part));
    const scoredLists = clauseLists.filter((_, i) => plan.clauses[i]!.scored);
    const required = clauseLists.filter((_, i) => !plan.clauses[i]!.scored);
    candidates = intersectSum([atLeast(scoredLists, scoredLists.length - 1), ...required]);
    if (candidates.docs.length) {
      fallback = true;
      notes.push(queryNote('mostWords'));
    }
  }
  // Candidates are live: an excluded term's dead postings take nothing away.
  for (const alternative of plan.excludes)
    candidates = subtract(candidates, evaluate.alternativePart(alternative).docs);

  const keep = filterPredicate(view, parsed.filters);
  const sortByDate = options.sort === 'date' || (!scoredCount && !fallback);
  const top = new TopK(options.offset + options.limit);
  // A candidate's title boost is known from its list; recency and bookmark only from the
  // columns. `least` is what its score will be at the least, and times COLUMN_BOOST_MAX at most.
  const titleBoost = scoredCount ? TITLE_MATCH_BOOST : 1;
  const least = (i: number) =>
    candidates.title[i] ? candidates.scores[i]! * titleBoost : candidates.scores[i]!;
  // Candidates are live (the lists above keep only live documents), so without filters each
  // one counts, and the k-th best `least` is a floor for the k-th best score: a candidate that
  // cannot reach it is counted and left before its columns are looked at.
  const unfiltered = !filtered && !sortByDate;
  let floor = -Infinity;
  if (unfiltered && candidates.docs.length > top.k) {
    const leasts = new Float64Array(candidates.docs.length);
    for (let i = 0; i < leasts.length; i++) leasts[i] = least(i);
    floor = kthLargest(leasts, top.k);
  }
  let total = 0;
  let chunk: ColumnChunk | undefined;
  let chunkBase = -Infinity;
  for (let i = 0; i < candidates.docs.length; i++) {
    const most = sortByDate ? Infinity : least(i) * COLUMN_BOOST_MAX;
    if (most < floor) {
      total++;
      continue;
    }
    const doc = candidates.docs[i]!;
    if (doc < chunkBase || doc >= chunkBase + CHUNK_SIZE) {
      chunk = columns.chunkOf(doc);
      chunkBase = doc - (doc % CHUNK_SIZE);
    }
    if (!chunk) continue;
    const at = doc - chunkBase;
    if (!keep(chunk, at)) continue;
    total++;
    const date = chunk.date[at]! * DATE_UNIT_MS;
    let score: number;
    if (sortByDate) score = date;
    else {
      // Most candidates of a broad query cannot reach the k-th best even with every boost:
      // counted, but not scored further (recencyBoost is a power per document).
      if (most < top.threshold) continue;
      score = candidates.scores[i]! * recencyBoost(date, options.now);
      if (chunk.flags[at]! & FLAG_BOOKMARKED) score *= BOOKMARK_BOOST;
      if (candidates.title[i] && scoredCount) score *= TITLE_MATCH_BOOST;
    }
    top.push(doc, score);
  }
  return {
    total,
    totalExact: true,
    hits: top.sorted().slice(options.offset),
    highlight: plan.highlight,
    notes,
    timings,
  };
}
