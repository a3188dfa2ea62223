import { describe, expect, it } from 'vitest';
import type { IndexDocument } from '@search-engine/core/document';
import { SearchEngine } from '@search-engine/core/engine';
import { MemoryStorage } from '@search-engine/core/memory-storage';
import {
  RangeBuilder,
  buildRange,
  rangeTransfer,
  type SegmentBuildPool,
} from '@search-engine/core/rebuild-range';
import { NOW, article } from './helpers';

const words = ['harbour', 'storm', 'budget', 'council', 'volcano', 'ishiba', 'election', 'rail'];
const docs: IndexDocument[] = Array.from({ length: 23 }, (_, i) =>
  article(`a${i}`, {
    title: `${words[i % words.length]} report ${i}`,
    body: `${words[(i * 3) % words.length]} and ${words[(i * 5) % words.length]} day${i}`,
  }),
);

async function* batches(size: number) {
  for (let at = 0; at < docs.length; at += size) yield docs.slice(at, at + size);
}

/**
 * The rebuild's pool with the real range builder behind a structured clone, answering on a
 * later turn as a helper worker would; `fail` makes some ranges fail like a crashed helper.
 */
function laterPool(size: number, fail = (_segmentId: number) => false) {
  const built: number[] = [];
  let closed = false;
  const pool: SegmentBuildPool = {
    size,
    start(_helper, segmentId) {
      const builder = new RangeBuilder(segmentId);
      return {
        add: (rangeDocs) => builder.add(structuredClone(rangeDocs)),
        async finish() {
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (fail(segmentId)) throw new Error('helper failed');
          built.push(segmentId);
          return structuredClone(builder.finish());
        },
      };
    },
    close: () => {
      closed = true;
    },
  };
  return { pool, built, closed: () => closed };
}

/** Each query's total and its hits as (article, score), in article order (ties may swap). */
async function answers(engine: SearchEngine) {
  const out: unknown[] = [];
  for (const query of [...words, '"storm report"', 'day1', 'rep', 'harbour OR rail -storm']) {
    const result = await engine.search({ query, now: NOW, limit: 50 });
    const hits = result.hits.map((hit) => [hit.articleId, hit.score.toFixed(9)]).sort();
    out.push([query, result.total, hits]);
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

  it('gives the same index with helpers as without, each segment its own docId range', async () => {
    const serial = await SearchEngine.open(new MemoryStorage(), { segmentDocs: 4 });
    expect(await serial.rebuild(batches(5))).toBe(docs.length);
    const helpers = laterPool(2);
    const storage = new MemoryStorage();
    const committed: [number, number][] = [];
    storage.beforeCommit = (commit) =>
      committed.push(
        ...commit.putSegments.map(({ header }): [number, number] => [header.minDoc, header.maxDoc]),
      );
    const pooled = await SearchEngine.open(storage, {
      segmentDocs: 4,
      buildPool: () => helpers.pool,
    });
    const progress: number[] = [];
    expect(await pooled.rebuild(batches(5), (n) => progress.push(n))).toBe(docs.length);
    expect(progress).toEqual([5, 10, 15, 20, 23]);
    expect(helpers.closed()).toBe(true);
    // Two of every three ranges went to the helpers; this thread built the others.
    expect(helpers.built.length).toBeGreaterThanOrEqual(4);
    expect(pooled.segmentCount).toBe(committed.length);
    for (let i = 1; i < committed.length; i++)
      expect(committed[i]![0]).toBeGreaterThan(committed[i - 1]![1]);
    expect(pooled.docCount).toBe(docs.length);
    expect((await pooled.allDocs()).map((row) => row.articleId).sort()).toEqual(
      docs.map((doc) => doc.id).sort(),
    );
    expect(pooled.needsRebuild).toBe(false);
    expect(await answers(pooled)).toEqual(await answers(serial));
    const reopened = await SearchEngine.open(storage);
    expect(reopened.needsRebuild).toBe(false);
    expect(await answers(reopened)).toEqual(await answers(serial));
    // Later writes get docIds above every range.
    const rebuiltMax = Math.max(...committed.map(([, max]) => max));
    await reopened.upsert([article('late', { body: 'volcano late' })]);
    const late = (await reopened.allDocs()).find((row) => row.articleId === 'late')!;
    expect(late.docId).toBeGreaterThan(rebuiltMax);
    expect((await reopened.search({ query: 'late', now: NOW })).total).toBe(1);
  });

  it('indexes an article once even when the stream repeats it', async () => {
    const engine = await SearchEngine.open(new MemoryStorage(), { segmentDocs: 4 });
    const twice = [docs[0]!, docs[1]!, docs[0]!];
    const count = await engine.rebuild(
      (async function* () {
        yield twice;
        yield [docs[1]!, docs[2]!];
      })(),
    );
    expect(count).toBe(3);
    expect(engine.docCount).toBe(3);
    expect((await engine.allDocs()).map((row) => row.articleId).sort()).toEqual(['a0', 'a1', 'a2']);
  });

  it('builds a range itself when a helper fails', async () => {
    const helpers = laterPool(1, (segmentId) => segmentId % 2 === 1);
    const engine = await SearchEngine.open(new MemoryStorage(), {
      segmentDocs: 4,
      buildPool: () => helpers.pool,
    });
    expect(await engine.rebuild(batches(23))).toBe(docs.length);
    expect(engine.docCount).toBe(docs.length);
    expect((await engine.search({ query: 'day22', now: NOW })).total).toBe(1);
    const serial = await SearchEngine.open(new MemoryStorage(), { segmentDocs: 4 });
    await serial.rebuild(batches(23));
    expect(await answers(engine)).toEqual(await answers(serial));
  });
});
