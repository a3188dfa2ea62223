/**
 * Bytes of a text or HTML file to a string. In order of trust: a byte order mark; UTF-16
 * without one (NUL in every other byte); valid UTF-8, which legacy text almost never is by
 * accident; the encoding the document declares; chardet's guess; windows-1252.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The iconv-lite name of the encoding used. */
  encoding: string;
}

// WHATWG Encoding: labels pages use, mapped to the superset browsers decode them with.
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'x-user-defined': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'euc-kr': 'cp949',
  'ks_c_5601-1987': 'cp949',
  'x-sjis': 'shift_jis',
  ms_kanji: 'shift_jis',
  big5: 'big5hkscs',
};

/** An iconv-lite encoding name for a declared charset label, or undefined if unusable. */
export function encodingForLabel(label: string | undefined): string | undefined {
  const name = label
    ?.trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (!name) return undefined;
  const encoding = LABEL_ALIASES[name] ?? name;
  return iconv.encodingExists(encoding) ? encoding : undefined;
}

export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom)
    return {
      text: iconv.decode(asBuffer(bytes.subarray(bom.length)), bom.encoding),
      encoding: bom.encoding,
    };
  const wide = utf16WithoutBom(bytes);
  if (wide) return { text: iconv.decode(asBuffer(bytes), wide), encoding: wide };
  const utf8 = strictUtf8(bytes);
  const label = encodingForLabel(declared);
  // Pure ASCII reads the same in every ASCII-compatible label; real UTF-8 outranks a stale label.
  if (utf8 !== undefined && (!label || !isSevenBitEncoding(label))) {
    return { text: utf8, encoding: 'utf8' };
  }
  if (label && !/^utf/.test(label)) {
    return { text: iconv.decode(asBuffer(bytes), label), encoding: label };
  }
  // Nothing declared that fits (or a UTF-8 label over bytes that are not): let chardet judge.
  // A UTF-8 verdict here means mostly UTF-8 with a few broken bytes, which become U+FFFD.
  const guess = encodingForLabel(chardet.detect(bytes) ?? undefined);
  const encoding = guess && !/^utf-?(?:16|32)/.test(guess) ? guess : 'windows-1252';
  return { text: iconv.decode(asBuffer(bytes), encoding), encoding };
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf8', length: 3 };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Text in a Latin script saved as UTF-16 has a NUL in nearly every high (or low) byte. */
function utf16WithoutBom(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 4096);
  if (sample.length < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenNul += 1;
    else oddNul += 1;
  }
  const pairs = sample.length / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isSevenBitEncoding(encoding: string): boolean {
  return /^(?:iso-?2022|utf-?7|hz)/.test(encoding);
}

/** iconv-lite takes Buffers; this one shares the bytes' memory instead of copying them. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
