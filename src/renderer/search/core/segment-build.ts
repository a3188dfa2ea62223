/**
 * One segment built from a range of documents: the unit of work a rebuild hands out. The search
 * worker can pass ranges to helper workers (a pool), build one itself meanwhile, and commit
 * the segments in docId order as they come back.
 */
import { analyzeDoc, type SearchableArticle } from './document';
import { SegmentBuilder, type SegmentFile } from './segment';

export interface RangeDoc {
  docId: number;
  article: SearchableArticle;
}

export interface BuiltRange {
  file: SegmentFile;
  /** Each document's length in tokens, in range order. */
  lengths: Int32Array;
}

/** Builds segments elsewhere (helper workers); `size` ranges at once. */
export interface SegmentBuildPool {
  readonly size: number;
  build(segmentId: number, docs: RangeDoc[]): Promise<BuiltRange>;
  close(): void;
}

/** `docs` ascending by docId. */
export function buildRange(segmentId: number, docs: RangeDoc[]): BuiltRange {
  const builder = new SegmentBuilder();
  const lengths = new Int32Array(docs.length);
  docs.forEach(({ docId, article }, i) => {
    builder.beginDoc(docId);
    lengths[i] = analyzeDoc(article, builder);
    builder.endDoc();
  });
  return { file: builder.build(segmentId), lengths };
}

/** The buffers a built range can hand over to another thread without copying. */
export function rangeTransfer(built: BuiltRange): ArrayBuffer[] {
  const { file, lengths } = built;
  const buffers = new Set<ArrayBuffer>();
  for (const page of [...file.pages, ...file.posPages, ...file.dictPages, lengths])
    if (page.buffer instanceof ArrayBuffer) buffers.add(page.buffer);
  return [...buffers];
}
