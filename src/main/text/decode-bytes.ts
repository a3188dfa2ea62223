/**
 * Bytes to text, for everything Broadsheet reads: feeds, fetched pages and imported files. In
 * order of trust: a byte order mark, or UTF-16 that plainly is UTF-16 without one; valid UTF-8
 * (no legacy text passes for it by accident, so it beats any label); the labels the caller
 * found (a Content-Type charset, an XML declaration, a `<meta charset>`), as long as the bytes
 * decode cleanly with them; detection from the bytes; and finally windows-1252, the web's
 * legacy default.
 */
import iconv from 'iconv-lite';
import { UTF8, WINDOWS_1252, canonicalCharset, isMultibyte, isWide } from './charset-labels';
import { detectCharsets } from './detect-charset';
import { decodeUtf8Lenient, decodeUtf8Strict, isMostlyUtf8 } from './utf8';

export interface DecodedText {
  text: string;
  /** The encoding the text was decoded from, as an iconv-lite name. */
  encoding: string;
}

// Enough of the start to tell UTF-16 by its NUL bytes.
const UTF16_SAMPLE_BYTES = 4096;

/**
 * `declared` are the charset labels the document carries, in any spelling and in any number
 * (unknown ones are ignored); when several fit the bytes, the bytes decide between them.
 */
export function decodeBytes(
  bytes: Uint8Array,
  declared: readonly (string | undefined)[] = [],
): DecodedText {
  const unicode = unicodeEncoding(bytes);
  if (unicode) return { text: decodeWith(bytes, unicode) ?? '', encoding: unicode };
  const labels = unique(
    declared
      .map(canonicalCharset)
      // Without a BOM the bytes are ASCII-compatible, whatever a label claims.
      .filter((charset): charset is string => !!charset && !isWide(charset)),
  );

  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== undefined) {
    // Pure ASCII reads the same in every label except the 7-bit ones (ISO-2022-JP, UTF-7).
    const sevenBit = labels.find((label) => !isAsciiSafe(label));
    const text = sevenBit && isAscii(bytes) ? decodeWith(bytes, sevenBit) : undefined;
    return sevenBit && text !== undefined
      ? { text, encoding: sevenBit }
      : { text: utf8, encoding: UTF8 };
  }

  const legacy = labels.filter((label) => label !== UTF8);
  const chosen = chooseDeclared(bytes, legacy);
  if (chosen) return chosen;
  // A UTF-8 label (or none) with a few stray bytes: keep the UTF-8 and mend the strays.
  if (legacy.length < labels.length || !labels.length) {
    if (isMostlyUtf8(bytes)) return { text: decodeUtf8Lenient(bytes), encoding: UTF8 };
  }
  for (const charset of detectCharsets(bytes)) {
    if (charset === UTF8) {
      if (isMostlyUtf8(bytes)) return { text: decodeUtf8Lenient(bytes), encoding: UTF8 };
      continue;
    }
    const text = decodeWith(bytes, charset);
    if (text !== undefined && isClean(text)) return { text, encoding: charset };
  }
  return { text: decodeWith(bytes, WINDOWS_1252) ?? '', encoding: WINDOWS_1252 };
}

/** The charset parameter of a Content-Type header, as written. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1];
}

/**
 * The Unicode encoding the bytes announce before any label is read: a byte order mark, or the
 * shape of UTF-16 without one. Undefined for everything ASCII-compatible but a UTF-8 BOM.
 */
export function unicodeEncoding(bytes: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return UTF8;
  if (b0 === 0xff && b1 === 0xfe) return b2 === 0 && b3 === 0 ? 'utf-32le' : 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return 'utf-32be';
  // Markup in UTF-16 starts with `<`.
  if (b0 === 0x3c && b1 === 0 && b2 !== 0) return 'utf-16le';
  if (b0 === 0 && b1 === 0x3c) return 'utf-16be';
  return utf16ByNuls(bytes.subarray(0, UTF16_SAMPLE_BYTES));
}

/** Text in a Latin script saved as UTF-16 has a NUL in nearly every high (or low) byte. */
function utf16ByNuls(sample: Uint8Array): string | undefined {
  if (sample.length < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let index = 0; index < sample.length; index += 1) {
    if (sample[index] !== 0) continue;
    if (index % 2 === 0) evenNul += 1;
    else oddNul += 1;
  }
  const pairs = sample.length / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * The declared legacy encoding that fits the bytes. A multibyte encoding that decodes without
 * errors is strong evidence, so it wins over single-byte labels (which fit any bytes): when the
 * Content-Type and the document disagree (a server default against the generator's own
 * declaration, typically), and when a lone single-byte label sits on bytes that look like a
 * multibyte encoding. Otherwise the detector ranks the candidates.
 */
function chooseDeclared(bytes: Uint8Array, labels: string[]): DecodedText | undefined {
  const clean: DecodedText[] = [];
  for (const encoding of labels) {
    const text = decodeWith(bytes, encoding);
    if (text !== undefined && isClean(text)) clean.push({ text, encoding });
  }
  const multibyte = clean.filter((decoded) => isMultibyte(decoded.encoding));
  if (clean.length && !multibyte.length && looksMultibyte(bytes)) {
    const [likeliest] = detectCharsets(bytes);
    const text = likeliest && isMultibyte(likeliest) ? decodeWith(bytes, likeliest) : undefined;
    if (text !== undefined && isClean(text)) return { text, encoding: likeliest };
  }
  if (clean.length < 2) return clean[0];
  if (multibyte.length === 1) return multibyte[0];
  const ranked = detectCharsets(bytes);
  const rank = (decoded: DecodedText) => {
    const index = ranked.indexOf(decoded.encoding);
    return index < 0 ? ranked.length : index;
  };
  return clean.reduce((best, decoded) => (rank(decoded) < rank(best) ? decoded : best));
}

/**
 * Whether a decoding looks right: hardly any replacement characters (bytes the encoding has
 * no character for) or C1 controls (what windows-125x punctuation becomes in an ISO-8859 set).
 * A stray damaged byte is tolerated; a wrong encoding produces many.
 */
function isClean(text: string): boolean {
  let bad = 0;
  let nonAscii = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    nonAscii += 1;
    if (code === 0xfffd || code < 0xa0) bad += 1;
  }
  return bad === 0 || bad * 200 <= nonAscii;
}

/**
 * Whether most non-ASCII bytes come in runs, as in CJK encodings. Latin text has them alone
 * (`é` between ASCII letters); Cyrillic, Greek or Hebrew in runs too, which costs only a
 * detection that then confirms their single-byte label.
 */
function looksMultibyte(bytes: Uint8Array): boolean {
  let high = 0;
  let paired = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] < 0x80) continue;
    high += 1;
    if (bytes[index + 1] >= 0x80 || bytes[index - 1] >= 0x80) paired += 1;
  }
  return high > 0 && paired * 2 >= high;
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return false;
  return true;
}

function isAsciiSafe(charset: string): boolean {
  return !/^(utf7|iso2022|hz)/.test(charset.replace(/[^a-z0-9]/g, ''));
}

function decodeWith(bytes: Uint8Array, encoding: string): string | undefined {
  if (iconv.encodingExists(encoding)) return iconv.decode(bytes, encoding);
  // The few encodings iconv-lite lacks (ISO-2022-JP) are in Node's ICU.
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return undefined;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
