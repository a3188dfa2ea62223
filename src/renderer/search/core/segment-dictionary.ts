/** The term dictionary of a set of segments: what the planner asks, answered from memory. */
import type { TermDictionary } from './plan';
import { findTerm, prefixRange, termAt, type SegmentHeader } from './segment';

/** Past this many completions per segment, a prefix is too short to be worth expanding fully. */
const PREFIX_SCAN_LIMIT = 20_000;

export function segmentDictionary(segments: () => readonly SegmentHeader[]): TermDictionary {
  return {
    df(term) {
      let df = 0;
      for (const segment of segments()) {
        const index = findTerm(segment, term);
        if (index >= 0) df += segment.df[index]!;
      }
      return df;
    },
    withPrefix(prefix, limit) {
      const totals = new Map<string, number>();
      for (const segment of segments()) {
        const [from, to] = prefixRange(segment, prefix);
        for (let i = from; i < Math.min(to, from + PREFIX_SCAN_LIMIT); i++) {
          const term = termAt(segment, i);
          totals.set(term, (totals.get(term) ?? 0) + segment.df[i]!);
        }
      }
      return [...totals]
        .map(([term, df]) => ({ term, df }))
        .sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1))
        .slice(0, limit);
    },
  };
}
