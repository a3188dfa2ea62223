/**
 * UTF-8 beyond valid-or-not. Feeds and pages that are UTF-8 except for a few pasted
 * windows-1252 bytes (a stray curly quote) are common; decoding the whole document as
 * windows-1252 because of them would garble every other accented letter, so such documents
 * decode as UTF-8 with only the stray bytes read as windows-1252.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { WINDOWS_1252 } from './charset-labels';

/** The text when every byte is valid UTF-8, else undefined. A BOM is dropped. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  // isUtf8 (simdutf) and Buffer's decoder are several times faster than a fatal TextDecoder.
  if (!isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Whether invalid bytes are rare strays among plenty of valid multibyte sequences. Text in a
 * legacy encoding forms valid UTF-8 sequences only by accident and fails often in between.
 */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  let sequences = 0;
  let invalid = 0;
  walkUtf8(bytes, (start, end) => {
    if (end < 0) invalid += 1;
    else if (end - start > 1) sequences += 1;
  });
  // Legacy text makes several invalid bytes for each accidental sequence (CJK) or no
  // sequences at all (Latin, Cyrillic); real UTF-8 has far more sequences than strays.
  return sequences > 0 && invalid * 4 <= sequences;
}

/** UTF-8, with each byte that is not part of a valid sequence read as windows-1252. */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  const parts: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let runStart = 0;
  walkUtf8(bytes, (start, end) => {
    if (end >= 0) return;
    if (start > runStart) parts.push(decoder.decode(bytes.subarray(runStart, start)));
    parts.push(iconv.decode(bytes.subarray(start, start + 1), WINDOWS_1252));
    runStart = start + 1;
  });
  if (runStart < bytes.length) parts.push(decoder.decode(bytes.subarray(runStart)));
  return parts.join('').replace(/^\uFEFF/, '');
}

/**
 * Calls `visit(start, end)` for each character: `end` is the index after it, or -1 for a byte
 * that starts no valid sequence. ASCII runs are skipped without a call.
 */
function walkUtf8(bytes: Uint8Array, visit: (start: number, end: number) => void): void {
  const length = bytes.length;
  let index = 0;
  while (index < length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const size = sequenceLength(bytes, index);
    if (size) {
      visit(index, index + size);
      index += size;
    } else {
      visit(index, -1);
      index += 1;
    }
  }
}

/** Length of the valid UTF-8 sequence at `index` (RFC 3629 table 1), or 0. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index];
  const next = bytes[index + 1] ?? 0;
  const isTrail = (offset: number) => ((bytes[index + offset] ?? 0) & 0xc0) === 0x80;
  if (lead >= 0xc2 && lead <= 0xdf) return isTrail(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return next >= low && next <= high && isTrail(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return next >= low && next <= high && isTrail(2) && isTrail(3) ? 4 : 0;
  }
  return 0;
}
