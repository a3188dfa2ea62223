import { describe, expect, it } from 'vitest';
import type { SearchableArticle } from '../../../../src/renderer/search/core/document';
import { SearchEngine } from '../../../../src/renderer/search/core/engine';
import { MemoryStorage } from '../../../../src/renderer/search/core/memory-storage';
import {
  buildRange,
  rangeTransfer,
  type SegmentBuildPool,
} from '../../../../src/renderer/search/core/segment-build';
import { NOW, article } from './helpers';

const words = ['harbour', 'storm', 'budget', 'council', 'volcano', 'ishiba', 'election', 'rail'];
const docs: SearchableArticle[] = Array.from({ length: 23 }, (_, i) =>
  article(`a${i}`, {
    title: `${words[i % words.length]} report ${i}`,
    body: `${words[(i * 3) % words.length]} and ${words[(i * 5) % words.length]} day${i}`,
  }),
);

async function* batches(size: number) {
  for (let at = 0; at < docs.length; at += size) yield docs.slice(at, at + size);
}

/**
 * The rebuild's pool with the real range builder run on a later turn, as a helper worker's
 * answer would come; `fail` makes some ranges fail like a helper that could not start.
 */
function laterPool(size: number, fail = (_segmentId: number) => false) {
  const built: number[] = [];
  let closed = false;
  const pool: SegmentBuildPool = {
    size,
    async build(segmentId, rangeDocs) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail(segmentId)) throw new Error('helper failed');
      built.push(segmentId);
      return structuredClone(buildRange(segmentId, rangeDocs));
    },
    close: () => {
      closed = true;
    },
  };
  return { pool, built, closed: () => closed };
}

async function answers(engine: SearchEngine) {
  const out: unknown[] = [];
  for (const query of [...words, '"storm report"', 'day1', 'rep', 'harbour OR rail -storm']) {
    const result = await engine.search({ query, now: NOW, limit: 50 });
    out.push([query, result.total, result.hits.map((hit) => [hit.articleId, hit.score])]);
  }
  return out;
}

describe('rebuild in ranges', () => {
  it('builds a range into one segment with each document length', () => {
    const built = buildRange(7, [
      { docId: 3, article: docs[0]! },
      { docId: 4, article: docs[1]! },
    ]);
    expect(built.file.header).toMatchObject({ id: 7, minDoc: 3, maxDoc: 4, docCount: 2 });
    expect([...built.lengths]).toEqual([7, 7]); // title 3 words + text 4
    // Every page and the lengths can be handed over without copying, each buffer once.
    const buffers = rangeTransfer(built);
    const pages = [...built.file.pages, ...built.file.posPages, ...built.file.dictPages];
    expect(buffers.length).toBe(pages.length + 1);
  });

  it('gives the same index with helpers as without, committed in docId order', async () => {
    const serial = await SearchEngine.open(new MemoryStorage(), { segmentDocs: 4 });
    expect(await serial.rebuild(batches(5))).toBe(docs.length);
    const helpers = laterPool(2);
    const storage = new MemoryStorage();
    const committed: number[][] = [];
    storage.beforeCommit = (commit) =>
      committed.push(commit.putSegments.map((file) => file.header.minDoc));
    const pooled = await SearchEngine.open(storage, {
      segmentDocs: 4,
      buildPool: () => helpers.pool,
    });
    const progress: number[] = [];
    expect(await pooled.rebuild(batches(5), (n) => progress.push(n))).toBe(docs.length);
    expect(progress).toEqual([5, 10, 15, 20, 23]);
    expect(pooled.segmentCount).toBe(serial.segmentCount);
    expect(pooled.segmentCount).toBe(6);
    // Two of every three ranges went to the helpers; this thread built the others.
    expect(helpers.built.length).toBe(4);
    expect(helpers.closed()).toBe(true);
    expect(committed.flat()).toEqual([0, 4, 8, 12, 16, 20]);
    expect(pooled.needsRebuild).toBe(false);
    expect(await answers(pooled)).toEqual(await answers(serial));
    const reopened = await SearchEngine.open(storage);
    expect(reopened.needsRebuild).toBe(false);
    expect(await answers(reopened)).toEqual(await answers(serial));
  });

  it('builds a range itself when a helper fails', async () => {
    const helpers = laterPool(1, (segmentId) => segmentId % 2 === 0);
    const engine = await SearchEngine.open(new MemoryStorage(), {
      segmentDocs: 4,
      buildPool: () => helpers.pool,
    });
    expect(await engine.rebuild(batches(23))).toBe(docs.length);
    expect(engine.segmentCount).toBe(6);
    expect((await engine.search({ query: 'day22', now: NOW })).total).toBe(1);
    expect((await engine.search({ query: 'harbour', now: NOW, limit: 50 })).total).toBe(
      docs.filter((doc) => /harbour/.test(`${doc.title} ${doc.contentHtml}`)).length,
    );
  });
});
