/**
 * Story grouping against the labelled set (story-labelled-set.ts): real articles, papers'
 * reworked copies of them, and hard negatives (follow-ups repeating the background, other events
 * under the same headline or told with the same background, every other article of the same few
 * days). Pairwise precision and
 * recall of groupAll, which decides as the app does, in arrival order. Precision comes first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { groupAll } from '@search-engine/core/story-grouping';
import { hasRealFeeds } from './real-feeds-corpus';
import { buildLabelledSet, type LabelledArticle, pairwiseScore } from './story-labelled-set';

describe('story grouping: the labelled set', { timeout: 180_000 }, () => {
  let set: LabelledArticle[];
  let groups: string[][];

  beforeAll(() => {
    if (!hasRealFeeds()) return;
    set = buildLabelledSet({ seed: 16 });
    groups = groupAll(set);
  }, 180_000);

  it.skipIf(!hasRealFeeds())('is big enough to mean something', () => {
    const kinds = new Map<string, number>();
    for (const article of set) kinds.set(article.kind, (kinds.get(article.kind) ?? 0) + 1);
    expect(kinds.get('original')).toBeGreaterThan(200);
    expect(kinds.get('copy')).toBeGreaterThan(400);
    expect(kinds.get('follow-up')).toBeGreaterThan(50);
    expect(kinds.get('same headline, other event')).toBeGreaterThan(10);
    expect(kinds.get('same background, other event')).toBeGreaterThan(10);
    expect(kinds.get('other')).toBeGreaterThan(1000);
  });

  it.skipIf(!hasRealFeeds())('puts every article in exactly one group', () => {
    const ids = groups.flat();
    expect(ids).toHaveLength(set.length);
    expect(new Set(ids).size).toBe(set.length);
  });

  it.skipIf(!hasRealFeeds())('reaches precision ≥ 0.98 and recall ≥ 0.90 (pairwise)', () => {
    const score = pairwiseScore(set, groups);
    console.info(
      `story grouping, labelled set of ${set.length} articles: precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)} (${score.correctPairs} of ${score.predictedPairs} grouped pairs right, ${score.truePairs} true pairs)`,
    );
    expect(score.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it.skipIf(!hasRealFeeds())('never puts a follow-up with the story it follows', () => {
    const storyOf = new Map(set.map((article) => [article.id, article]));
    for (const group of groups) {
      const members = group.map((id) => storyOf.get(id)!);
      const followed = new Set(
        members
          .filter((m) => m.kind.startsWith('follow-up'))
          .map((m) => m.story.replace(/ follow-up$/, '')),
      );
      for (const member of members) {
        if (!member.kind.startsWith('follow-up')) expect(followed.has(member.story)).toBe(false);
      }
    }
  });

  it.skipIf(!hasRealFeeds())(
    'decides the same without sources, from the sites alone (as the CLI does)',
    () => {
      const bare = set.map(({ source: _source, ...article }) => article);
      const score = pairwiseScore(bare, groupAll(bare));
      console.info(
        `without sources: precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}`,
      );
      expect(score.precision).toBeGreaterThanOrEqual(0.98);
      expect(score.recall).toBeGreaterThanOrEqual(0.9);
    },
  );
});
