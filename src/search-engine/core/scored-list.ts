/**
 * Sorted document lists with a score each: the algebra queries are evaluated in. `title` marks
 * documents whose match was in the title (for the all-words-in-title boost).
 */

export interface ScoredList {
  docs: Int32Array;
  scores: Float64Array;
  title: Uint8Array;
}

export const EMPTY_LIST: ScoredList = {
  docs: new Int32Array(0),
  scores: new Float64Array(0),
  title: new Uint8Array(0),
};

function allocate(size: number): ScoredList {
  return {
    docs: new Int32Array(size),
    scores: new Float64Array(size),
    title: new Uint8Array(size),
  };
}

function trim(list: ScoredList, size: number): ScoredList {
  if (size === list.docs.length) return list;
  return {
    docs: list.docs.slice(0, size),
    scores: list.scores.slice(0, size),
    title: list.title.slice(0, size),
  };
}

/**
 * Documents in either list and either title mark; a document in both gets the better score,
 * or with `sum` the two added.
 */
function union2(a: ScoredList, b: ScoredList, sum = false): ScoredList {
  const out = allocate(a.docs.length + b.docs.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.docs.length || j < b.docs.length) {
    const da = i < a.docs.length ? a.docs[i]! : Infinity;
    const db = j < b.docs.length ? b.docs[j]! : Infinity;
    if (da === db) {
      out.docs[n] = da;
      out.scores[n] = sum ? a.scores[i]! + b.scores[j]! : Math.max(a.scores[i]!, b.scores[j]!);
      out.title[n] = a.title[i]! | b.title[j]!;
      i++;
      j++;
    } else if (da < db) {
      out.docs[n] = da;
      out.scores[n] = a.scores[i]!;
      out.title[n] = a.title[i]!;
      i++;
    } else {
      out.docs[n] = db;
      out.scores[n] = b.scores[j]!;
      out.title[n] = b.title[j]!;
      j++;
    }
    n++;
  }
  return trim(out, n);
}

/**
 * Union of many long lists (completions of a short prefix) through a dense array over their
 * docId range: one pass per list and one scan, instead of log(k) rounds of merging.
 */
function denseUnion(lists: ScoredList[]): ScoredList {
  let min = Infinity;
  let max = -Infinity;
  for (const list of lists) {
    if (!list.docs.length) continue;
    min = Math.min(min, list.docs[0]!);
    max = Math.max(max, list.docs[list.docs.length - 1]!);
  }
  if (min > max) return EMPTY_LIST;
  const span = max - min + 1;
  const best = new Float64Array(span).fill(-1);
  const title = new Uint8Array(span);
  for (const list of lists) {
    for (let i = 0; i < list.docs.length; i++) {
      const at = list.docs[i]! - min;
      if (list.scores[i]! > best[at]!) best[at] = list.scores[i]!;
      title[at]! |= list.title[i]!;
    }
  }
  let size = 0;
  for (let at = 0; at < span; at++) if (best[at]! >= 0) size++;
  const out = allocate(size);
  let n = 0;
  for (let at = 0; at < span; at++) {
    if (best[at]! < 0) continue;
    out.docs[n] = min + at;
    out.scores[n] = best[at]!;
    out.title[n] = title[at]!;
    n++;
  }
  return out;
}

