/**
 * Relevance: BM25 over one weighted term frequency per document (title words count
 * TITLE_WEIGHT times, author/feed/tag words META_WEIGHT times, see document.ts), times gentle
 * boosts: recent articles, bookmarked articles, and articles whose title holds every searched
 * word. The boosts only reorder near-ties; they never lift a weak match over a strong one.
 */

export type SortMode = 'relevance' | 'date';

export const K1 = 1.2;
export const B = 0.75;
/** Up to +15% for an article published today, halving every 30 days. */
export const RECENCY_WEIGHT = 0.15;
export const RECENCY_HALF_LIFE_DAYS = 30;
export const BOOKMARK_BOOST = 1.1;
export const TITLE_MATCH_BOOST = 1.3;
/**
 * The most the boosts read from a document's columns (recency, bookmark) can multiply a score
 * by, with a hair to spare for rounding: bounds compared against it must never prune a hit.
 */
export const COLUMN_BOOST_MAX = (1 + RECENCY_WEIGHT) * BOOKMARK_BOOST * (1 + 1e-9);
/** Completions of the word being typed, and spellings one typo away, weigh less than exact. */
export const PREFIX_WEIGHT = 0.85;
export const TYPO_WEIGHT = 0.6;

const DAY_MS = 86_400_000;

export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** BM25 contribution of one term to one document. */
export function bm25(termIdf: number, tf: number, length: number, avgLength: number): number {
  const norm = K1 * (1 - B + (B * length) / (avgLength || 1));
  return (termIdf * tf * (K1 + 1)) / (tf + norm);
}

export function recencyBoost(date: number, now: number): number {
  const ageDays = Math.max(0, (now - date) / DAY_MS);
  return 1 + RECENCY_WEIGHT * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS);
}

export interface Hit {
  docId: number;
  score: number;
}

/** The k best hits seen so far (a min-heap on score; ties go to the newer docId). */
export class TopK {
  private readonly heap: Hit[] = [];

  constructor(readonly k: number) {}

  private less(a: Hit, b: Hit): boolean {
    return a.score < b.score || (a.score === b.score && a.docId < b.docId);
  }

  /** The score a new hit must beat to enter (−∞ while not full). */
  get threshold(): number {
    return this.heap.length < this.k ? -Infinity : this.heap[0]!.score;
  }

  push(docId: number, score: number): void {
    if (this.k <= 0) return;
    const heap = this.heap;
    // Most candidates of a broad query lose to the current k-th: reject them without allocating.
    if (heap.length >= this.k) {
      const least = heap[0]!;
      if (score < least.score || (score === least.score && docId < least.docId)) return;
    }
    const hit = { docId, score };
    if (heap.length < this.k) {
      heap.push(hit);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
      return;
    }
    if (!this.less(heap[0]!, hit)) return;
    heap[0] = hit;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.less(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.less(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }

  /** Best first. */
  sorted(): Hit[] {
    return [...this.heap].sort((a, b) => b.score - a.score || b.docId - a.docId);
  }
}

/**
 * The k-th largest of `scores` (−∞ when there are k or fewer): one pass with a min-heap of k
 * numbers, most of them rejected by one comparison.
 */
export function kthLargest(scores: Float64Array, k: number): number {
  if (k <= 0 || scores.length <= k) return -Infinity;
  const heap = Float64Array.from(scores.subarray(0, k)).sort();
  // A sorted array is a valid min-heap.
  for (let i = k; i < scores.length; i++) {
    const score = scores[i]!;
    if (score <= heap[0]!) continue;
    heap[0] = score;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= k) break;
      const right = left + 1;
      const child = right < k && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= heap[at]!) break;
      const swap = heap[child]!;
      heap[child] = heap[at]!;
      heap[at] = swap;
      at = child;
    }
  }
  return heap[0]!;
}
