/**
 * The term dictionary of a set of segments: what the planner asks, answered from the decoded
 * dictionary blocks at hand. A lookup whose block is not at hand answers "absent" and the
 * block source remembers the miss; the executor loads the missed blocks and plans again.
 */
import type { TermDictionary } from './plan';
import type { SegmentHeader } from './segment';
import {
  blockFor,
  entryAt,
  indexIn,
  lowerBoundIn,
  type DecodedBlock,
  type TermEntry,
} from './term-blocks';

/** Past this many completions per segment, a prefix is too short to be worth expanding fully. */
const PREFIX_SCAN_LIMIT = 20_000;

export interface BlockSource {
  /** Block `index` of `segment`'s dictionary, or undefined (and a remembered miss). */
  block(segment: SegmentHeader, index: number): DecodedBlock | undefined;
}

/** `term`'s entry in `segment`, or undefined when absent (or its block is not at hand). */
export function lookupTerm(
  segment: SegmentHeader,
  term: string,
  blocks: BlockSource,
): TermEntry | undefined {
  const index = blockFor(segment.firstTerms, term);
  if (index < 0) return undefined;
  const block = blocks.block(segment, index);
  if (!block) return undefined;
  const at = indexIn(block, term);
  return at < 0 ? undefined : entryAt(block, at);
}

/** Calls `visit` for each term of `segment` that starts with `prefix`, in order, up to `limit`. */
function scanPrefix(
  segment: SegmentHeader,
  prefix: string,
  blocks: BlockSource,
  limit: number,
  visit: (term: string, df: number) => void,
): void {
  const first = Math.max(0, blockFor(segment.firstTerms, prefix));
  // Every string that starts with `prefix` sorts before prefix + U+FFFF.
  const last = blockFor(segment.firstTerms, `${prefix}\uffff`);
  let seen = 0;
  for (let b = first; b <= last && seen < limit; b++) {
    const block = blocks.block(segment, b);
    if (!block) continue;
    const { terms, df } = block;
    for (let i = b === first ? lowerBoundIn(block, prefix) : 0; i < terms.length; i++) {
      const term = terms[i]!;
      if (!term.startsWith(prefix) || seen++ >= limit) return;
      visit(term, df[i]!);
    }
  }
}

export function segmentDictionary(
  segments: readonly SegmentHeader[],
  blocks: BlockSource,
): TermDictionary {
  return {
    df(term) {
      let df = 0;
      for (const segment of segments) df += lookupTerm(segment, term, blocks)?.df ?? 0;
      return df;
    },
    known(term) {
      return segments.every((segment) => {
        const index = blockFor(segment.firstTerms, term);
        return index < 0 || blocks.block(segment, index) !== undefined;
      });
    },
    withPrefix(prefix, limit) {
      const totals = new Map<string, number>();
      for (const segment of segments)
        scanPrefix(segment, prefix, blocks, PREFIX_SCAN_LIMIT, (term, df) =>
          totals.set(term, (totals.get(term) ?? 0) + df),
        );
      return [...totals]
        .map(([term, df]) => ({ term, df }))
        .sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
        .slice(0, limit);
    },
  };
}
