/**
 * The memory bench's arithmetic, kept apart from its I/O so it can be checked on its own: one
 * sample of process.memoryUsage() in MB, the least-squares slope of RSS over the last stretch
 * of the run, and the verdict against the limit.
 */

const MB = 1024 * 1024;

/** One reading of the process's memory after `extractions` extractions. */
export interface MemorySample {
  extractions: number;
  /** Seconds since the first extraction started. */
  seconds: number;
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** process.memoryUsage() (or a child's RSS added to it) as a sample, to 0.1 MB. */
export function toSample(
  extractions: number,
  seconds: number,
  usage: Pick<NodeJS.MemoryUsage, 'rss' | 'heapUsed' | 'external' | 'arrayBuffers'>,
): MemorySample {
  return {
    extractions,
    seconds: round(seconds, 1),
    rssMb: round(usage.rss / MB, 1),
    heapUsedMb: round(usage.heapUsed / MB, 1),
    externalMb: round(usage.external / MB, 1),
    arrayBuffersMb: round(usage.arrayBuffers / MB, 1),
  };
}

/** Whether the `done`-th extraction ends a sampling interval of `every`. */
export function isSamplePoint(done: number, every: number): boolean {
  return done > 0 && done % every === 0;
}

/** The least-squares slope of y over x; 0 with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

export interface CurveVerdict {
  /** The highest RSS of any sample. */
  peakRssMb: number;
  /** Samples whose RSS went past the limit; any one fails the bench. */
  overLimit: MemorySample[];
  /**
   * RSS growth in MB per 1,000 extractions over the samples of the last `tailExtractions`
   * (both ends included); near zero when memory is flat once warm.
   */
  tailSlopeMbPer1000: number;
  /** The extraction counts the slope was taken between. */
  tailFrom: number;
  tailTo: number;
  passed: boolean;
}

/** Judges a run's samples: none may pass `limitMb`; the slope of the tail is reported. */
export function judgeCurve(
  samples: readonly MemorySample[],
  options: { limitMb: number; tailExtractions: number },
): CurveVerdict {
  const last = samples.at(-1)?.extractions ?? 0;
  const tail = samples.filter((s) => s.extractions >= last - options.tailExtractions);
  const overLimit = samples.filter((s) => s.rssMb > options.limitMb);
  return {
    peakRssMb: samples.reduce((peak, s) => Math.max(peak, s.rssMb), 0),
    overLimit,
    tailSlopeMbPer1000: round(slope(tail.map((s) => ({ x: s.extractions, y: s.rssMb }))) * 1000, 2),
    tailFrom: tail[0]?.extractions ?? 0,
    tailTo: last,
    passed: samples.length > 0 && overLimit.length === 0,
  };
}
