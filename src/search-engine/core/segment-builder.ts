/**
 * Builds a new segment from documents in increasing docId order (segment.ts has the format it
 * writes).
 */
import { bitsOf, packValue, tfOf, writeSegment, type SegmentFile } from './segment';
import { normalizeWord } from './tokenize';
import type { TermSink } from './document';

function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  let capacity = array.length * 2;
  while (capacity < size) capacity *= 2;
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array);
  return next;
}

/**
 * Collects documents (in increasing docId order) into a new segment. Terms get small integer
 * ids and each document's postings are appended to a flat log (positions to another); `build`
 * counting-sorts the log by term. No per-term objects: indexing 100,000 articles makes tens of
 * millions of postings.
 */
export class SegmentBuilder implements TermSink {
  private readonly ids = new Map<string, number>();
  /** Words as written (addWordAt): slots hold word index + 1, 0 when empty. */
  private wordSlots = new Int32Array(1 << 12);
  private wordHashes = new Int32Array(1 << 11);
  /** Term id of each word, -1 when it is not a term. */
  private wordTerms = new Int32Array(1 << 11);
  private readonly words: string[] = [];
  private readonly names: string[] = [];
  private tf = new Int32Array(1 << 12);
  private fieldBits = new Uint8Array(1 << 12);
  /** Per term, the current document's positions as a linked list in docPos/docNext (1-based). */
  private head = new Int32Array(1 << 12);
  private tail = new Int32Array(1 << 12);
  private docPos = new Int32Array(1 << 12);
  private docNext = new Int32Array(1 << 12);
  private docPosCount = 0;
  private readonly touched: number[] = [];
  private logTerm = new Int32Array(1 << 14);
  private logValue = new Int32Array(1 << 14);
  /**
   * Each posting's positions, already encoded (varint gaps) while the document is hot in
   * cache; logPosStart has one more entry than there are postings.
   */
  private logPosStart = new Int32Array(1 << 14);
  private posLog = new Uint8Array(1 << 18);
  private posLength = 0;
  private postings = 0;
  private readonly docIds: number[] = [];
  private readonly docEnds: number[] = [];
  minDoc = -1;
  maxDoc = -1;
  docCount = 0;

  get empty(): boolean {
    return this.docCount === 0;
  }

  beginDoc(docId: number): void {
    if (docId <= this.maxDoc) throw new Error(`docId ${docId} is not above ${this.maxDoc}`);
    if (this.minDoc < 0) this.minDoc = docId;
    this.maxDoc = docId;
  }

  /**
   * One occurrence (or `weight` weighted occurrences) of `term` in the current document, at
   * token `position` (negative: no position, e.g. author: terms).
   */
  add(term: string, weight: number, fieldBit: number, position = -1): void {
    this.addId(this.termId(term), weight, fieldBit, position);
  }

  /**
   * A plain word, text[start, end) with its wordHash (see TermSink.addWordAt). Words seen
   * before in this segment are found in an open-addressing table by hash and compared in
   * place: no string is made and no map consulted — the indexing hot path.
   */
  addWordAt(
    text: string,
    start: number,
    end: number,
    hash: number,
    weight: number,
    fieldBit: number,
    position: number,
  ): boolean {
    const length = end - start;
    const { wordSlots, wordHashes, words } = this;
    const mask = wordSlots.length - 1;
    let slot = hash & mask;
    for (let entry = wordSlots[slot]!; entry; entry = wordSlots[slot]!) {
      const w = entry - 1;
      if (wordHashes[w] === hash) {
        const word = words[w]!;
        let same = word.length === length;
        for (let i = 0; same && i < length; i++)
          same = word.charCodeAt(i) === text.charCodeAt(start + i);
        if (same) {
          const id = this.wordTerms[w]!;
          if (id < 0) return false;
          this.addId(id, weight, fieldBit, position);
          return true;
        }
      }
      slot = (slot + 1) & mask;
    }
    const word = text.slice(start, end);
    const term = normalizeWord(word);
    const id = term ? this.termId(term) : -1;
    const w = words.length;
    words.push(word);
    this.wordHashes = grown(this.wordHashes, w + 1);
    this.wordTerms = grown(this.wordTerms, w + 1);
    this.wordHashes[w] = hash;
    this.wordTerms[w] = id;
    wordSlots[slot] = w + 1;
    if (words.length * 2 > wordSlots.length) this.growWordSlots();
    if (id < 0) return false;
    this.addId(id, weight, fieldBit, position);
    return true;
  }

  private growWordSlots(): void {
    const slots = new Int32Array(this.wordSlots.length * 2);
    const mask = slots.length - 1;
    for (let w = 0; w < this.words.length; w++) {
      let slot = this.wordHashes[w]! & mask;
      while (slots[slot]) slot = (slot + 1) & mask;
      slots[slot] = w + 1;
    }
    this.wordSlots = slots;
  }

