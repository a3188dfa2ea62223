/**
 * Which segments to merge next: a pure function of the segments' sizes and live counts, apart
 * from the engine that reads, merges and commits them (as Tantivy keeps merge_policy.rs), so the
 * policy can be read and tested on its own.
 *
 * Segments are grouped by size class (log base mergeFactor of their document count); a run of
 * mergeFactor neighbours of one class merges into one, never past maxMergeDocs. A segment that
 * lost enough of its documents to removals is rewritten alone first, to purge them.
 */

/**
 * In the background a segment is rewritten alone once more than this share of its documents is
 * gone (Lucene's deletesPctAllowed): a reader deleting an article now and then should not cost
 * a rewrite of 25,000 documents each time.
 */
export const EXPUNGE_RATIO = 0.4;

/**
 * After a purge (many removals at once, docs/SEARCH.md "Returning the space of removed
 * documents") a segment with at least this share gone is rewritten too (Lucene's
 * forceMergeDeletesPctAllowed): a retention pass removing a third of every feed would
 * otherwise leave a third of every segment's postings on disk for good.
 */
export const PURGE_EXPUNGE_RATIO = 0.1;

export interface MergePolicyOptions {
  /** This many neighbouring segments of one size class are merged into one. */
  mergeFactor: number;
  /** Segments this large are left alone (except to purge removed documents). */
  maxMergeDocs: number;
}

export interface MergeCandidate {
  /** Documents the segment was written with, live or not. */
  docCount: number;
}

/**
 * Neighbouring segments to merge (or one to purge of removed documents), if any. `segments` in
 * docId order; `liveIn` counts a segment's live documents (asked lazily, it reads columns).
 */
export function pickMerge<S extends MergeCandidate>(
  segments: readonly S[],
  liveIn: (segment: S) => number,
  { mergeFactor, maxMergeDocs }: MergePolicyOptions,
): S[] | undefined {
  const expunge = pickExpunge(segments, liveIn, EXPUNGE_RATIO);
  if (expunge) return [expunge];
  const level = (segment: S) =>
    segment.docCount >= maxMergeDocs
      ? Infinity
      : Math.floor(Math.log(Math.max(1, segment.docCount)) / Math.log(mergeFactor));
  let run: S[] = [];
  for (const segment of segments) {
    const current = level(segment);
    if (run.length && level(run[0]!) !== current) run = [];
    if (current === Infinity) continue;
    run.push(segment);
    // Never build a segment past maxMergeDocs: rewriting a big one costs more than it saves.
    if (run.reduce((sum, s) => sum + s.docCount, 0) > maxMergeDocs) run = [segment];
    if (run.length >= mergeFactor) return run;
  }
  return undefined;
}

/**
 * The segment with the largest share of removed documents, if that share is more than
 * `ratio` (0 picks any segment holding a removed document): rewritten alone, it keeps only its
 * live documents, and one with none left is dropped.
 */
export function pickExpunge<S extends MergeCandidate>(
  segments: readonly S[],
  liveIn: (segment: S) => number,
  ratio: number,
): S | undefined {
  let worst: S | undefined;
  let worstShare = ratio;
  for (const segment of segments) {
    if (!segment.docCount) continue;
    const share = (segment.docCount - liveIn(segment)) / segment.docCount;
    if (share > worstShare) {
      worst = segment;
      worstShare = share;
    }
  }
  return worst;
}
