/**
 * Reads a zip archive (Omnivore's export) entry by entry from a Blob: the central directory is
 * read from the end, and each entry's bytes are sliced and inflated only when asked for, so a
 * large archive is never held in memory whole. Stored and deflated entries, ZIP64 included;
 * inflation is the browser's own DecompressionStream (off the page's thread). Database-free.
 */
import { LocalizedError } from '../../i18n/localized-error';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** What is wrong with an archive, in words that follow its name ("is cut short"). */
export class ZipError extends LocalizedError {}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
/** What one entry may inflate to: a saved page or a metadata file, never more than this. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

async function bytesOf(blob: Blob, start: number, end: number): Promise<DataView> {
  const buffer = await blob.slice(start, end).arrayBuffer();
  return new DataView(buffer);
}

/** The archive's entries, in directory order. */
export async function readZipDirectory(blob: Blob): Promise<ZipEntry[]> {
  const tailStart = Math.max(0, blob.size - (22 + MAX_COMMENT + 20));
  const tail = await bytesOf(blob, tailStart, blob.size);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tail.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('rescue.zip.notZip');
  let count = tail.getUint16(eocd + 10, true);
  let size = tail.getUint32(eocd + 12, true);
  let offset = tail.getUint32(eocd + 16, true);
  if (eocd >= 20 && tail.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const recordAt = Number(tail.getBigUint64(eocd - 20 + 8, true));
    const record = await bytesOf(blob, recordAt, recordAt + 56);
    if (record.byteLength < 56 || record.getUint32(0, true) !== ZIP64_EOCD) {
      throw new ZipError('rescue.zip.damagedZip64');
    }
    count = Number(record.getBigUint64(32, true));
    size = Number(record.getBigUint64(40, true));
    offset = Number(record.getBigUint64(48, true));
  }
  if (offset + size > blob.size) throw new ZipError('rescue.zip.cutShort');
  const directory = await bytesOf(blob, offset, offset + size);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.byteLength || directory.getUint32(at, true) !== CENTRAL) {
      throw new ZipError('rescue.zip.damagedDirectory');
    }
    const nameLength = directory.getUint16(at + 28, true);
    const extraLength = directory.getUint16(at + 30, true);
    const commentLength = directory.getUint16(at + 32, true);
    const entry: ZipEntry = {
      method: directory.getUint16(at + 10, true),
      compressedSize: directory.getUint32(at + 20, true),
      size: directory.getUint32(at + 24, true),
      offset: directory.getUint32(at + 42, true),
      name: decoder.decode(
        new Uint8Array(directory.buffer, directory.byteOffset + at + 46, nameLength),
      ),
    };
    readZip64Extra(directory, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** ZIP64 keeps sizes and offsets that overflow 32 bits in extra field 0x0001, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  const MAX = 0xffffffff;
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === MAX) entry.size = next();
      if (entry.compressedSize === MAX) entry.compressedSize = next();
      if (entry.offset === MAX) entry.offset = next();
      return;
    }
    at += 4 + size;
  }
}

/** One entry's bytes, inflated. */
export async function readZipEntry(
  blob: Blob,
  entry: ZipEntry,
  maxBytes = MAX_ENTRY_BYTES,
): Promise<Uint8Array<ArrayBuffer>> {
  if (entry.size > maxBytes) {
    throw new ZipError('rescue.zip.tooLarge', { name: entry.name });
  }
  const header = await bytesOf(blob, entry.offset, entry.offset + 30);
  if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL) {
    throw new ZipError('rescue.zip.damagedEntry', { name: entry.name });
  }
  const start = entry.offset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  const raw = blob.slice(start, start + entry.compressedSize);
  if (entry.method === 0) return new Uint8Array(await raw.arrayBuffer());
  if (entry.method !== 8) {
    throw new ZipError('rescue.zip.method', { name: entry.name });
  }
  const input = new Uint8Array(await raw.arrayBuffer());
  const stream = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(input);
      controller.close();
    },
  }).pipeThrough(new DecompressionStream('deflate-raw'));
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      // A zip bomb's directory may claim a small size: count what actually comes out.
      if (total > maxBytes) {
        throw new ZipError('rescue.zip.tooLarge', { name: entry.name });
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ZipError) throw error;
    throw new ZipError('rescue.zip.damagedEntry', { name: entry.name });
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** Whether a file's first bytes are a zip's local header. */
export function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