/** Union keeping each document's best score (alternatives of one slot or clause). */
export function unionMax(lists: ScoredList[]): ScoredList {
  if (lists.length === 0) return EMPTY_LIST;
  if (lists.length > 4) {
    const total = lists.reduce((sum, list) => sum + list.docs.length, 0);
    if (total > 20_000) return denseUnion(lists);
  }
  let level = lists;
  // Pairwise rounds: O(n log k) without a heap.
  while (level.length > 1) {
    const next: ScoredList[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? union2(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/** First index in docs[from..] with docs[index] ≥ target (galloping, then binary search). */
function seek(docs: Int32Array, from: number, target: number): number {
  let step = 1;
  let hi = from;
  while (hi < docs.length && docs[hi]! < target) {
    from = hi + 1;
    hi += step;
    step *= 2;
  }
  hi = Math.min(hi, docs.length);
  while (from < hi) {
    const mid = (from + hi) >>> 1;
    if (docs[mid]! < target) from = mid + 1;
    else hi = mid;
  }
  return from;
}

function intersect2(a: ScoredList, b: ScoredList): ScoredList {
  const [small, large] = a.docs.length <= b.docs.length ? [a, b] : [b, a];
  const out = allocate(small.docs.length);
  let j = 0;
  let n = 0;
  for (let i = 0; i < small.docs.length && j < large.docs.length; i++) {
    const doc = small.docs[i]!;
    j = seek(large.docs, j, doc);
    if (j < large.docs.length && large.docs[j] === doc) {
      out.docs[n] = doc;
      out.scores[n] = small.scores[i]! + large.scores[j]!;
      out.title[n] = small.title[i]! & large.title[j]!;
      n++;
    }
  }
  return trim(out, n);
}

/** Documents in every list, scores summed; smallest lists first so work shrinks early. */
export function intersectSum(lists: ScoredList[]): ScoredList {
  if (lists.length === 0) return EMPTY_LIST;
  const ordered = [...lists].sort((a, b) => a.docs.length - b.docs.length);
  let result = ordered[0]!;
  for (let i = 1; i < ordered.length && result.docs.length; i++)
    result = intersect2(result, ordered[i]!);
  return result;
}

/** The documents common to sorted lists, and where each one stands in each list. */
export interface Intersection {
  docs: Int32Array;
  /** at[k][i] is the index of docs[i] in lists[k]. */
  at: Int32Array[];
}

/**
 * Documents in every one of `lists` (each sorted ascending), with their index in each list, so
 * a caller can score only the documents that are in all of them: most postings of a common word
 * are not. The shortest list leads; the others are galloped through.
 */
export function intersectPositions(lists: Int32Array[]): Intersection {
  if (!lists.length) return { docs: new Int32Array(0), at: [] };
  const order = lists.map((_, k) => k).sort((a, b) => lists[a]!.length - lists[b]!.length);
  const first = order[0]!;
  const docs = Int32Array.from(lists[first]!);
  let n = docs.length;
  const at: Int32Array[] = new Array<Int32Array>(lists.length);
  const identity = new Int32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  at[first] = identity;
  const done = [first];
  for (let o = 1; o < order.length && n; o++) {
    const k = order[o]!;
    const other = lists[k]!;
    const mine = new Int32Array(n);
    let j = 0;
    let m = 0;
    for (let i = 0; i < n && j < other.length; i++) {
      const doc = docs[i]!;
      j = seek(other, j, doc);
      if (j >= other.length || other[j] !== doc) continue;
      docs[m] = doc;
      for (const earlier of done) at[earlier]![m] = at[earlier]![i]!;
      mine[m] = j;
      m++;
    }
    n = m;
    at[k] = mine;
    done.push(k);
  }
  for (let k = 0; k < lists.length; k++) at[k] = (at[k] ?? new Int32Array(0)).subarray(0, n);
  return { docs: docs.subarray(0, n), at };
}

/** `list` without the documents in `excluded` (sorted). */
export function subtract(list: ScoredList, excluded: Int32Array): ScoredList {
  if (!excluded.length) return list;
  const out = allocate(list.docs.length);
  let j = 0;
  let n = 0;
  for (let i = 0; i < list.docs.length; i++) {
    const doc = list.docs[i]!;
    j = seek(excluded, j, doc);
    if (j < excluded.length && excluded[j] === doc) continue;
    out.docs[n] = doc;
    out.scores[n] = list.scores[i]!;
    out.title[n] = list.title[i]!;
    n++;
  }
  return trim(out, n);
}

/**
 * Documents matching at least `min` of the lists, ranked by how many they match, then score
 * (the "most of the words" fallback when no document has them all).
 */
export function atLeast(lists: ScoredList[], min: number): ScoredList {
  const counted = lists.map((list) => ({
    docs: list.docs,
    scores: list.scores.map((score) => score + 1000),
    title: list.title,
  }));
  // Summing through a union: score = 1000 × matches + relevance. The result carries no title
  // marks (the filter below does not copy them): this fallback gets no all-words-in-title boost.
  let acc: ScoredList = EMPTY_LIST;
  for (const list of counted) acc = union2(acc, list, true);
  const out = allocate(acc.docs.length);
  let n = 0;
  for (let i = 0; i < acc.docs.length; i++) {
    if (acc.scores[i]! < min * 1000) continue;
    out.docs[n] = acc.docs[i]!;
    out.scores[n] = acc.scores[i]!;
    n++;
  }
  return trim(out, n);
}
