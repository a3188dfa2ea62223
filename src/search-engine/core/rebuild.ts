/**
 * A rebuild's ranges: documents dealt out to this thread and to helper workers, each range built
 * into a segment of its own docId interval and committed in docId order. The engine (engine.ts)
 * clears the index, flags the rebuild, and hands this what it needs to register, stage and
 * commit what the ranges build.
 */
import { docRecord, type DocRecord } from './doc-record';
import { contentHash, type IndexDocument } from './document';
import type { SegmentFile } from './segment';
import {
  RangeBuilder,
  buildRange,
  type RangeDoc,
  type RemoteRange,
  type SegmentBuildPool,
} from './rebuild-range';
import type { IndexCommit, IndexMeta } from './storage';

/** What a rebuild touches of the engine. */
export interface RebuildTarget {
  /** The engine's current meta, whose docId and segment counters the ranges advance. */
  meta(): IndexMeta;
  /** A document's columns and doc info, once its postings are built. */
  registerDoc(record: DocRecord, length: number): void;
  /** Makes a new segment searchable before its commit lands. */
  stage(file: SegmentFile): SegmentFile;
  commit(change: Partial<Pick<IndexCommit, 'putSegments' | 'deleteSegments'>>): Promise<void>;
}

export interface RebuildOptions {
  /** A segment every this many documents… */
  segmentDocs: number;
  /** …or when its documents' stored text reaches this many characters, whichever is first. */
  segmentBytes: number;
}

/**
 * Ranges are built in groups of helpers + 1: documents are dealt out in chunks, round robin,
 * so every range of a group fills at once and the helpers work while this thread reads and
 * builds its own. Each range has its own docId interval (docIds need only increase within a
 * segment), and the next group starts after the last docId used.
 */
export async function buildRanges(
  target: RebuildTarget,
  source: AsyncIterable<IndexDocument[]>,
  pool: SegmentBuildPool | undefined,
  { segmentDocs, segmentBytes }: RebuildOptions,
  onProgress?: (indexed: number) => void,
): Promise<number> {
  const helpers = pool?.size ?? 0;
  const chunkSize = Math.max(1, Math.min(250, Math.floor(segmentDocs / 2)));
  const spacing = segmentDocs + chunkSize;
  interface Range {
    segmentId: number;
    nextDoc: number;
    records: DocRecord[];
    chars: number;
    local?: RangeBuilder;
    remote?: RemoteRange;
    /** A helper's documents, kept to build them here should the helper fail. */
    sent: RangeDoc[];
  }
  let ranges: Range[] = [];
  let turn = 0;
  const open = () => {
    const base = target.meta().nextDocId;
    turn = 0;
    ranges = Array.from({ length: helpers + 1 }, (_, j) => {
      const segmentId = target.meta().nextSegmentId++;
      return {
        segmentId,
        nextDoc: base + j * spacing,
        records: [],
        chars: 0,
        sent: [],
        ...(j === helpers
          ? { local: new RangeBuilder(segmentId) }
          : { remote: pool!.start(j, segmentId) }),
      };
    });
  };
  // A group's commit is written while the next group is indexed; commits still land one after
  // another, and one that failed stops the rebuild at the next group's close.
  let committing: Promise<void> = Promise.resolve();
  const close = async (last: boolean) => {
    const built = await Promise.all(
      ranges.map(async (range) => {
        if (!range.records.length) return undefined;
        if (range.local) return range.local.finish();
        return range.remote!.finish().catch(() => buildRange(range.segmentId, range.sent));
      }),
    );
    const files: SegmentFile[] = [];
    ranges.forEach((range, j) => {
      const result = built[j];
      if (!result) return;
      range.records.forEach((record, i) => target.registerDoc(record, result.lengths[i]!));
      files.push(target.stage(result.file));
      target.meta().nextDocId = range.nextDoc;
    });
    if (last) target.meta().rebuilding = false;
    await committing;
    committing = target.commit({ putSegments: files });
    // Awaited at the next close; until then a failure must not count as unhandled.
    committing.catch(() => undefined);
    if (last) await committing;
  };
  open();
  try {
    let indexed = 0;
    const seen = new Set<string>();
    for await (const batch of source) {
      const fresh: IndexDocument[] = [];
      for (const article of batch) {
        if (seen.has(article.id)) continue;
        seen.add(article.id);
        fresh.push(article);
      }
      for (let at = 0; at < fresh.length; at += chunkSize) {
        const range = ranges[turn++ % ranges.length]!;
        const docs = fresh
          .slice(at, at + chunkSize)
          .map((article) => ({ docId: range.nextDoc++, article }));
        for (const { docId, article } of docs) {
          range.records.push(docRecord(docId, article, contentHash(article)));
          range.chars += (article.contentHtml?.length ?? 0) + (article.summary?.length ?? 0);
        }
        if (range.local) range.local.add(docs);
        else {
          range.remote!.add(docs);
          range.sent.push(...docs);
        }
        indexed += docs.length;
        if (range.records.length >= segmentDocs || range.chars >= segmentBytes) {
          await close(false);
          open();
        }
      }
      onProgress?.(indexed);
    }
    await close(true);
    return indexed;
  } finally {
    // Nothing else may touch the index while a commit of this rebuild is still being written.
    await committing.catch(() => undefined);
  }
}
