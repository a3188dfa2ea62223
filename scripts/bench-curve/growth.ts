/**
 * How a figure grows with the library: the arithmetic of `bench:curve`, apart from its I/O.
 *
 * A figure measured at sizes n₁ < n₂ grew by v₂ / v₁. Against log N the yardstick is
 * ln n₂ / ln n₁ (1.2 from 100,000 to 1,000,000), against N it is n₂ / n₁; the exponent k of
 * v ∝ N^k is ln(v₂ / v₁) / ln(n₂ / n₁). Measurements on a shared machine move by tens of per
 * cent between runs, so a figure is only said to outgrow log N when it does by more than that.
 */

export interface Point {
  size: number;
  value: number;
}

export type GrowthClass = 'flat' | 'log' | 'sublinear' | 'linear' | 'superlinear';

export interface Growth {
  /** v(last) / v(first). */
  ratio: number;
  /** ln(last size) / ln(first size): what log N growth would give. */
  logRatio: number;
  /** k of v ∝ N^k between the first and last size. */
  exponent: number;
  /** v(next) / v(previous), for each step between sizes. */
  steps: number[];
  class: GrowthClass;
  /** Grew more than log N does, beyond the noise allowed. */
  fasterThanLog: boolean;
}

/** Run-to-run movement of one figure on a shared machine, as a share of the figure. */
export const NOISE = 0.25;

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/**
 * The growth of `points` (at two sizes or more; values above zero) from the smallest size to
 * the largest. Undefined when there is nothing to compare.
 */
export function growthOf(points: Point[]): Growth | undefined {
  const usable = points
    .filter((p) => p.size > 1 && Number.isFinite(p.value) && p.value > 0)
    .sort((a, b) => a.size - b.size);
  if (usable.length < 2) return undefined;
  const first = usable[0]!;
  const last = usable.at(-1)!;
  if (first.size === last.size) return undefined;
  const ratio = last.value / first.value;
  const logRatio = Math.log(last.size) / Math.log(first.size);
  const exponent = Math.log(ratio) / Math.log(last.size / first.size);
  const steps = usable.slice(1).map((p, i) => round(p.value / usable[i]!.value));
  const fasterThanLog = ratio > logRatio * (1 + NOISE);
  let kind: GrowthClass;
  if (ratio <= 1 + NOISE) kind = 'flat';
  else if (!fasterThanLog) kind = 'log';
  else if (exponent < 0.85) kind = 'sublinear';
  else if (exponent <= 1.15) kind = 'linear';
  else kind = 'superlinear';
  return {
    ratio: round(ratio),
    logRatio: round(logRatio),
    exponent: round(exponent),
    steps,
    class: kind,
    fasterThanLog,
  };
}

/** "N^0.42", "log N", … as the growth reads in a table. */
export function describeGrowth(growth: Growth | undefined): string {
  if (!growth) return '—';
  switch (growth.class) {
    case 'flat':
      return 'flat';
    case 'log':
      return '≤ log N';
    default:
      return `N^${growth.exponent.toFixed(2)}`;
  }
}
