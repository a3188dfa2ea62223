/**
 * Segments built from ranges of documents: the unit of work a rebuild shares out. The search
 * worker streams a range's documents to a helper worker as it reads them (a pool), builds one
 * range itself meanwhile, and commits the segments together once every range is full.
 */
import { analyzeDoc, type IndexDocument } from './document';
import type { SegmentFile } from './segment';
import { SegmentBuilder } from './segment-builder';

export interface RangeDoc {
  docId: number;
  article: IndexDocument;
}

export interface BuiltRange {
  file: SegmentFile;
  /** Each document's length in tokens, in the order added. */
  lengths: Int32Array;
}

/** One segment under construction: documents in increasing docId order, then `finish`. */
export class RangeBuilder {
  private readonly builder = new SegmentBuilder();
  private readonly lengths: number[] = [];

  constructor(readonly segmentId: number) {}

  add(docs: RangeDoc[]): this {
    for (const { docId, article } of docs) {
      this.builder.beginDoc(docId);
      this.lengths.push(analyzeDoc(article, this.builder));
      this.builder.endDoc();
    }
    return this;
  }

  finish(): BuiltRange {
    return { file: this.builder.build(this.segmentId), lengths: Int32Array.from(this.lengths) };
  }
}

export function buildRange(segmentId: number, docs: RangeDoc[]): BuiltRange {
  return new RangeBuilder(segmentId).add(docs).finish();
}

/** A range being built elsewhere. */
export interface RemoteRange {
  add(docs: RangeDoc[]): void;
  finish(): Promise<BuiltRange>;
}

/** Helper workers for a rebuild: `size` of them, each building one range at a time. */
export interface SegmentBuildPool {
  readonly size: number;
  start(helper: number, segmentId: number): RemoteRange;
  close(): void;
}

/** The buffers a built range can hand over to another thread without copying. */
export function rangeTransfer(built: BuiltRange): ArrayBuffer[] {
  const { file, lengths } = built;
  const buffers = new Set<ArrayBuffer>();
  for (const page of [...file.pages, ...file.posPages, ...file.dictPages, lengths])
    if (page.buffer instanceof ArrayBuffer) buffers.add(page.buffer);
  return [...buffers];
}
