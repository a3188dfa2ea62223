/**
 * A segment's term dictionary as stored: sorted terms cut into blocks of ~4 KB, each stored as
 * its own page and decodable alone. Only the first term of every block stays in memory (the
 * sparse index), so opening an index reads a few hundred KB instead of every dictionary, and a
 * lookup decodes one block of a few hundred terms.
 *
 * Block layout (varints): term count, postings offset and positions offset of the first term,
 * then per term: code units shared with the previous term (front coding), df, postings byte
 * length, positions byte length; then the terms' remaining parts as UTF-8 joined by '\n'
 * (terms never contain one), decoded with one TextDecoder call.
 */
import { ByteReader, ByteWriter } from './varint';

/** A block is closed once its estimated size reaches this many bytes. */
export const DICT_BLOCK_BYTES = 4096;

export interface DecodedBlock {
  /** Sorted (JavaScript string order). */
  terms: string[];
  df: Uint32Array;
  /** Postings of term i are [postStarts[i], postStarts[i + 1]) in the segment's stream. */
  postStarts: Uint32Array;
  /** Positions of term i are [posStarts[i], posStarts[i + 1]) in the positions stream. */
  posStarts: Uint32Array;
}

export interface TermEntry {
  df: number;
  postStart: number;
  postEnd: number;
  posStart: number;
  posEnd: number;
}

function sharedPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  // Never split a surrogate pair: the rest is stored as UTF-8, which cannot hold half of one.
  if (i > 0 && i < b.length) {
    const code = b.charCodeAt(i - 1);
    if (code >= 0xd800 && code <= 0xdbff) i--;
  }
  return i;
}

/** Rough UTF-8 size, good enough to decide where a block ends. */
function utf8Estimate(text: string, from: number): number {
  let bytes = 0;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
  }
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Collects sorted terms with their numbers into blocks. */
export class DictionaryWriter {
  readonly blocks: Uint8Array[] = [];
  readonly firstTerms: string[] = [];
  termCount = 0;
  private numbers = new ByteWriter(1024);
  private suffixes: string[] = [];
  private previous = '';
  private estimate = 0;
  private count = 0;
  private postBase = 0;
  private posBase = 0;
  private postOffset = 0;
  private posOffset = 0;

  /** The next term (greater than the previous one) and its lengths in the two streams. */
  add(term: string, df: number, postBytes: number, posBytes: number): void {
    if (this.count === 0) {
      this.firstTerms.push(term);
      this.previous = '';
      this.postBase = this.postOffset;
      this.posBase = this.posOffset;
    }
    const shared = sharedPrefix(this.previous, term);
    this.numbers.varint(shared);
    this.numbers.varint(df);
    this.numbers.varint(postBytes);
    this.numbers.varint(posBytes);
    this.suffixes.push(term.slice(shared));
    this.estimate += 5 + utf8Estimate(term, shared);
    this.previous = term;
    this.postOffset += postBytes;
    this.posOffset += posBytes;
    this.count++;
    this.termCount++;
    if (this.estimate >= DICT_BLOCK_BYTES) this.closeBlock();
  }

  private closeBlock(): void {
    if (!this.count) return;
    const text = encoder.encode(this.suffixes.join('\n'));
    const out = new ByteWriter(this.numbers.length + text.length + 16);
    out.varint(this.count);
    out.varint(this.postBase);
    out.varint(this.posBase);
    out.append(this.numbers.bytes.subarray(0, this.numbers.length));
    out.append(text);
    this.blocks.push(out.finish());
    this.numbers = new ByteWriter(1024);
    this.suffixes = [];
    this.estimate = 0;
    this.count = 0;
  }

  finish(): { blocks: Uint8Array[]; firstTerms: string[]; termCount: number } {
    this.closeBlock();
    return { blocks: this.blocks, firstTerms: this.firstTerms, termCount: this.termCount };
  }
}

export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  const reader = new ByteReader(bytes);
  const count = reader.varint();
  const shared = new Uint32Array(count);
  const df = new Uint32Array(count);
  const postStarts = new Uint32Array(count + 1);
  const posStarts = new Uint32Array(count + 1);
  let post = reader.varint();
  let pos = reader.varint();
  for (let i = 0; i < count; i++) {
    shared[i] = reader.varint();
    df[i] = reader.varint();
    postStarts[i] = post;
    posStarts[i] = pos;
    post += reader.varint();
    pos += reader.varint();
  }
  postStarts[count] = post;
  posStarts[count] = pos;
  const suffixes = count ? decoder.decode(bytes.subarray(reader.pos)).split('\n') : [];
  if (suffixes.length !== count) throw new Error('Dictionary block is damaged');
  const terms = new Array<string>(count);
  let previous = '';
  for (let i = 0; i < count; i++) {
    const at = shared[i]!;
    previous = at ? previous.slice(0, at) + suffixes[i]! : suffixes[i]!;
    terms[i] = previous;
  }
  return { terms, df, postStarts, posStarts };
}

/** Every block of a dictionary as one (merges walk whole dictionaries). */
export function decodeBlocks(blocks: Uint8Array[]): DecodedBlock {
  const decoded = blocks.map(decodeBlock);
  const count = decoded.reduce((sum, block) => sum + block.terms.length, 0);
  const out: DecodedBlock = {
    terms: new Array<string>(count),
    df: new Uint32Array(count),
    postStarts: new Uint32Array(count + 1),
    posStarts: new Uint32Array(count + 1),
  };
  let at = 0;
  for (const block of decoded) {
    const n = block.terms.length;
    for (let i = 0; i < n; i++) out.terms[at + i] = block.terms[i]!;
    out.df.set(block.df, at);
    out.postStarts.set(block.postStarts, at);
    out.posStarts.set(block.posStarts, at);
    at += n;
  }
  return out;
}

/** Index of the first term ≥ `term` in a block (its length when there is none). */
export function lowerBoundIn(block: DecodedBlock, term: string): number {
  const terms = block.terms;
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function indexIn(block: DecodedBlock, term: string): number {
  const index = lowerBoundIn(block, term);
  return index < block.terms.length && block.terms[index] === term ? index : -1;
}

export function entryAt(block: DecodedBlock, index: number): TermEntry {
  return {
    df: block.df[index]!,
    postStart: block.postStarts[index]!,
    postEnd: block.postStarts[index + 1]!,
    posStart: block.posStarts[index]!,
    posEnd: block.posStarts[index + 1]!,
  };
}

/** The block that would hold `term`: the last whose first term is ≤ it; -1 if before all. */
export function blockFor(firstTerms: readonly string[], term: string): number {
  let lo = 0;
  let hi = firstTerms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (firstTerms[mid]! <= term) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
