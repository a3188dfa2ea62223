/**
 * mulberry32: a small seeded generator, the same sequence for the same seed everywhere. The
 * soak's kill moments and the benches' corpora and run orders all draw from it (scripts reach
 * it through scripts/bench-kit.ts).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