  private termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
      this.tf = grown(this.tf, id + 1);
      this.fieldBits = grown(this.fieldBits, id + 1);
      this.head = grown(this.head, id + 1);
      this.tail = grown(this.tail, id + 1);
    }
    return id;
  }

  private addId(id: number, weight: number, fieldBit: number, position: number): void {
    if (this.tf[id] === 0) this.touched.push(id);
    this.tf[id] += weight;
    this.fieldBits[id] |= fieldBit;
    if (position < 0) return;
    const node = ++this.docPosCount;
    if (node >= this.docPos.length) {
      this.docPos = grown(this.docPos, node + 1);
      this.docNext = grown(this.docNext, node + 1);
    }
    this.docPos[node] = position;
    this.docNext[node] = 0;
    if (this.head[id] === 0) this.head[id] = node;
    else this.docNext[this.tail[id]!] = node;
    this.tail[id] = node;
  }

  endDoc(): void {
    const touched = this.touched;
    const needed = this.postings + touched.length + 1;
    this.logTerm = grown(this.logTerm, needed);
    this.logValue = grown(this.logValue, needed);
    this.logPosStart = grown(this.logPosStart, needed);
    // At most five bytes a position.
    this.posLog = grown(this.posLog, this.posLength + this.docPosCount * 5);
    const { logTerm, logValue, logPosStart, posLog, docPos, docNext, head, tf, fieldBits } = this;
    let length = this.posLength;
    let postings = this.postings;
    for (const id of touched) {
      logTerm[postings] = id;
      logValue[postings] = packValue(tf[id]!, fieldBits[id]!);
      logPosStart[postings] = length;
      let previous = 0;
      for (let node = head[id]!; node; node = docNext[node]!) {
        let v = docPos[node]! - previous;
        previous = docPos[node]!;
        while (v >= 0x80) {
          posLog[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        posLog[length++] = v;
      }
      postings++;
      tf[id] = 0;
      fieldBits[id] = 0;
      head[id] = 0;
      this.tail[id] = 0;
    }
    this.postings = postings;
    this.posLength = length;
    logPosStart[postings] = length;
    touched.length = 0;
    this.docPosCount = 0;
    this.docIds.push(this.maxDoc);
    this.docEnds.push(postings);
    this.docCount++;
  }

  /** A whole document at once, without positions: term → packed value (see packValue). */
  addDoc(docId: number, docTerms: Map<string, number>): void {
    this.beginDoc(docId);
    for (const [term, value] of docTerms) this.add(term, tfOf(value), bitsOf(value));
    this.endDoc();
  }

  build(id: number): SegmentFile {
    const count = this.names.length;
    const total = this.postings;
    const { logTerm, logValue, logPosStart, posLog } = this;
    // Counting sort of the log by term id, scattering what encoding needs into term order so
    // the encoding pass below reads sequentially; documents stay ascending within a term.
    const starts = new Uint32Array(count + 1);
    for (let p = 0; p < total; p++) starts[logTerm[p]! + 1]!++;
    for (let t = 0; t < count; t++) starts[t + 1]! += starts[t]!;
    const cursor = starts.slice(0, count);
    const docs = new Int32Array(total);
    const values = new Int32Array(total);
    const posFrom = new Int32Array(total);
    const posTo = new Int32Array(total);
    let p = 0;
    const docIds = this.docIds;
    const docEnds = this.docEnds;
    for (let d = 0; d < docIds.length; d++) {
      const docId = docIds[d]!;
      for (const end = docEnds[d]!; p < end; p++) {
        const at = cursor[logTerm[p]!]!++;
        docs[at] = docId;
        values[at] = logValue[p]!;
        posFrom[at] = logPosStart[p]!;
        posTo[at] = logPosStart[p + 1]!;
      }
    }
    // Default sort compares UTF-16 code units, the order lowerBound uses.
    const sorted = [...this.names].sort();
    const ids = this.ids;
    const minDoc = this.minDoc;
    return writeSegment(id, minDoc, this.maxDoc, this.docCount, sorted, (index, out, positions) => {
      const t = ids.get(sorted[index]!)!;
      const from = starts[t]!;
      const to = starts[t + 1]!;
      out.reserve((to - from) * 10);
      let bytes = out.bytes;
      let length = out.length;
      let last = minDoc;
      for (let at = from; at < to; at++) {
        let v = docs[at]! - last;
        last = docs[at]!;
        while (v >= 0x80) {
          bytes[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[length++] = v;
        v = values[at]!;
        while (v >= 0x80) {
          bytes[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[length++] = v;
      }
      out.length = length;
      for (let at = from; at < to; at++) {
        const first = posFrom[at]!;
        const size = posTo[at]! - first;
        positions.reserve(size + 5);
        bytes = positions.bytes;
        length = positions.length;
        let v = size;
        while (v >= 0x80) {
          bytes[length++] = (v & 0x7f) | 0x80;
          v >>>= 7;
        }
        bytes[length++] = v;
        for (let i = 0; i < size; i++) bytes[length++] = posLog[first + i]!;
        positions.length = length;
      }
      return to - from;
    });
  }
}
