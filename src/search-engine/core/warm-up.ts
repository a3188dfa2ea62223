/**
 * A fresh worker's first search runs the query path's loops (decoding postings, scoring,
 * intersecting, ranking, snippets) in V8's interpreter until they are compiled, and its lists
 * are long: in a library of a million articles a common word matches hundreds of thousands.
 * Once the real index is open and no search is waiting, the worker answers one query of each
 * kind on a small made-up index in memory, so that the reader's first search finds the code
 * compiled. It gives way to a search between steps. Nothing of it is kept.
 */
import type { IndexDocument } from './document';
import { SearchEngine, type SearchRequest } from './engine';
import { MemoryStorage } from './memory-storage';
import { highlightAll, snippet } from './snippets';

/** Word w is in every (w + 1)-th document: lists from every document down to one in ten. */
const WORDS = [
  'reports',
  'market',
  'council',
  'weather',
  'season',
  'players',
  'election',
  'energy',
  'prices',
  'music',
];
const FILLER = 'The council met on Tuesday to discuss the budget of the city and its schools.';
const SNIPPET_TEXT = `${WORDS.join(' ')} ${FILLER}`;
const DAY_MS = 86_400_000;

/** Documents in the made-up index: lists long enough for the loops to be compiled. */
export const WARM_UP_DOCS = 1_000;

/** One query of each kind the search box asks: a word, words, a prefix, a phrase, a typo. */
export const WARM_UP_QUERIES: SearchRequest[] = [
  { query: 'reports' },
  { query: 'market council' },
  { query: 'market wea', prefixLast: true },
  { query: '"reports market"' },
  { query: 'markte' },
  { query: 'reports -music', sort: 'date' },
];

function made(i: number, now: number): IndexDocument {
  const words = WORDS.filter((_, w) => i % (w + 1) === 0);
  return {
    id: `warm-${i}`,
    feedId: `feed-${i % 7}`,
    title: words.slice(0, 3).join(' '),
    authors: [],
    tags: [],
    contentHtml: `<p>${words.join(' ')} ${FILLER}</p>`,
    publishedAt: now - (i % 90) * DAY_MS,
    unread: (i % 2) as 0 | 1,
  };
}

export interface WarmUpOptions {
  now?: number;
  /** Awaited between steps: lets what is waiting (a real search) run first. */
  pause?: () => Promise<void>;
  /** Checked after each pause: a real search has come, the warm-up gives way to it. */
  stop?: () => boolean;
}

/**
 * Builds the made-up index and answers WARM_UP_QUERIES on it, a step at a time; resolves to
 * the totals of the queries it answered.
 */
export async function warmUp({ now = Date.now(), pause, stop }: WarmUpOptions = {}): Promise<
  number[]
> {
  const totals: number[] = [];
  // A search already waiting is answered first: building the made-up index takes a while.
  await pause?.();
  if (stop?.()) return totals;
  const engine = await SearchEngine.open(new MemoryStorage());
  await engine.upsert(Array.from({ length: WARM_UP_DOCS }, (_, i) => made(i, now)));
  for (const request of WARM_UP_QUERIES) {
    await pause?.();
    if (stop?.()) break;
    const result = await engine.search({ ...request, now, limit: 20 });
    // A snippet and a title per hit, as the service makes them (every made-up text is alike).
    for (let hit = 0; hit < result.hits.length; hit++) {
      highlightAll(SNIPPET_TEXT, result.highlight);
      snippet(SNIPPET_TEXT, result.highlight);
    }
    totals.push(result.total);
  }
  return totals;
}
