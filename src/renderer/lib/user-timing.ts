/*
 * Spans of the app's own work on the page's performance timeline (User Timing), named
 * `broadsheet:<what>`, so a benchmark (scripts/bench-rules.ts) or a profiler sees how long the
 * store path took inside the page without timing it from outside. A span costs a timestamp and
 * one entry; entries of a name are dropped past a cap, so a long session does not collect them.
 */

const KEEP = 1_000;

/** Milliseconds on the page's clock, for `recordSpan`'s start. */
export const spanStart = (): number => performance.now();

/** Records `broadsheet:<name>` from `start` until now, with `detail` for the reader of it. */
export function recordSpan(name: string, start: number, detail?: Record<string, unknown>): void {
  const entry = `broadsheet:${name}`;
  try {
    if (performance.getEntriesByName(entry, 'measure').length >= KEEP) {
      performance.clearMeasures(entry);
    }
    performance.measure(entry, { start, end: performance.now(), detail });
  } catch {
    // An environment without User Timing (some test DOMs) records nothing: it is only a figure.
  }
}
